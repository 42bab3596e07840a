package io.wrenmq.broker.core;

import io.netty.util.concurrent.EventExecutor;
import io.wrenmq.protocol.WireDestination;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Publish/subscribe: every subscription gets its own entry for each message published after it began. A
 * subscription here is non-durable and private to one consumer, and ends with it.
 *
 * <p>The subscriptions live on the topic's event loop, so a publication reaches all of them without a thread hop,
 * and all of them share the one {@link ServerMessage}.
 */
final class TopicDestination extends Destination {
    private final List<MessageQueue> subscriptions = new ArrayList<>();

    TopicDestination(WireDestination address, EventExecutor executor, long memoryLimit, ServerConnection owner) {
        super(address, executor, memoryLimit, owner);
    }

    @Override
    void route(ServerMessage message) {
        for (int i = 0, n = subscriptions.size(); i < n; i++) {
            MessageQueue s = subscriptions.get(i);
            if (s.accepts(message)) {
                s.add(message);
            }
        }
    }

    @Override
    void addConsumer(ServerConsumer consumer) {
        MessageQueue subscription = new MessageQueue(this,
                consumer.noLocal() ? consumer.session().connection().id() : null);
        subscriptions.add(subscription);
        consumer.attach(subscription);
        subscription.addConsumer(consumer);
    }

    @Override
    void closeConsumer(ServerConsumer consumer, long lastDelivered, boolean sessionEnding) {
        MessageQueue subscription = consumer.queue();
        subscriptions.remove(subscription);
        consumer.discard();
        subscription.purge();
    }

    @Override
    int consumerCount() {
        return (int) sumOverSubscriptions(MessageQueue::consumerCount);
    }

    @Override
    long depth() {
        return sumOverSubscriptions(MessageQueue::depth);
    }

    @Override
    long inFlight() {
        return sumOverSubscriptions(MessageQueue::inFlight);
    }

    private long sumOverSubscriptions(ToLongFunction<MessageQueue> count) {
        long n = 0;
        for (MessageQueue s : subscriptions) {
            n += count.applyAsLong(s);
        }
        return n;
    }

    @Override
    void delete() {
        super.delete();
        for (MessageQueue s : subscriptions) {
            s.purge();
        }
        subscriptions.clear();
    }
}
