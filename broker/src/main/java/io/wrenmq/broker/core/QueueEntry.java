package io.wrenmq.broker.core;

/**
 * One message's place in one {@link MessageQueue}: a topic message has one entry per subscription. Changed only on
 * its queue's event loop.
 */
final class QueueEntry {
    final ServerMessage message;
    /** Arrival order in its queue; redelivered entries go back to their place by it. */
    final long sequence;
    /** {@code JMSXDeliveryCount} of the next delivery: 1, plus one for each delivery the application saw. */
    int deliveryCount = 1;

    QueueEntry(ServerMessage message, long sequence) {
        this.message = message;
        this.sequence = sequence;
    }
}
