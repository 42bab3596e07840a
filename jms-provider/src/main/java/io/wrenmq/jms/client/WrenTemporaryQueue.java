package io.wrenmq.jms.client;

import io.wrenmq.jms.WrenQueue;
import io.wrenmq.protocol.DestinationKind;
import jakarta.jms.JMSException;
import jakarta.jms.TemporaryQueue;

/** A queue that lives as long as the connection that created it. */
public final class WrenTemporaryQueue extends WrenQueue implements TemporaryQueue, WrenTemporaryDestination {
    private static final long serialVersionUID = 1L;

    private final transient WrenConnection connection;

    /** @param connection the creator, or null for one named in a received message */
    public WrenTemporaryQueue(String name, WrenConnection connection) {
        super(name);
        this.connection = connection;
    }

    @Override
    public WrenConnection connection() {
        return connection;
    }

    @Override
    public DestinationKind kind() {
        return DestinationKind.TEMPORARY_QUEUE;
    }

    @Override
    public void delete() throws JMSException {
        deleteOnBroker();
    }
}
