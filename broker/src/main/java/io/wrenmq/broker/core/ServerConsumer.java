package io.wrenmq.broker.core;

import io.wrenmq.protocol.AckKind;
import io.wrenmq.selector.Selector;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The broker's side of one client consumer: its credit, the deliveries it has not acknowledged, and what becomes of
 * them when it goes away.
 *
 * <p>Credit: with a prefetch window, the broker may push that many deliveries before the client returns credit
 * (which it does as the application takes messages). With prefetch 0, each {@link #pull} grants one credit until
 * it is used or times out.
 *
 * <p>Redelivery rule: when a consumer closes or its session recovers, the client names the last delivery it handed
 * to the application. A delivery returned at or below that mark was seen and comes back flagged (its delivery count
 * raised); one above it was only prefetched and comes back as it was. When the connection dies without a word
 * there is no mark, and every delivery comes back flagged.
 *
 * <p>Single writer: all methods run on the destination's event loop, except the final fields.
 */
final class ServerConsumer {
    private record Delivery(long id, QueueEntry entry) {
    }

    private final int id;
    private final ServerSession session;
    private final Destination destination;
    private final int prefetch;
    private final Subscription subscription;
    private final Selector selector;
    private final ArrayDeque<Delivery> inFlight = new ArrayDeque<>();
    private MessageQueue queue;
    private int credit;
    private long nextDeliveryId = 1;
    private long pullId;
    private ScheduledFuture<?> pullTimer;
    private boolean closed;

    /**
     * @param subscription for a topic consumer, the subscription it takes messages from; null on a queue
     * @param selector     for a queue consumer, the messages it takes; null for all (a topic consumer's
     *                     subscription selects for it)
     */
    ServerConsumer(int id, ServerSession session, Destination destination, int prefetch, Subscription subscription,
                   Selector selector) {
        this.id = id;
        this.session = session;
        this.destination = destination;
        this.prefetch = prefetch;
        this.subscription = subscription;
        this.selector = selector == null || selector.selectsAll() ? null : selector;
        this.credit = prefetch;
    }

    int id() {
        return id;
    }

    ServerSession session() {
        return session;
    }

    Destination destination() {
        return destination;
    }

    /** Whether this consumer takes {@code message}: it has no selector, or its selector selects it. */
    boolean selects(ServerMessage message) {
        return selector == null || message.matches(selector);
    }

    /** Whether it takes only some messages. */
    boolean hasSelector() {
        return selector != null;
    }

    /** The subscription of a topic consumer; null for a queue consumer. */
    Subscription subscription() {
        return subscription;
    }

    MessageQueue queue() {
        return queue;
    }

    void attach(MessageQueue queue) {
        this.queue = queue;
    }

    boolean hasCredit() {
        return credit > 0 && session.connection().channel().acceptsDeliveries();
    }

    /** Its connection reads again after a pause (see {@link ClientChannel#acceptsDeliveries()}). */
    void resumeDeliveries() {
        if (!closed && queue != null) {
            queue.dispatch();
        }
    }

    /** Whether it still holds deliveries, possibly after being closed (CLIENT_ACKNOWLEDGE keeps them acknowledgeable). */
    boolean holdsDeliveries() {
        return !inFlight.isEmpty();
    }

    void deliver(QueueEntry entry) {
        long deliveryId = nextDeliveryId++;
        credit--;
        inFlight.addLast(new Delivery(deliveryId, entry));
        if (credit == 0) {
            cancelPull();
        }
        session.connection().channel().deliver(id, deliveryId, entry.deliveryCount, entry.message);
    }

    /** An {@code ACK} frame: acknowledges as {@code kind} says and returns credit. */
    void ack(long deliveryId, AckKind kind, int returnedCredit) {
        switch (kind) {
            case CONSUMED_ONE -> acknowledgeOne(deliveryId);
            case CONSUMED_UP_TO -> acknowledgeUpTo(deliveryId, null);
            case DELIVERED -> {
            }
            case EXPIRED -> expiredBeforeHandOver(deliveryId);
            default -> throw new AssertionError(kind);
        }
        if (!closed && returnedCredit > 0 && prefetch > 0) {
            // Never beyond the window: a client returning too much cannot make the broker flood it.
            credit = (int) Math.min(prefetch, (long) credit + returnedCredit);
            queue.dispatch();
        }
    }

    private void acknowledgeOne(long deliveryId) {
        QueueEntry e = take(deliveryId);
        if (e != null) {
            queue.acknowledged(e);
        }
    }

    private void expiredBeforeHandOver(long deliveryId) {
        QueueEntry e = take(deliveryId);
        if (e != null) {
            queue.expiredInFlight(e);
        }
    }

    /** Removes a delivery from those in flight; null if it is not there (already settled). */
    private QueueEntry take(long deliveryId) {
        Delivery head = inFlight.peekFirst();
        if (head != null && head.id == deliveryId) {
            // The common case: acknowledgements come in delivery order.
            inFlight.pollFirst();
            return head.entry;
        }
        for (Iterator<Delivery> it = inFlight.iterator(); it.hasNext(); ) {
            Delivery d = it.next();
            if (d.id == deliveryId) {
                it.remove();
                return d.entry;
            }
        }
        return null;
    }

    /**
     * Acknowledges every delivery up to and including {@code deliveryId}.
     *
     * @param removals if not null, collects the store's removals of what was acknowledged, for a caller that
     *        answers only once they are durable
     */
    void acknowledgeUpTo(long deliveryId, List<CompletableFuture<Void>> removals) {
        for (Iterator<Delivery> it = inFlight.iterator(); it.hasNext(); ) {
            Delivery d = it.next();
            if (d.id <= deliveryId) {
                it.remove();
                CompletableFuture<Void> removed = queue.acknowledged(d.entry);
                if (removed != null && removals != null) {
                    removals.add(removed);
                }
            }
        }
    }

    /** The deliveries up to and including {@code deliveryId} not yet acknowledged: what a commit acknowledges. */
    List<QueueEntry> unacknowledgedUpTo(long deliveryId) {
        List<QueueEntry> entries = new ArrayList<>();
        for (Delivery d : inFlight) {
            if (d.id <= deliveryId) {
                entries.add(d.entry);
            }
        }
        return entries;
    }

    /** A commit acknowledged the deliveries up to {@code deliveryId} in the store: they leave memory too. */
    void committedUpTo(long deliveryId) {
        for (Iterator<Delivery> it = inFlight.iterator(); it.hasNext(); ) {
            Delivery d = it.next();
            if (d.id <= deliveryId) {
                it.remove();
                queue.acknowledgedInStore(d.entry);
            }
        }
    }

    /** Prefetch 0: one credit, good until a delivery uses it or {@code timeoutMs} passes (negative: forever). */
    void pull(long pullId, long timeoutMs) {
        if (closed) {
            return;
        }
        cancelPull();
        this.pullId = pullId;
        credit = 1;
        queue.dispatch();
        if (credit == 0) {
            return;
        }
        if (timeoutMs == 0) {
            // receiveNoWait: a message that is there but still being readied for dispatch must not be missed.
            queue.whenDispatchSettled(() -> pullExpired(pullId));
        } else if (timeoutMs > 0) {
            pullTimer = destination.executor().schedule(() -> pullExpired(pullId), timeoutMs, TimeUnit.MILLISECONDS);
        }
    }

    private void pullExpired(long expiredPullId) {
        pullTimer = null;
        if (expiredPullId == pullId && credit > 0 && !closed) {
            credit = 0;
            session.connection().channel().pullEmpty(id, expiredPullId);
        }
    }

    private void cancelPull() {
        if (pullTimer != null) {
            pullTimer.cancel(false);
            pullTimer = null;
        }
    }

    /**
     * The consumer closes. Deliveries above {@code lastDelivered} go back unflagged. Those at or below it were seen
     * by the application: in a CLIENT_ACKNOWLEDGE or transacted session that carries on they stay here, still
     * acknowledgeable through the session, otherwise they go back flagged.
     */
    void close(long lastDelivered, boolean sessionEnding) {
        stop();
        boolean keepSeen = session.acknowledgesLater() && !sessionEnding;
        List<QueueEntry> unseen = new ArrayList<>();
        List<QueueEntry> seen = new ArrayList<>();
        for (Iterator<Delivery> it = inFlight.iterator(); it.hasNext(); ) {
            Delivery d = it.next();
            if (d.id > lastDelivered) {
                unseen.add(d.entry);
                it.remove();
            } else if (!keepSeen) {
                d.entry.deliveryCount++;
                seen.add(d.entry);
                it.remove();
            }
        }
        queue.giveBack(unseen, seen);
    }

    /**
     * The mark to close with when the connection died without a word: every delivery counts as seen. The client's
     * last acknowledgements and hand-over reports may have died with it (a killed process's unread socket buffer
     * turns its close into a reset that drops what it had not yet sent), so the broker's own mark can lag behind
     * what the application saw; a redelivery flagged in excess is allowed, an unflagged duplicate is not.
     */
    long markAfterConnectionLoss() {
        return Long.MAX_VALUE;
    }

    /**
     * {@code Session.recover()}: every delivery goes back, flagged up to {@code lastDelivered}, and the window
     * starts afresh because the client empties its buffer.
     *
     * @return the first delivery id issued after the recovery; the client drops any lower one it still receives
     */
    long recover(long lastDelivered) {
        // Taken before the requeue, which may deliver again at once under new ids.
        long restartFrom = nextDeliveryId;
        List<QueueEntry> unseen = new ArrayList<>(inFlight.size());
        List<QueueEntry> seen = new ArrayList<>();
        for (Delivery d : inFlight) {
            if (d.id <= lastDelivered) {
                d.entry.deliveryCount++;
                seen.add(d.entry);
            } else {
                unseen.add(d.entry);
            }
        }
        inFlight.clear();
        cancelPull();
        if (!closed) {
            credit = prefetch;
        }
        queue.giveBack(unseen, seen);
        return restartFrom;
    }

    /** Stops taking deliveries; for a subscription that is going away with its consumer. */
    void discard() {
        stop();
        for (Delivery d : inFlight) {
            queue.forget(d.entry);
        }
        inFlight.clear();
    }

    private void stop() {
        if (!closed) {
            closed = true;
            credit = 0;
            cancelPull();
            queue.removeConsumer(this);
        }
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "consumer " + id + " of session " + session.id() + " on " + destination;
    }
}
