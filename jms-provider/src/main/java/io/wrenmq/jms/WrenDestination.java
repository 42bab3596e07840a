package io.wrenmq.jms;

import io.wrenmq.jms.jndi.WrenObjectFactory;
import io.wrenmq.protocol.DestinationKind;
import io.wrenmq.protocol.WireDestination;
import jakarta.jms.Destination;

import javax.naming.Reference;
import javax.naming.Referenceable;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Objects;

/**
 * A named queue or topic. Immutable, serializable and {@link Referenceable}, so that it can be bound in JNDI (its
 * reference is rebuilt by {@link WrenObjectFactory}); two instances with the same kind and name are equal.
 */
public abstract class WrenDestination implements Destination, Serializable, Referenceable {
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

    /** Its kind and name, for {@link WrenObjectFactory} to rebuild it from. */
    @Override
    public Reference getReference() {
        return WrenObjectFactory.referenceTo(this);
    }

    /** Deserialization bypasses the constructor; a stream must not make a destination the constructor refuses. */
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (name == null || name.isEmpty()) {
            throw new InvalidObjectException("a destination needs a non-empty name");
        }
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
