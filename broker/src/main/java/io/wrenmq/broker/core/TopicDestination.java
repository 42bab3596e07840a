package io.wrenmq.broker.core;

import io.wrenmq.protocol.WireDestination;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToLongFunction;

/**
 * Publish/subscribe: every subscription gets its own entry for each message published after it began.
 *
 * <p>The subscriptions live on the topic's event loop, so a publication reaches all of them without a thread hop,
 * and all of them share the one {@link ServerMessage}. A persistent message for durable subscriptions is stored
 * once, with a reference for each of them, and reaches them once the store has it; the other subscriptions have
 * it at once.
 */
final class TopicDestination extends Destination {
    private final List<Subscription> subscriptions = new ArrayList<>();

    TopicDestination(WireDestination address, long id, Placement placement, ServerConnection owner) {
        super(address, id, placement, owner);
    }

    @Override
    List<MessageQueue> targetsOf(ServerMessage message) {
        List<MessageQueue> targets = new ArrayList<>(subscriptions.size());
        for (int i = 0, n = subscriptions.size(); i < n; i++) {
            Subscription s = subscriptions.get(i);
            if (s.accepts(message)) {
                targets.add(s.queue());
            }
        }
        return targets;
    }

    /**
     * Adds a named subscription that is new; a durable one is recorded in the store first, from this event loop,
     * so that the store sees it before any message stored for it.
     */
    void addSubscription(Subscription s) {
        if (s.queue().isStored()) {
            store().subscriptionCreated(s.toStored()).whenComplete((v, failure) -> {
                if (failure == null) {
                    s.stored.complete(null);
                } else {
                    s.stored.completeExceptionally(failure);
                }
            });
        }
        subscriptions.add(s);
    }

    /** Adds a durable subscription read back from the store, with its stored messages. */
    void restoreSubscription(Subscription s, long count) {
        s.stored.complete(null);
        subscriptions.add(s);
        s.queue().restore(count);
    }

    /**
     * Ends a subscription: its messages are dropped, and a durable one leaves the store.
     *
     * @return completes once the store has removed it (at once if the store does not keep it)
     */
    CompletableFuture<Void> removeSubscription(Subscription s) {
        if (subscriptions.remove(s)) {
            s.queue().purge();
            if (s.queue().isStored()) {
                return store().subscriptionRemoved(s.queue().holderId());
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    void addConsumer(ServerConsumer consumer) {
        Subscription s = consumer.subscription();
        if (s.isPrivate()) {
            subscriptions.add(s);
        }
        consumer.attach(s.queue());
        s.queue().addConsumer(consumer);
    }

    @Override
    void closeConsumer(ServerConsumer consumer, long lastDelivered, boolean sessionEnding) {
        Subscription s = consumer.subscription();
        if (s.isPrivate()) {
            subscriptions.remove(s);
            consumer.discard();
            s.queue().purge();
        } else {
            consumer.close(lastDelivered, sessionEnding);
        }
    }

    @Override
    void expireWaiting() {
        for (Subscription s : subscriptions) {
            s.queue().expireWaiting();
        }
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
        for (Subscription s : subscriptions) {
            n += count.applyAsLong(s.queue());
        }
        return n;
    }

    @Override
    void delete() {
        super.delete();
        for (Subscription s : subscriptions) {
            s.queue().purge();
        }
        subscriptions.clear();
    }
}
