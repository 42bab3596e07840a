package io.wrenmq.broker.core;

import io.wrenmq.persistence.Position;

/**
 * One message's place in one {@link MessageQueue}: a topic message has one entry per subscription. Changed only on
 * its queue's event loop.
 */
final class QueueEntry {
    final ServerMessage message;
    /** The message's id: unique in the broker and increasing in arrival order; redelivered entries go back to their
     * place by it. */
    final long sequence;
    /** {@code JMSXDeliveryCount} of the next delivery: 1, plus one for each delivery the application saw. */
    int deliveryCount = 1;
    /**
     * For an entry kept in the store, the deliveries the store has recorded for it (a crash brings it back with a
     * delivery count one above); -1 for an entry the store does not keep.
     */
    int storedDeliveries = -1;

    QueueEntry(ServerMessage message, long sequence) {
        this.message = message;
        this.sequence = sequence;
    }

    boolean isStored() {
        return storedDeliveries >= 0;
    }

    /**
     * Whether the store must record another delivery before this one goes out: otherwise a crash after it could
     * bring the message back unflagged although the application saw it.
     */
    boolean needsRecordedDelivery() {
        return storedDeliveries >= 0 && storedDeliveries < deliveryCount;
    }

    Position position() {
        return new Position(message.priority(), sequence);
    }
}
