package io.wrenmq.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes the bytes of a message the broker forwards on its own account (to a dead-letter or expiry queue) from
 * those of the message it holds: the same body, message id, correlation id, reply-to, type and properties, with
 * a new {@code JMSDestination}, some properties added, and optionally no expiration. The body is copied, never
 * decoded, and the original bytes are left as they were (other subscriptions may share them).
 */
public final class MessageRewriter {

    private MessageRewriter() {
    }

    /**
     * @param encoded         a message that {@link MessageHeaders#parse} accepts
     * @param destination     its new {@code JMSDestination}
     * @param added           properties to set, replacing any of the same name
     * @param clearExpiration whether the copy never expires (what an expiry queue needs, or it would expire again)
     * @throws MalformedMessageException if {@code encoded} is not a message
     * @throws IllegalArgumentException  for a property value the layout has no type for
     */
    public static byte[] forward(byte[] encoded, WireDestination destination, Map<String, Object> added,
                                 boolean clearExpiration) {
        MessageHeaders headers = MessageHeaders.parse(encoded);
        ByteReader r = new ByteReader(encoded);
        r.position(MessageLayout.FIXED_HEADER_SIZE);
        r.skipStr();
        MessageHeaders.skipCorrelationId(r);
        int destinationStart = r.position();
        MessageHeaders.readDestination(r);
        int destinationEnd = r.position();
        MessageHeaders.readDestination(r);
        r.skipStr();
        int propertiesStart = r.position();
        int bodyStart = propertiesStart + 4 + r.length(false);

        ByteWriter w = new ByteWriter(encoded.length + 64 * (added.size() + 1));
        w.raw(encoded, 0, MessageLayout.OFFSET_EXPIRATION);
        w.i64(clearExpiration ? 0 : headers.expiration());
        w.raw(encoded, MessageLayout.OFFSET_DELIVERY_TIME, destinationStart - MessageLayout.OFFSET_DELIVERY_TIME);
        w.u8(destination.kind().code()).str(destination.name());
        w.raw(encoded, destinationEnd, propertiesStart - destinationEnd);

        Map<String, Object> properties = new LinkedHashMap<>(headers.properties());
        properties.keySet().removeAll(added.keySet());
        properties.putAll(added);
        int lengthAt = w.position();
        w.i32(0).i32(properties.size());
        for (Map.Entry<String, Object> p : properties.entrySet()) {
            w.str(p.getKey()).value(p.getValue());
        }
        w.putInt(lengthAt, w.position() - lengthAt - 4);
        w.raw(encoded, bodyStart, encoded.length - bodyStart);
        return w.toByteArray();
    }
}
