package io.wrenmq.broker.core;

/**
 * A snapshot of one destination's counters, for management and tests.
 *
 * @param enqueued messages accepted since the destination was created (for a topic: published)
 * @param dequeued deliveries acknowledged (for a topic: summed over its subscriptions)
 * @param depth messages held: waiting plus delivered and unacknowledged (for a topic: summed over subscriptions)
 * @param inFlight of those, the ones delivered to consumers and not yet acknowledged, prefetched ones included: what
 *        the consumers' credit windows bound
 * @param consumers consumers attached (for a topic: over all its subscriptions)
 * @param expired messages dropped because their time to live ran out
 * @param memoryBytes bytes of messages this destination holds against its memory limit
 */
public record DestinationStats(String name, boolean topic, long enqueued, long dequeued, long depth, long inFlight,
                               int consumers, long expired, long memoryBytes) {
}
