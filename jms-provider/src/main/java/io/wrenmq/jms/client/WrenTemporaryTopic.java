package io.wrenmq.jms.client;

import io.wrenmq.jms.WrenTopic;
import io.wrenmq.protocol.DestinationKind;
import jakarta.jms.JMSException;
import jakarta.jms.TemporaryTopic;

/** A topic that lives as long as the connection that created it. */
public final class WrenTemporaryTopic extends WrenTopic implements TemporaryTopic, WrenTemporaryDestination {
    private static final long serialVersionUID = 1L;

    private final transient WrenConnection connection;

    /** @param connection the creator, or null for one named in a received message */
    public WrenTemporaryTopic(String name, WrenConnection connection) {
        super(name);
        this.connection = connection;
    }

    @Override
    public WrenConnection connection() {
        return connection;
    }

    @Override
    public DestinationKind kind() {
        return DestinationKind.TEMPORARY_TOPIC;
    }

    @Override
    public void delete() throws JMSException {
        deleteOnBroker();
    }
}
