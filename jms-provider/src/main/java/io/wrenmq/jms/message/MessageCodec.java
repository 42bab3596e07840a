package io.wrenmq.jms.message;

import io.wrenmq.jms.WrenDestination;
import io.wrenmq.protocol.ByteReader;
import io.wrenmq.protocol.ByteWriter;
import io.wrenmq.protocol.DestinationKind;
import io.wrenmq.protocol.MalformedMessageException;
import io.wrenmq.protocol.MessageHeaders;
import io.wrenmq.protocol.MessageLayout;
import io.wrenmq.protocol.WireDestination;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import java.util.Enumeration;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a message into the bytes of {@link MessageLayout} and back. The producer's client encodes once; the broker
 * forwards those bytes; the consumer's client decodes them. Stateless and thread-safe.
 */
public final class MessageCodec {
    private static final int HEADER_SIZE_GUESS = 160;

    private MessageCodec() {
    }

    /** The message laid out for the wire, sent without a delivery delay. */
    public static byte[] encode(WrenMessage m) throws JMSException {
        return encode(m, false);
    }

    /**
     * The message laid out for the wire. {@code JMSXDeliveryCount} is the broker's to set, so it is left out.
     *
     * @param delayed whether it was sent with a delivery delay, so the broker holds it until its
     *                {@code JMSDeliveryTime}
     */
    public static byte[] encode(WrenMessage m, boolean delayed) throws JMSException {
        int flags = (m.getJMSDeliveryMode() == DeliveryMode.PERSISTENT ? MessageLayout.FLAG_PERSISTENT : 0)
                | (delayed ? MessageLayout.FLAG_DELAYED : 0);
        ByteWriter w = new ByteWriter(HEADER_SIZE_GUESS + m.bodySizeHint());
        w.u8(MessageLayout.VERSION)
                .u8(m.bodyType())
                .u8(flags)
                .u8(m.getJMSPriority())
                .i64(m.getJMSTimestamp())
                .i64(m.getJMSExpiration())
                .i64(m.getJMSDeliveryTime())
                .str(m.getJMSMessageID());
        byte[] correlationBytes = m.correlationIdBytesRaw();
        if (correlationBytes != null) {
            w.u8(MessageLayout.CORRELATION_BYTES).bytes(correlationBytes);
        } else if (m.correlationIdStringRaw() != null) {
            w.u8(MessageLayout.CORRELATION_STRING).str(m.correlationIdStringRaw());
        } else {
            w.u8(MessageLayout.CORRELATION_NONE);
        }
        writeDestination(w, m.getJMSDestination());
        writeDestination(w, m.getJMSReplyTo());
        w.str(m.getJMSType());
        writeProperties(w, m.propertyMap());
        if (m.bodyIsNull()) {
            w.i32(-1);
        } else {
            int lengthAt = w.position();
            w.i32(0);
            m.writeBody(w);
            w.putInt(lengthAt, w.position() - lengthAt - 4);
        }
        return w.toByteArray();
    }

    private static void writeProperties(ByteWriter w, Map<String, Object> properties) {
        int lengthAt = w.position();
        w.i32(0);
        int countAt = w.position();
        w.i32(0);
        int count = 0;
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            if (WrenMessage.DELIVERY_COUNT.equals(e.getKey())) {
                continue;
            }
            w.str(e.getKey()).value(e.getValue());
            count++;
        }
        w.putInt(countAt, count);
        w.putInt(lengthAt, w.position() - lengthAt - 4);
    }

    private static void writeDestination(ByteWriter w, Destination d) throws JMSException {
        WireDestination wire = toWire(d);
        if (wire == null) {
            w.u8(0);
        } else {
            w.u8(wire.kind().code()).str(wire.name());
        }
    }

    /** Our own destinations as they are; another provider's queue or topic by its name. */
    private static WireDestination toWire(Destination d) throws JMSException {
        if (d == null) {
            return null;
        }
        if (d instanceof WrenDestination w) {
            return w.toWire();
        }
        if (d instanceof TemporaryQueue q) {
            return new WireDestination(DestinationKind.TEMPORARY_QUEUE, q.getQueueName());
        }
        if (d instanceof TemporaryTopic t) {
            return new WireDestination(DestinationKind.TEMPORARY_TOPIC, t.getTopicName());
        }
        if (d instanceof Queue q) {
            return WireDestination.queue(q.getQueueName());
        }
        if (d instanceof Topic t) {
            return WireDestination.topic(t.getTopicName());
        }
        throw new JMSException("cannot carry a destination that is neither a Queue nor a Topic: " + d);
    }

    /**
     * The application's message for bytes from the broker, read-only as a received message is.
     *
     * @param destinations makes the destination objects for {@code JMSDestination} and {@code JMSReplyTo}
     * @throws MalformedMessageException if the bytes do not follow the layout
     */
    public static WrenMessage decode(byte[] encoded, Function<WireDestination, Destination> destinations) {
        return decode(encoded, destinations, null);
    }

    /**
     * As {@link #decode(byte[], Function)}, for a connection whose ObjectMessages follow {@code policy} (null: the
     * standard one).
     */
    public static WrenMessage decode(byte[] encoded, Function<WireDestination, Destination> destinations,
            DeserializationPolicy policy) {
        ByteReader r = new ByteReader(encoded);
        int version = r.u8();
        if (version != MessageLayout.VERSION) {
            throw new MalformedMessageException("message layout version " + version + " is not "
                    + MessageLayout.VERSION);
        }
        int bodyType = r.u8();
        WrenMessage m = newMessage(bodyType);
        if (m instanceof WrenObjectMessage o) {
            o.setDeserializationPolicy(policy);
        }
        m.setJMSDeliveryMode((r.u8() & MessageLayout.FLAG_PERSISTENT) != 0
                ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
        m.setJMSPriority(r.u8());
        m.setJMSTimestamp(r.i64());
        m.setJMSExpiration(r.i64());
        m.setJMSDeliveryTime(r.i64());
        m.setJMSMessageID(r.str());
        int correlationTag = r.u8();
        switch (correlationTag) {
            case MessageLayout.CORRELATION_NONE -> {
            }
            case MessageLayout.CORRELATION_STRING -> m.setJMSCorrelationID(r.str());
            case MessageLayout.CORRELATION_BYTES -> m.setCorrelationIdBytesRaw(r.bytes());
            default -> throw new MalformedMessageException("unknown correlation id tag " + correlationTag);
        }
        m.setJMSDestination(readDestination(r, destinations));
        m.setJMSReplyTo(readDestination(r, destinations));
        m.setJMSType(r.str());
        int propertiesEnd = r.length(false) + r.position();
        int count = r.i32();
        if (count < 0) {
            throw new MalformedMessageException("property count " + count + " is negative");
        }
        Map<String, Object> properties = m.propertyMap();
        for (int i = 0; i < count; i++) {
            properties.put(r.str(), r.value(MessageLayout.TAG_STRING));
        }
        if (r.position() != propertiesEnd) {
            throw new MalformedMessageException("the properties do not fill their declared length");
        }
        int bodyLength = r.length(true);
        if (bodyLength < 0) {
            // As MessageHeaders.parse insists: else a Map or Stream body would be read from the bytes after it.
            if (bodyType != MessageLayout.BODY_TEXT && bodyType != MessageLayout.BODY_OBJECT) {
                throw new MalformedMessageException("a null body is only allowed for Text and Object messages");
            }
            m.readBody(r, bodyLength);
        } else {
            ByteReader body = new ByteReader(encoded, r.position(), r.position() + bodyLength);
            m.readBody(body, bodyLength);
            if (body.remaining() != 0) {
                throw new MalformedMessageException(body.remaining() + " stray bytes at the end of the body");
            }
            r.skip(bodyLength);
        }
        if (r.remaining() != 0) {
            throw new MalformedMessageException(r.remaining() + " trailing bytes after the body");
        }
        m.setReadOnly();
        return m;
    }

    private static Destination readDestination(ByteReader r, Function<WireDestination, Destination> destinations) {
        WireDestination wire = MessageHeaders.readDestination(r);
        return wire == null ? null : destinations.apply(wire);
    }

    private static WrenMessage newMessage(int bodyType) {
        return switch (bodyType) {
            case MessageLayout.BODY_MESSAGE -> new WrenMessage();
            case MessageLayout.BODY_TEXT -> new WrenTextMessage();
            case MessageLayout.BODY_BYTES -> new WrenBytesMessage();
            case MessageLayout.BODY_MAP -> new WrenMapMessage();
            case MessageLayout.BODY_STREAM -> new WrenStreamMessage();
            case MessageLayout.BODY_OBJECT -> new WrenObjectMessage();
            default -> throw new MalformedMessageException("unknown body type " + bodyType);
        };
    }

    /**
     * A Wren copy of another provider's message (spec 4.12.5: a provider must be able to send foreign messages),
     * header fields, properties and body. The caller has already set the send-time header fields on the original.
     */
    public static WrenMessage copyOf(Message foreign) throws JMSException {
        WrenMessage m = copyBody(foreign);
        m.setJMSMessageID(foreign.getJMSMessageID());
        m.setJMSTimestamp(foreign.getJMSTimestamp());
        byte[] correlationBytes = foreign.getJMSCorrelationIDAsBytes();
        String correlation = foreign.getJMSCorrelationID();
        if (correlation != null) {
            m.setJMSCorrelationID(correlation);
        } else if (correlationBytes != null) {
            m.setJMSCorrelationIDAsBytes(correlationBytes);
        }
        m.setJMSReplyTo(foreign.getJMSReplyTo());
        m.setJMSDestination(foreign.getJMSDestination());
        m.setJMSDeliveryMode(foreign.getJMSDeliveryMode());
        m.setJMSType(foreign.getJMSType());
        m.setJMSExpiration(foreign.getJMSExpiration());
        m.setJMSDeliveryTime(foreign.getJMSDeliveryTime());
        m.setJMSPriority(foreign.getJMSPriority());
        for (Enumeration<?> names = foreign.getPropertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            m.setObjectProperty(name, foreign.getObjectProperty(name));
        }
        return m;
    }

    private static WrenMessage copyBody(Message foreign) throws JMSException {
        if (foreign instanceof TextMessage t) {
            WrenTextMessage m = new WrenTextMessage();
            m.setText(t.getText());
            return m;
        }
        if (foreign instanceof BytesMessage b) {
            WrenBytesMessage m = new WrenBytesMessage();
            b.reset();
            byte[] bytes = new byte[(int) b.getBodyLength()];
            b.readBytes(bytes);
            m.writeBytes(bytes);
            return m;
        }
        if (foreign instanceof MapMessage map) {
            WrenMapMessage m = new WrenMapMessage();
            for (Enumeration<?> names = map.getMapNames(); names.hasMoreElements(); ) {
                String name = (String) names.nextElement();
                m.setObject(name, map.getObject(name));
            }
            return m;
        }
        if (foreign instanceof StreamMessage s) {
            WrenStreamMessage m = new WrenStreamMessage();
            s.reset();
            try {
                while (true) {
                    m.writeObject(s.readObject());
                }
            } catch (MessageEOFException end) {
                return m;
            }
        }
        if (foreign instanceof ObjectMessage o) {
            WrenObjectMessage m = new WrenObjectMessage();
            m.setObject(o.getObject());
            return m;
        }
        return new WrenMessage();
    }
}
