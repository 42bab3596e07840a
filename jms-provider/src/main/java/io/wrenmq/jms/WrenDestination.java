package io.wrenmq.jms;

import io.wrenmq.protocol.DestinationKind;
import io.wrenmq.protocol.WireDestination;
import jakarta.jms.Destination;

import java.io.Serializable;
import java.util.Objects;

/**
 * A named queue or topic. Immutable and serializable, so that it can be bound in JNDI; two instances with the same
 * kind and name are equal.
 */
public abstract class WrenDestination implements Destination, Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;

    WrenDestination(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a destination needs a non-empty name");
        }
        this.name = name;
    }

    /** The destination's name on the broker. */
    public String getName() {
        return name;
    }

    /** Whether this is a queue or a topic, temporary or not. */
    public abstract DestinationKind kind();

    /** The form in which frames and encoded messages carry this destination. */
    public WireDestination toWire() {
        return new WireDestination(kind(), name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WrenDestination d && d.kind() == kind() && d.name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind(), name);
    }

    @Override
    public String toString() {
        return name;
    }
}
