package io.wrenmq.protocol;

import java.util.Objects;

/**
 * A destination as both ends name it: its kind and its name.
 *
 * <pre>
 * kind: u8 | name: str
 * </pre>
 * Where a destination is optional (a message's reply-to), kind 0 stands for none and no name follows.
 */
public record WireDestination(DestinationKind kind, String name) {

    public WireDestination {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static WireDestination queue(String name) {
        return new WireDestination(DestinationKind.QUEUE, name);
    }

    public static WireDestination topic(String name) {
        return new WireDestination(DestinationKind.TOPIC, name);
    }

    @Override
    public String toString() {
        return kind + ":" + name;
    }
}
