package io.wrenmq.jms.client;

import io.wrenmq.protocol.WireDestination;
import jakarta.jms.JMSException;

/**
 * What temporary queues and topics share: they belong to the connection that created them, which alone may
 * consume from them and delete them. One received as a message's {@code JMSReplyTo} knows no connection.
 */
interface WrenTemporaryDestination {

    /** The creating connection, or null for one that arrived in a message. */
    WrenConnection connection();

    WireDestination toWire();

    /** Deletes it on the broker: only its creator may, and only while nobody consumes from it. */
    default void deleteOnBroker() throws JMSException {
        WrenConnection c = connection();
        if (c == null || !c.owns(this)) {
            throw new jakarta.jms.IllegalStateException(
                    "only the connection that created temporary destination " + toWire().name() + " may delete it");
        }
        c.deleteTemporary(this, toWire());
    }
}
