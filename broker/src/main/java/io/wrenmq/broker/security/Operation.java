package io.wrenmq.broker.security;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a client may be permitted to do to a queue or topic, by name as the configuration spells it. */
public enum Operation {
    SEND("send", "send to"),
    CONSUME("consume", "consume from"),
    BROWSE("browse", "browse"),
    /** Creating a queue or topic, which happens when a producer or consumer first names it. */
    CREATE("create", "create"),
    /** Creating a durable subscription on a topic (or replacing one whose topic, selector or noLocal changed). */
    CREATE_DURABLE("create-durable", "create a durable subscription on"),
    /** {@code Session.unsubscribe}: removing a durable subscription of a topic. */
    DELETE_DURABLE("delete-durable", "remove a durable subscription of");

    private final String configName;
    private final String verb;

    Operation(String configName, String verb) {
        this.configName = configName;
        this.verb = verb;
    }

    /** The name in {@code permission.<pattern>.<name>}. */
    public String configName() {
        return configName;
    }

    /** For messages: "user 'bob' may not {verb} queue orders". */
    String verb() {
        return verb;
    }

    /** @throws IllegalArgumentException naming the known ones, for an unknown name */
    public static Operation byConfigName(String name) {
        for (Operation o : values()) {
            if (o.configName.equals(name)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown permission '" + name + "'; known permissions: " + names());
    }

    /** Every configuration name, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(Operation::configName).collect(Collectors.joining(", "));
    }
}
