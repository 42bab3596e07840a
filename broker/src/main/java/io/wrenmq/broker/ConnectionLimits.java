package io.wrenmq.broker;

import java.util.ArrayList;
import java.util.List;

/**
 * How much the clients may open: connections in all, and sessions, consumers and selector text per connection.
 * Each bounds memory a client could otherwise make the broker spend without limit. A request past a limit is
 * refused with {@code ResourceAllocationException} (a selector with {@code InvalidSelectorException}); the
 * connection stays open.
 *
 * @param maxConnections            connections open at once, handshake or not
 * @param maxSessionsPerConnection  sessions one connection may have open
 * @param maxConsumersPerConnection consumers one connection may have open
 * @param maxSelectorLength         characters of one message selector
 */
public record ConnectionLimits(int maxConnections, int maxSessionsPerConnection, int maxConsumersPerConnection,
                               int maxSelectorLength) {

    /** The options' names, as the configuration spells them. */
    public static final String MAX_CONNECTIONS = "max-connections";
    public static final String MAX_SESSIONS = "max-sessions-per-connection";
    public static final String MAX_CONSUMERS = "max-consumers-per-connection";
    public static final String MAX_SELECTOR_LENGTH = "max-selector-length";

    /** Far above what an application needs, far below what would exhaust a broker with a 1 GB heap. */
    public static final ConnectionLimits DEFAULT = new ConnectionLimits(1000, 1000, 1000, 4096);

    /** This with one limit changed, by its configuration name. */
    ConnectionLimits with(String option, int value) {
        return switch (option) {
            case MAX_CONNECTIONS -> new ConnectionLimits(value, maxSessionsPerConnection, maxConsumersPerConnection,
                    maxSelectorLength);
            case MAX_SESSIONS -> new ConnectionLimits(maxConnections, value, maxConsumersPerConnection,
                    maxSelectorLength);
            case MAX_CONSUMERS -> new ConnectionLimits(maxConnections, maxSessionsPerConnection, value,
                    maxSelectorLength);
            case MAX_SELECTOR_LENGTH -> new ConnectionLimits(maxConnections, maxSessionsPerConnection,
                    maxConsumersPerConnection, value);
            default -> throw new IllegalArgumentException("unknown limit '" + option + "'");
        };
    }

    /** What is wrong with these limits, for {@link BrokerConfig.Builder#build()}; empty when nothing is. */
    List<String> problems() {
        List<String> errors = new ArrayList<>();
        positive(errors, MAX_CONNECTIONS, maxConnections);
        positive(errors, MAX_SESSIONS, maxSessionsPerConnection);
        positive(errors, MAX_CONSUMERS, maxConsumersPerConnection);
        positive(errors, MAX_SELECTOR_LENGTH, maxSelectorLength);
        return errors;
    }

    private static void positive(List<String> errors, String option, int value) {
        if (value < 1) {
            errors.add(option + " " + value + " must be at least 1");
        }
    }

    @Override
    public String toString() {
        return MAX_CONNECTIONS + "=" + maxConnections + " " + MAX_SESSIONS + "=" + maxSessionsPerConnection + " "
                + MAX_CONSUMERS + "=" + maxConsumersPerConnection + " " + MAX_SELECTOR_LENGTH + "="
                + maxSelectorLength;
    }
}
