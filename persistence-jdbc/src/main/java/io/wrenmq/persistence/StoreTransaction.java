package io.wrenmq.persistence;

import java.util.ArrayList;
import java.util.List;

/**
 * The durable part of a local transaction: the persistent messages it sent and the acknowledgements it made,
 * collected while it is open and handed to {@link MessageStore#transactionCommitted} at commit. Not thread-safe:
 * a transaction belongs to one session.
 */
public final class StoreTransaction {

    /** A send in the transaction: to one queue, or to a topic's durable subscriptions. */
    public record Send(StoredMessage message, long[] holderIds) {
    }

    /** An acknowledgement in the transaction. */
    public record Ack(long holderId, long messageId) {
    }

    private final List<Send> sends = new ArrayList<>();
    private final List<Ack> acks = new ArrayList<>();

    public void send(StoredMessage message, long... holderIds) {
        sends.add(new Send(message, holderIds.clone()));
    }

    public void acknowledge(long holderId, long messageId) {
        acks.add(new Ack(holderId, messageId));
    }

    public List<Send> sends() {
        return List.copyOf(sends);
    }

    public List<Ack> acks() {
        return List.copyOf(acks);
    }

    public boolean isEmpty() {
        return sends.isEmpty() && acks.isEmpty();
    }
}
