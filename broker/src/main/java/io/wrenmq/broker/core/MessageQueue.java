package io.wrenmq.broker.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Messages waiting for one set of competing consumers, and the dispatch that hands them out: a queue's messages,
 * or one topic subscription's. Each entry goes to exactly one consumer, round-robin among those with credit.
 *
 * <p>Single writer: every method runs on the owning {@link Destination}'s event loop.
 */
final class MessageQueue {
    private static final Comparator<QueueEntry> BY_SEQUENCE = Comparator.comparingLong(e -> e.sequence);

    private final Destination owner;
    /** For a noLocal subscription: the connection whose own messages it does not take. */
    private final String excludedProducer;
    private final PendingMessages pending = new PendingMessages();
    private final List<ServerConsumer> consumers = new ArrayList<>();
    private int nextConsumer;
    private long nextSequence;
    private int inFlight;
    private boolean dispatching;

    MessageQueue(Destination owner) {
        this(owner, null);
    }

    MessageQueue(Destination owner, String excludedProducer) {
        this.owner = owner;
        this.excludedProducer = excludedProducer;
    }

    /** Whether a topic message belongs in this subscription. */
    boolean accepts(ServerMessage message) {
        return excludedProducer == null || !excludedProducer.equals(message.producerConnectionId());
    }

    Destination owner() {
        return owner;
    }

    /** Takes a new message: straight to a consumer with credit if there is one, else it waits. */
    void add(ServerMessage message) {
        QueueEntry entry = new QueueEntry(message, nextSequence++);
        owner.memoryAcquired(message.memorySize());
        if (message.isExpired(System.currentTimeMillis())) {
            discard(entry);
            return;
        }
        if (pending.isEmpty()) {
            ServerConsumer c = pickConsumer(entry);
            if (c != null) {
                deliver(c, entry);
                return;
            }
        }
        pending.add(entry);
        dispatch();
    }

    void addConsumer(ServerConsumer c) {
        consumers.add(c);
        dispatch();
    }

    void removeConsumer(ServerConsumer c) {
        int i = consumers.indexOf(c);
        if (i >= 0) {
            consumers.remove(i);
            if (nextConsumer > i) {
                nextConsumer--;
            }
        }
    }

    int consumerCount() {
        return consumers.size();
    }

    /** Messages held: waiting plus delivered and not yet acknowledged. */
    long depth() {
        return pending.size() + inFlight;
    }

    /** Deliveries not yet acknowledged. */
    int inFlight() {
        return inFlight;
    }

    /** Hands out waiting messages while some consumer has credit. */
    void dispatch() {
        if (dispatching) {
            // A delivery can trigger another dispatch (an inline acknowledgement); the outer loop carries on.
            return;
        }
        dispatching = true;
        try {
            long now = System.currentTimeMillis();
            QueueEntry entry;
            while ((entry = pending.peek()) != null) {
                if (entry.message.isExpired(now)) {
                    pending.poll();
                    discard(entry);
                    continue;
                }
                ServerConsumer c = pickConsumer(entry);
                if (c == null) {
                    return;
                }
                pending.poll();
                deliver(c, entry);
            }
        } finally {
            dispatching = false;
        }
    }

    private void deliver(ServerConsumer c, QueueEntry entry) {
        inFlight++;
        c.deliver(entry);
    }

    /** The next consumer, round-robin from the last one served, that has credit; null if none has. */
    private ServerConsumer pickConsumer(QueueEntry entry) {
        int n = consumers.size();
        for (int i = 0; i < n; i++) {
            int idx = (nextConsumer + i) % n;
            ServerConsumer c = consumers.get(idx);
            if (c.hasCredit()) {
                nextConsumer = (idx + 1) % n;
                return c;
            }
        }
        return null;
    }

    /** A delivery was acknowledged: the message leaves this queue for good. */
    void acknowledged(QueueEntry entry) {
        inFlight--;
        owner.dequeued(entry.message.memorySize());
    }

    /**
     * Deliveries come back from a consumer that will not acknowledge them; they return to their places and are
     * offered again.
     */
    void requeue(List<QueueEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        inFlight -= entries.size();
        entries.sort(BY_SEQUENCE);
        pending.requeue(entries);
        dispatch();
    }

    /** Drops a delivery that will never be acknowledged, for a subscription that is going away. */
    void forget(QueueEntry entry) {
        inFlight--;
        owner.memoryReleased(entry.message.memorySize());
    }

    private void discard(QueueEntry entry) {
        owner.memoryReleased(entry.message.memorySize());
        owner.expired();
    }

    /** Drops every waiting message; for a subscription or temporary destination that ends. */
    void purge() {
        for (QueueEntry e : pending) {
            owner.memoryReleased(e.message.memorySize());
        }
        pending.clear();
    }
}
