package io.wrenmq.persistence;

import java.util.Objects;

/**
 * A message as the store keeps it: the encoded bytes, never looked into, and the columns a store indexes.
 *
 * @param id           unique within the broker and increasing in arrival order; delivery order within a priority
 * @param priority     0 to 9
 * @param expiration   when it expires, in milliseconds since the epoch; 0 for never
 * @param deliveryTime when it may be delivered (delivery delay), in milliseconds since the epoch
 * @param body         the encoded message; callers must not change it once stored
 */
public record StoredMessage(long id, int priority, long expiration, long deliveryTime, byte[] body) {

    public StoredMessage {
        if (priority < 0 || priority > 9) {
            throw new IllegalArgumentException("priority " + priority + " is not 0..9");
        }
        Objects.requireNonNull(body, "body");
    }

    /** Where this message stands in its holders' delivery order. */
    public Position position() {
        return new Position(priority, id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredMessage m && m.id == id && m.priority == priority && m.expiration == expiration
                && m.deliveryTime == deliveryTime && java.util.Arrays.equals(m.body, body);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "StoredMessage[id=" + id + ", priority=" + priority + ", " + body.length + " bytes]";
    }
}
