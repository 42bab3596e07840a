package io.wrenmq.broker.core;

import io.wrenmq.protocol.WireDestination;

import java.util.List;

/** Point-to-point: one {@link MessageQueue} whose consumers compete for its messages. */
final class QueueDestination extends Destination {
    private final MessageQueue queue;

    QueueDestination(WireDestination address, long id, Placement placement, ServerConnection owner) {
        super(address, id, placement, owner);
        this.queue = new MessageQueue(this, id, store());
    }

    /** After a restart: the queue holds {@code count} stored messages. */
    void restore(long count) {
        queue.restore(count);
    }

    @Override
    List<MessageQueue> targetsOf(ServerMessage message) {
        return isDeleted() ? List.of() : List.of(queue);
    }

    @Override
    void addConsumer(ServerConsumer consumer) {
        consumer.attach(queue);
        queue.addConsumer(consumer);
    }

    @Override
    void closeConsumer(ServerConsumer consumer, long lastDelivered, boolean sessionEnding) {
        consumer.close(lastDelivered, sessionEnding);
    }

    @Override
    int consumerCount() {
        return queue.consumerCount();
    }

    @Override
    long depth() {
        return queue.depth();
    }

    @Override
    long inFlight() {
        return queue.inFlight();
    }

    @Override
    void delete() {
        super.delete();
        queue.purge();
    }
}
