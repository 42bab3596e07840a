package io.wrenmq.broker.core;

import io.wrenmq.protocol.CreateSessionFrame;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A client session: its acknowledgement mode and its consumers, including closed ones that still hold deliveries
 * the session may acknowledge. Its map changes only on the connection's event loop.
 */
final class ServerSession {
    private final int id;
    private final int ackMode;
    private final ServerConnection connection;
    final Map<Integer, ServerConsumer> consumers = new LinkedHashMap<>();

    ServerSession(int id, int ackMode, ServerConnection connection) {
        this.id = id;
        this.ackMode = ackMode;
        this.connection = connection;
    }

    int id() {
        return id;
    }

    ServerConnection connection() {
        return connection;
    }

    /**
     * CLIENT_ACKNOWLEDGE and transacted sessions acknowledge some time after delivery, so the broker's mark is
     * exact (the client reports each hand-over) and seen deliveries outlive their consumer.
     */
    boolean acknowledgesLater() {
        return ackMode == CreateSessionFrame.CLIENT_ACKNOWLEDGE || ackMode == CreateSessionFrame.TRANSACTED;
    }
}
