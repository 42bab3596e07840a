package io.wrenmq.broker.core;

import io.wrenmq.protocol.CreateSessionFrame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client session: its acknowledgement mode and its consumers, including closed ones that still hold deliveries
 * the session may acknowledge, and for a transacted session the messages it sent since its last commit. Its
 * state changes only on the connection's event loop.
 */
final class ServerSession {
    private final int id;
    private final int ackMode;
    private final ServerConnection connection;
    final Map<Integer, ServerConsumer> consumers = new LinkedHashMap<>();
    private final List<HeldMessage> held = new ArrayList<>();
    private long heldBytes;
    /** Why the current transaction can only be rolled back; null while it can commit. */
    private String doomed;

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

    boolean isTransacted() {
        return ackMode == CreateSessionFrame.TRANSACTED;
    }

    /**
     * Holds a message sent in this transacted session until commit. A transaction that outgrows
     * {@code maxBytes} can only be rolled back: it keeps nothing more, and its commit fails.
     */
    void holdForCommit(Destination destination, ServerMessage message, long maxBytes) {
        if (doomed != null) {
            return;
        }
        heldBytes += message.memorySize();
        if (heldBytes > maxBytes) {
            doom("the transaction holds more than " + maxBytes + " bytes of messages; it was rolled back");
            return;
        }
        held.add(new HeldMessage(destination, message));
    }

    /** The current transaction can only be rolled back, for {@code reason}: it keeps nothing more. */
    void doom(String reason) {
        if (doomed == null) {
            doomed = reason;
            held.clear();
        }
    }

    /** Ends the transaction's sending part: what it held, and why it cannot commit (null if it can). */
    Transaction takeTransaction() {
        Transaction t = new Transaction(List.copyOf(held), doomed);
        held.clear();
        heldBytes = 0;
        doomed = null;
        return t;
    }

    /** A message a transacted session sent, for its destination at commit. */
    record HeldMessage(Destination destination, ServerMessage message) {
    }

    /** The sends of a transaction, and why it cannot commit (null if it can). */
    record Transaction(List<HeldMessage> sends, String failure) {
    }
}
