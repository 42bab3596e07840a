package io.wrenmq.persistence;

import java.util.Objects;

/**
 * A durable subscription: a holder of messages published to its topic.
 *
 * @param clientId null for a shared subscription created without a client id
 * @param selector null when it takes every message
 * @param shared   created by {@code createSharedDurableConsumer}
 */
public record StoredSubscription(long id, long topicId, String clientId, String name, String selector,
                                 boolean noLocal, boolean shared) {

    public StoredSubscription {
        Objects.requireNonNull(name, "name");
    }
}
