package io.wrenmq.broker.core;

import io.wrenmq.persistence.Position;
import io.wrenmq.protocol.WireDestination;
import io.wrenmq.selector.Selector;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Point-to-point: one {@link MessageQueue} whose consumers compete for its messages. */
final class QueueDestination extends Destination {
    private final MessageQueue queue;

    QueueDestination(WireDestination address, long id, Placement placement, ServerConnection owner) {
        super(address, id, placement, owner);
        this.queue = new MessageQueue(this, id, store(), null);
    }

    /** After a restart: the queue holds {@code count} stored messages. */
    void restore(long count) {
        queue.restore(count);
    }

    /** See {@link MessageQueue#browse}. */
    CompletableFuture<MessageQueue.BrowsePage> browse(Position after, Selector selector, int max, long maxBytes) {
        return queue.browse(after, selector, max, maxBytes);
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
    void expireWaiting() {
        queue.expireWaiting();
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
