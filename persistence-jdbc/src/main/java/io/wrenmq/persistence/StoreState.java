package io.wrenmq.persistence;

import java.util.List;
import java.util.Map;

/**
 * What {@link MessageStore#load()} found.
 *
 * @param maxId         the highest id of any destination, subscription or message; new ids start above it
 * @param messageCounts messages held, by holder id (holders holding none may be missing)
 */
public record StoreState(List<StoredDestination> destinations, List<StoredSubscription> subscriptions,
                         Map<Long, Long> messageCounts, long maxId) {

    public StoreState {
        destinations = List.copyOf(destinations);
        subscriptions = List.copyOf(subscriptions);
        messageCounts = Map.copyOf(messageCounts);
    }
}
