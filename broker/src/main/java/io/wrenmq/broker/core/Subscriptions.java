package io.wrenmq.broker.core;

import io.wrenmq.protocol.ErrorCode;
import io.wrenmq.protocol.SubscriptionKind;
import io.wrenmq.protocol.WireDestination;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The broker's named subscriptions, by client id and name: durable ones (shared or not) in one namespace, shared
 * non-durable ones in another, as the specification has it (section 6.11). The rules for opening a consumer on
 * one, changing one and removing one are here.
 *
 * <p>Thread-safe: one lock guards the maps and every subscription's {@code activeConsumers}. Nothing is called
 * under it but map and counter updates and non-blocking hand-offs to a topic's event loop, so it nests inside no
 * other lock and no other lock nests inside it.
 */
final class Subscriptions {
    private record Key(String clientId, String name) {
    }

    private final Map<Key, Subscription> durable = new HashMap<>();
    private final Map<Key, Subscription> shared = new HashMap<>();
    private final IdSequence ids;

    Subscriptions(IdSequence ids) {
        this.ids = ids;
    }

    /** Whether a durable subscription by that name exists. */
    synchronized boolean hasDurable(String clientId, String name) {
        return durable.containsKey(new Key(clientId, name));
    }

    /** A durable subscription read back from the store. */
    synchronized void restore(Subscription s) {
        durable.put(new Key(s.clientId(), s.name()), s);
    }

    /**
     * The durable subscription a new consumer takes messages from: the existing one, or a new one, which replaces
     * an inactive one of the same name whose topic, selector or noLocal differs (spec 6.11.1).
     *
     * @param authorizeCreate throws if the subscription may not be created (or replaced); runs before anything
     *                        changes
     * @throws BrokerException if the subscription has an active consumer and is not shared, or is active and
     *         would have to change, or exists as the other kind (shared where unshared is asked, or the reverse)
     */
    synchronized Subscription openDurable(TopicDestination topic, boolean isShared, String clientId, String name,
                                          String selector, boolean noLocal, Runnable authorizeCreate) {
        Key key = new Key(clientId, name);
        Subscription s = durable.get(key);
        if (s != null && s.isShared() != isShared) {
            throw new BrokerException(ErrorCode.GENERAL, "durable subscription '" + name + "' exists"
                    + (isShared ? " and is not shared" : " and is shared"));
        }
        if (s != null && !s.matches(topic, selector, noLocal)) {
            if (s.activeConsumers > 0) {
                throw new BrokerException(ErrorCode.GENERAL, s + " has an active consumer; its topic, selector "
                        + "or noLocal cannot change");
            }
            authorizeCreate.run();
            drop(key, s);
            s = null;
        }
        if (s != null && !isShared && s.activeConsumers > 0) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, s + " already has an active consumer");
        }
        if (s == null) {
            authorizeCreate.run();
            long holderId = topic.store() == null ? 0 : ids.next();
            s = Subscription.durable(topic, isShared, clientId, name, selector, noLocal, holderId);
            Subscription created = s;
            topic.run(() -> topic.addSubscription(created));
            durable.put(key, s);
        }
        s.activeConsumers++;
        return s;
    }

    /**
     * The shared non-durable subscription a new consumer joins, created if there is none.
     *
     * @throws BrokerException if one by that name is active on another topic or with another selector
     */
    synchronized Subscription openShared(TopicDestination topic, String clientId, String name, String selector) {
        Key key = new Key(clientId, name);
        Subscription s = shared.get(key);
        if (s != null && !s.matches(topic, selector, false)) {
            throw new BrokerException(ErrorCode.GENERAL, s + " is active with another topic or selector");
        }
        if (s == null) {
            s = Subscription.shared(topic, clientId, name, selector);
            Subscription created = s;
            topic.run(() -> topic.addSubscription(created));
            shared.put(key, s);
        }
        s.activeConsumers++;
        return s;
    }

    /**
     * A consumer of a named subscription closed (after its close was handed to the topic's loop): a shared
     * non-durable subscription ends with its last consumer.
     */
    synchronized void consumerClosed(Subscription s) {
        s.activeConsumers--;
        if (s.kind() == SubscriptionKind.SHARED && s.activeConsumers == 0) {
            Key key = new Key(s.clientId(), s.name());
            if (shared.get(key) == s) {
                shared.remove(key);
                s.topic().run(() -> s.topic().removeSubscription(s));
            }
        }
    }

    /**
     * {@code Session.unsubscribe}: removes a durable subscription with its messages.
     *
     * @return completes once the store has removed it, so that no crash after can bring it back
     * @param authorize throws if the subscription's topic does not permit it
     * @throws BrokerException {@code INVALID_DESTINATION} if there is none by that name, {@code ILLEGAL_STATE} if
     *         a consumer is active on it
     */
    synchronized CompletableFuture<Void> unsubscribe(String clientId, String name,
                                                     Consumer<WireDestination> authorize) {
        Key key = new Key(clientId, name);
        Subscription s = durable.get(key);
        if (s == null) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, "there is no durable subscription '" + name + "'"
                    + (clientId == null ? "" : " for client id " + clientId));
        }
        authorize.accept(s.topic().address());
        if (s.activeConsumers > 0) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, s + " has an active consumer");
        }
        return drop(key, s);
    }

    /** @return completes once the store has removed the subscription */
    private CompletableFuture<Void> drop(Key key, Subscription s) {
        durable.remove(key, s);
        CompletableFuture<Void> removed = new CompletableFuture<>();
        s.topic().run(() -> s.topic().removeSubscription(s).whenComplete((v, failure) -> {
            if (failure != null) {
                removed.completeExceptionally(failure);
            } else {
                removed.complete(null);
            }
        }));
        return removed;
    }

    /** How many durable subscriptions exist; for management and tests. */
    synchronized int durableCount() {
        return durable.size();
    }

    @Override
    public String toString() {
        return "Subscriptions[durable=" + durable.keySet() + ", shared=" + shared.keySet() + "]";
    }
}
