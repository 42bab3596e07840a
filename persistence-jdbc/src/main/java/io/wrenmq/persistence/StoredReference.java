package io.wrenmq.persistence;

import java.util.Objects;

/**
 * One holder's reference to a stored message, as read back.
 *
 * @param deliveries how many times it was dispatched from this holder before (see
 *                   {@link MessageStore#deliveryCountRaised}); above 0 means it comes back flagged redelivered
 */
public record StoredReference(StoredMessage message, int deliveries) {

    public StoredReference {
        Objects.requireNonNull(message, "message");
    }
}
