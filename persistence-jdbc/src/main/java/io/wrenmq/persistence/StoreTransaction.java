package io.wrenmq.persistence;

import java.util.ArrayList;
import java.util.List;

/**
 * The durable part of a local transaction: the persistent messages it sent and the acknowledgements it made,
 * collected while it is open and handed to {@link MessageStore#transactionCommitted} at commit. Not thread-safe:
 * a transaction belongs to one session.
 */
public final class StoreTransaction {

    /**
     * A send in the transaction: to one queue, or to a topic's durable subscriptions, each reference starting at
     * its delivery count (see {@link MessageStore#messageStored}).
     */
    public record Send(StoredMessage message, long[] holderIds, int[] deliveries) {
    }

    /** An acknowledgement in the transaction. */
    public record Ack(long holderId, long messageId) {
    }

    private final List<Send> sends = new ArrayList<>();
    private final List<Ack> acks = new ArrayList<>();

    /** A send whose references start at delivery count 0. */
    public void send(StoredMessage message, long... holderIds) {
        send(message, holderIds, new int[holderIds.length]);
    }

    public void send(StoredMessage message, long[] holderIds, int[] deliveries) {
        if (deliveries.length != holderIds.length) {
            throw new IllegalArgumentException(holderIds.length + " holders but " + deliveries.length
                    + " delivery counts");
        }
        sends.add(new Send(message, holderIds.clone(), deliveries.clone()));
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
