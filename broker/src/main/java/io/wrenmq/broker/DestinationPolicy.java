package io.wrenmq.broker;

import java.time.Duration;
import java.util.List;

/**
 * What becomes of the messages of one destination that are not consumed: how often a message is redelivered, how
 * long it waits before each redelivery, and where it goes when it has been delivered too often or has expired;
 * and what a producer meets when the destination is full. Resolved once per destination by {@link DestinationPolicies}.
 *
 * @param maxDeliveryAttempts deliveries after which a message that still comes back moves to the dead-letter
 *                            queue; 0 for no limit
 * @param redeliveryDelay     how long a message that came back waits before it is delivered again
 * @param deadLetterQueue     the queue that takes messages delivered too often
 * @param expiryQueue         the queue that takes expired messages; empty to drop them
 * @param fullPolicy          whether a send past the destination's memory limit waits or is refused
 */
public record DestinationPolicy(int maxDeliveryAttempts, Duration redeliveryDelay, String deadLetterQueue,
                             String expiryQueue, FullPolicy fullPolicy) {

    /** The settings' names, as the configuration spells them. */
    public static final String MAX_DELIVERY_ATTEMPTS = "max-delivery-attempts";
    public static final String REDELIVERY_DELAY = "redelivery-delay";
    public static final String DEAD_LETTER_QUEUE = "dead-letter-queue";
    public static final String EXPIRY_QUEUE = "expiry-queue";
    public static final String FULL_POLICY = "full-policy";

    static final List<String> SETTINGS = List.of(MAX_DELIVERY_ATTEMPTS, REDELIVERY_DELAY, DEAD_LETTER_QUEUE,
            EXPIRY_QUEUE, FULL_POLICY);

    /**
     * As Artemis: ten deliveries, then the queue named {@code DLQ}; expired messages to {@code ExpiryQueue};
     * producers of a full destination wait.
     */
    public static final DestinationPolicy DEFAULT = new DestinationPolicy(10, Duration.ZERO, "DLQ", "ExpiryQueue",
            FullPolicy.BLOCK);

    /** A policy whose producers wait when the destination is full. */
    public DestinationPolicy(int maxDeliveryAttempts, Duration redeliveryDelay, String deadLetterQueue,
                          String expiryQueue) {
        this(maxDeliveryAttempts, redeliveryDelay, deadLetterQueue, expiryQueue, FullPolicy.BLOCK);
    }

    public DestinationPolicy {
        if (maxDeliveryAttempts < 0) {
            throw new IllegalArgumentException(MAX_DELIVERY_ATTEMPTS + " " + maxDeliveryAttempts
                    + " must be 0 (no limit) or more");
        }
        if (redeliveryDelay == null || redeliveryDelay.isNegative()) {
            throw new IllegalArgumentException(REDELIVERY_DELAY + " must be 0 or a positive duration");
        }
        if (deadLetterQueue == null || deadLetterQueue.isBlank()) {
            throw new IllegalArgumentException(DEAD_LETTER_QUEUE + " must name a queue");
        }
        if (expiryQueue == null) {
            throw new IllegalArgumentException(EXPIRY_QUEUE + " must name a queue, or be empty to drop expired "
                    + "messages");
        }
        if (fullPolicy == null) {
            throw new IllegalArgumentException(FULL_POLICY + " must be block or fail");
        }
    }

    /** Whether a message that has been delivered {@code deliveries} times and came back is dead. */
    public boolean exhausted(int deliveries) {
        return maxDeliveryAttempts > 0 && deliveries >= maxDeliveryAttempts;
    }

    /** Whether expired messages are kept in an expiry queue rather than dropped. */
    public boolean keepsExpired() {
        return !expiryQueue.isEmpty();
    }

    /**
     * This policy with one setting changed, by its configuration name and value.
     *
     * @throws IllegalArgumentException for an unknown setting or a value that does not parse
     */
    DestinationPolicy with(String setting, String value) {
        return switch (setting) {
            case MAX_DELIVERY_ATTEMPTS -> new DestinationPolicy(Integer.parseInt(value.trim()), redeliveryDelay,
                    deadLetterQueue, expiryQueue, fullPolicy);
            case REDELIVERY_DELAY -> new DestinationPolicy(maxDeliveryAttempts, BrokerConfig.parseDuration(value),
                    deadLetterQueue, expiryQueue, fullPolicy);
            case DEAD_LETTER_QUEUE -> new DestinationPolicy(maxDeliveryAttempts, redeliveryDelay, value.trim(),
                    expiryQueue, fullPolicy);
            case EXPIRY_QUEUE -> new DestinationPolicy(maxDeliveryAttempts, redeliveryDelay, deadLetterQueue,
                    value.trim(), fullPolicy);
            case FULL_POLICY -> new DestinationPolicy(maxDeliveryAttempts, redeliveryDelay, deadLetterQueue,
                    expiryQueue, FullPolicy.parse(value));
            default -> throw new IllegalArgumentException("unknown setting '" + setting + "'; known settings: "
                    + String.join(", ", SETTINGS));
        };
    }

}
