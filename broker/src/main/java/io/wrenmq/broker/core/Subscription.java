package io.wrenmq.broker.core;

import io.wrenmq.persistence.StoredSubscription;
import io.wrenmq.protocol.SubscriptionKind;
import io.wrenmq.selector.Selector;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One subscription of a topic: the messages published to it since it began (a {@link MessageQueue}), and which
 * messages it takes.
 * <ul>
 *   <li>{@link SubscriptionKind#NONE}: private to one consumer, ends with it;</li>
 *   <li>{@link SubscriptionKind#SHARED}: named, its messages divided among its consumers, ends with the last;</li>
 *   <li>{@link SubscriptionKind#DURABLE}, {@link SubscriptionKind#SHARED_DURABLE}: named, kept (in the store)
 *       while no consumer is there, until unsubscribed.</li>
 * </ul>
 * A selector, if it has one, was checked by whoever opened it ({@link Selector#parse} throws otherwise).
 * Its queue lives on its topic's event loop; {@link #activeConsumers} is guarded by the {@link Subscriptions}
 * registry's lock.
 */
final class Subscription {
    private final TopicDestination topic;
    private final SubscriptionKind kind;
    private final String clientId;
    private final String name;
    private final String selector;
    private final Selector compiled;
    private final boolean noLocal;
    private final String localConnectionId;
    private final MessageQueue queue;
    int activeConsumers;
    /** Completes once the store has this subscription (at once for one it does not keep, or that it restored). */
    final CompletableFuture<Void> stored = new CompletableFuture<>();

    private Subscription(TopicDestination topic, SubscriptionKind kind, String clientId, String name, String selector,
                         boolean noLocal, String localConnectionId, long holderId) {
        this.topic = topic;
        this.kind = kind;
        this.clientId = clientId;
        this.name = name;
        this.selector = selector;
        this.compiled = selector == null ? null : Selector.parse(selector);
        this.noLocal = noLocal;
        this.localConnectionId = localConnectionId;
        this.queue = new MessageQueue(topic, holderId, topic.store(), name);
        if (!queue.isStored()) {
            stored.complete(null);
        }
    }

    /** A consumer's own subscription; with {@code noLocal} it skips what {@code connectionId} publishes. */
    static Subscription privateFor(TopicDestination topic, String selector, boolean noLocal, String connectionId) {
        return new Subscription(topic, SubscriptionKind.NONE, null, null, selector, noLocal, connectionId, 0);
    }

    /** A shared non-durable subscription. */
    static Subscription shared(TopicDestination topic, String clientId, String name, String selector) {
        return new Subscription(topic, SubscriptionKind.SHARED, clientId, name, selector, false, null, 0);
    }

    /**
     * A durable subscription, kept in the store under {@code holderId} when the topic's broker has one (0 else).
     * With {@code noLocal} it skips what connections with its client id publish.
     */
    static Subscription durable(TopicDestination topic, boolean shared, String clientId, String name,
                                String selector, boolean noLocal, long holderId) {
        return new Subscription(topic, shared ? SubscriptionKind.SHARED_DURABLE : SubscriptionKind.DURABLE,
                clientId, name, selector, noLocal, null, holderId);
    }

    TopicDestination topic() {
        return topic;
    }

    MessageQueue queue() {
        return queue;
    }

    SubscriptionKind kind() {
        return kind;
    }

    boolean isPrivate() {
        return kind == SubscriptionKind.NONE;
    }

    boolean isDurable() {
        return kind == SubscriptionKind.DURABLE || kind == SubscriptionKind.SHARED_DURABLE;
    }

    boolean isShared() {
        return kind == SubscriptionKind.SHARED || kind == SubscriptionKind.SHARED_DURABLE;
    }

    String clientId() {
        return clientId;
    }

    String name() {
        return name;
    }

    /** Whether a consumer asking for this topic, selector and noLocal gets this subscription as it is. */
    boolean matches(TopicDestination otherTopic, String otherSelector, boolean otherNoLocal) {
        return topic == otherTopic && Objects.equals(selector, otherSelector) && noLocal == otherNoLocal;
    }

    /** Whether a message published to the topic belongs in this subscription: not local if so asked, selected. */
    boolean accepts(ServerMessage message) {
        return !isLocal(message) && message.matches(compiled);
    }

    private boolean isLocal(ServerMessage message) {
        if (!noLocal) {
            return false;
        }
        if (isDurable()) {
            // A durable subscription outlives connections: "local" means published under its client id.
            return clientId != null && clientId.equals(message.producerClientId());
        }
        return localConnectionId.equals(message.producerConnectionId());
    }

    /** The form the store keeps. */
    StoredSubscription toStored() {
        return new StoredSubscription(queue.holderId(), topic.id(), clientId, name, selector, noLocal, isShared());
    }

    @Override
    public String toString() {
        return isPrivate() ? "a subscription of " + topic
                : kind.name().toLowerCase(java.util.Locale.ROOT) + " subscription '" + name + "'"
                        + (clientId == null ? "" : " of client " + clientId) + " on " + topic;
    }
}
