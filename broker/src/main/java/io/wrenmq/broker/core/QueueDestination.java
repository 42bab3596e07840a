package io.wrenmq.broker.core;

import io.netty.util.concurrent.EventExecutor;
import io.wrenmq.protocol.WireDestination;

/** Point-to-point: one {@link MessageQueue} whose consumers compete for its messages. */
final class QueueDestination extends Destination {
    private final MessageQueue queue = new MessageQueue(this);

    QueueDestination(WireDestination address, EventExecutor executor, long memoryLimit, ServerConnection owner) {
        super(address, executor, memoryLimit, owner);
    }

    @Override
    void route(ServerMessage message) {
        queue.add(message);
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
