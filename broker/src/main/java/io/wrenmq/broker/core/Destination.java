package io.wrenmq.broker.core;

import io.netty.util.concurrent.EventExecutor;
import io.wrenmq.broker.DestinationPolicy;
import io.wrenmq.broker.FullPolicy;
import io.wrenmq.persistence.MessageStore;
import io.wrenmq.protocol.DestinationKind;
import io.wrenmq.protocol.WireDestination;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A queue or a topic. A single writer: all of its state, and that of its subscriptions and consumers, changes only
 * on {@link #executor()}, reached through {@link #run}.
 *
 * <p>It also enforces its memory limit. Messages kept in the store are paged out past it (see
 * {@link MessageQueue}): there the limit bounds the messages <em>waiting</em> for a consumer, since deliveries not
 * yet acknowledged are bounded by the consumers' windows, and counting them would stop paging in for a consumer
 * that acknowledges only after more messages than fit. The others stay in memory, and while everything held
 * exceeds the limit the destination withholds from producers the send window (for sends without receipt) or the
 * receipt (for the others) of what they sent, which stops them until consumers catch up. Nothing is refused and
 * nothing is dropped.
 */
public abstract class Destination {
    private final WireDestination address;
    private final long id;
    private final Placement placement;
    private final ServerConnection owner;
    private final DestinationPolicy policy;
    private ScheduledFuture<?> expiryScan;
    private final ArrayDeque<HeldSend> held = new ArrayDeque<>();
    private long memory;
    /** Of {@link #memory}, the deliveries not yet acknowledged. */
    private long deliveredMemory;
    private volatile long enqueued;
    private volatile long dequeued;
    private volatile long expired;
    private boolean deleted;
    /** Completes once the store has this destination (at once for one it does not keep, or that it restored). */
    private volatile CompletableFuture<Void> stored = CompletableFuture.completedFuture(null);

    /** A send whose window or receipt is held back while the destination is over its memory limit. */
    private record HeldSend(ServerConnection producer, long requestId, int bytes) {
    }

    /**
     * Where a destination lives and what it shares with the others.
     *
     * @param maxMessageSize the largest message the broker takes (its frame limit)
     * @param store the broker's store, or null for a destination whose messages live in memory only
     * @param ids   the broker's id sequence, for messages
     * @param policy what becomes of messages not consumed
     * @param mover moves them to the dead-letter and expiry queues
     */
    record Placement(EventExecutor executor, long memoryLimit, int maxMessageSize, MessageStore store,
                     IdSequence ids, DestinationPolicy policy, MessageMover mover) {
    }

    /**
     * @param id    the store's id for it, 0 if the store does not keep it (a temporary destination, or a broker
     *              without a store)
     * @param owner for a temporary destination, the connection that created it
     */
    Destination(WireDestination address, long id, Placement placement, ServerConnection owner) {
        this.address = address;
        this.id = id;
        this.placement = placement;
        this.owner = owner;
        this.policy = placement.policy();
    }

    /** What becomes of its messages that are not consumed. */
    DestinationPolicy policy() {
        return policy;
    }

    MessageMover mover() {
        return placement.mover();
    }

    /** Whether this is the (non-temporary) queue named {@code name}. */
    boolean isQueueNamed(String name) {
        return address.kind() == DestinationKind.QUEUE && address.name().equals(name);
    }

    /**
     * Checks the waiting messages for expiry every {@code periodMs}, so that an expired message no consumer takes
     * still goes (to the expiry queue); until the destination is deleted.
     */
    void scanForExpiry(long periodMs) {
        if (periodMs > 0) {
            run(() -> {
                if (!deleted) {
                    expiryScan = executor().scheduleAtFixedRate(this::expireWaiting, periodMs, periodMs,
                            TimeUnit.MILLISECONDS);
                }
            });
        }
    }

    /** Moves (or drops) the waiting messages that have expired. On this destination's event loop. */
    abstract void expireWaiting();

    public WireDestination address() {
        return address;
    }

    public String name() {
        return address.name();
    }

    /** The store's id for it; 0 when the store does not keep it. */
    long id() {
        return id;
    }

    /** The store for its holders, or null when its messages live in memory only. */
    MessageStore store() {
        return id == 0 ? null : placement.store();
    }

    /** The store is recording this new destination; {@code recorded} completes once it has. */
    void storing(CompletableFuture<Void> recorded) {
        stored = recorded;
    }

    /** Completes once the store has this destination, so that it outlives a crash from then on. */
    CompletableFuture<Void> stored() {
        return stored;
    }

    /** The event loop that owns this destination's state. */
    public EventExecutor executor() {
        return placement.executor();
    }

    /** For a temporary destination, the connection that created it; null otherwise. */
    ServerConnection owner() {
        return owner;
    }

    /** Runs {@code task} on this destination's event loop: at once if already there, else after what is queued. */
    public void run(Runnable task) {
        if (executor().inEventLoop()) {
            task.run();
        } else {
            executor().execute(task);
        }
    }

    /**
     * Runs {@code task} on this destination's event loop after what is queued there, even when called from it: for
     * completions of the store, which may arrive inline, in the middle of the work that asked for them.
     */
    void later(Runnable task) {
        executor().execute(task);
    }

    /**
     * Takes a message from a producer, on this destination's event loop, then returns the producer its window
     * (no receipt wanted) or its receipt: once the store has it if it keeps it, else at once unless over the
     * memory limit.
     */
    final void accept(ServerMessage message, ServerConnection producer, long requestId) {
        int bytes = message.encoded().length;
        if (deleted) {
            producer.sendRefused(requestId, bytes, this);
            return;
        }
        Routing r = prepare(message);
        if (!r.needsStore() && refusesWhenFull(bytes)) {
            r.abandon();
            producer.sendRefusedFull(requestId, bytes, this + " is full: its messages take more than "
                    + "max-destination-memory (" + placement.memoryLimit() + " bytes) and its full-policy is fail");
            return;
        }
        enqueued++;
        if (!r.needsStore()) {
            r.enterMemoryTargets();
            if (memory > placement.memoryLimit()) {
                held.addLast(new HeldSend(producer, requestId, bytes));
            } else {
                producer.sendAccepted(requestId, bytes);
            }
            return;
        }
        MessageStore store = placement.store();
        CompletableFuture<Void> stored = r.storedTargets().size() == 1
                ? store.messageStored(r.holderIds()[0], r.stored(), r.deliveries()[0])
                : store.topicMessageStored(r.stored(), r.holderIds(), r.deliveries());
        stored.whenComplete((v, failure) -> later(() -> {
            if (failure == null) {
                r.enter();
                producer.sendAccepted(requestId, bytes);
            } else {
                r.abandon();
                producer.sendFailed(requestId, bytes, failure);
            }
        }));
    }

    /**
     * Whether a message of {@code bytes} that would stay in memory is refused rather than held: the policy says
     * fail, and it would take the destination past its limit. A stored message is never refused: past the limit
     * it waits in the store (see {@link MessageQueue}).
     */
    private boolean refusesWhenFull(int bytes) {
        return policy.fullPolicy() == FullPolicy.FAIL && memory + bytes > placement.memoryLimit();
    }

    /**
     * Readies a new message for the queue or the subscriptions that take it: gives it its id (increasing in arrival
     * order) and, for the queues whose store must have it first, the delivery count it is stored with.
     */
    Routing prepare(ServerMessage message) {
        long id = placement.ids().next();
        List<MessageQueue> stored = new ArrayList<>(1);
        List<MessageQueue> memory = new ArrayList<>(1);
        for (MessageQueue q : targetsOf(message)) {
            (message.persistent() && q.isStored() ? stored : memory).add(q);
        }
        int[] deliveries = new int[stored.size()];
        for (int i = 0; i < deliveries.length; i++) {
            MessageQueue q = stored.get(i);
            deliveries[i] = q.predictedDeliveries();
            q.beginStoring(id);
        }
        return new Routing(message, id, stored, deliveries, memory);
    }

    /**
     * A transaction's message enters after its commit: counted here, as {@link #accept} counts the others.
     * Called on this destination's event loop.
     */
    void enterCommitted(Routing r) {
        enqueued++;
        r.enter();
    }

    /** The queues a new message enters: the queue's own, or those of the topic's subscriptions that take it. */
    abstract List<MessageQueue> targetsOf(ServerMessage message);

    /** Attaches a new consumer; called on this destination's event loop. */
    abstract void addConsumer(ServerConsumer consumer);

    /**
     * Detaches a consumer that closes: its deliveries above {@code lastDelivered} go back unflagged, the rest as
     * its session's mode says (see {@link ServerConsumer#close}).
     */
    abstract void closeConsumer(ServerConsumer consumer, long lastDelivered, boolean sessionEnding);

    abstract int consumerCount();

    abstract long depth();

    /** Deliveries to consumers not yet acknowledged. */
    abstract long inFlight();

    /** Drops everything; the destination takes no more messages. */
    void delete() {
        deleted = true;
        if (expiryScan != null) {
            expiryScan.cancel(false);
        }
        releaseHeld();
    }

    boolean isDeleted() {
        return deleted;
    }

    /** Whether the messages waiting for a consumer exceed the memory limit: a holder pages out what comes next. */
    boolean overMemoryLimit() {
        return memoryRoom() < 0;
    }

    /** Room enough to read stored messages back into memory: the waiting ones take less than half the limit. */
    boolean belowPageInMark() {
        return memoryRoom() > placement.memoryLimit() / 2;
    }

    /** Bytes the messages waiting for a consumer may still take before they reach the memory limit. */
    long memoryRoom() {
        return placement.memoryLimit() - (memory - deliveredMemory);
    }

    /** Bytes the largest message the broker takes counts against the memory limit. */
    int maxMessageMemory() {
        return ServerMessage.memorySize(placement.maxMessageSize());
    }

    void memoryAcquired(int bytes) {
        memory += bytes;
    }

    /** A message held in memory went to a consumer: it waits no longer, until it comes back. */
    void delivered(int bytes) {
        deliveredMemory += bytes;
    }

    /** A delivery is settled (acknowledged, back to wait, or forgotten). */
    void deliverySettled(int bytes) {
        deliveredMemory -= bytes;
    }

    void memoryReleased(int bytes) {
        memory -= bytes;
        long limit = placement.memoryLimit();
        // Resume producers a little below the limit, so they do not stop and go on every message.
        if (!held.isEmpty() && memory <= limit - limit / 4) {
            releaseHeld();
        }
    }

    private void releaseHeld() {
        HeldSend h;
        while ((h = held.pollFirst()) != null) {
            h.producer().sendAccepted(h.requestId(), h.bytes());
        }
    }

    void dequeued(int bytes) {
        dequeued++;
        memoryReleased(bytes);
    }

    void expired() {
        expired++;
    }

    /** The counters, read on this destination's event loop. */
    public CompletableFuture<DestinationStats> stats() {
        CompletableFuture<DestinationStats> f = new CompletableFuture<>();
        run(() -> f.complete(new DestinationStats(name(), address.kind().isTopic(), enqueued, dequeued, depth(),
                inFlight(), consumerCount(), expired, memory)));
        return f;
    }

    @Override
    public String toString() {
        return address.toString();
    }
}
