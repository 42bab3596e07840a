package io.wrenmq.broker.core;

import io.netty.util.concurrent.EventExecutor;
import io.wrenmq.protocol.WireDestination;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * A queue or a topic. A single writer: all of its state, and that of its subscriptions and consumers, changes only
 * on {@link #executor()}, reached through {@link #run}.
 *
 * <p>It also enforces its memory limit: while the messages it holds exceed the limit, it withholds from producers
 * the send window (for sends without receipt) or the receipt (for the others) of what they sent, which stops them
 * until consumers catch up. Nothing is refused and nothing is dropped.
 */
public abstract class Destination {
    private final WireDestination address;
    private final EventExecutor executor;
    private final long memoryLimit;
    private final ServerConnection owner;
    private final ArrayDeque<HeldSend> held = new ArrayDeque<>();
    private long memory;
    private volatile long enqueued;
    private volatile long dequeued;
    private volatile long expired;
    private boolean deleted;

    /** A send whose window or receipt is held back while the destination is over its memory limit. */
    private record HeldSend(ServerConnection producer, long requestId, int bytes) {
    }

    Destination(WireDestination address, EventExecutor executor, long memoryLimit, ServerConnection owner) {
        this.address = address;
        this.executor = executor;
        this.memoryLimit = memoryLimit;
        this.owner = owner;
    }

    public WireDestination address() {
        return address;
    }

    public String name() {
        return address.name();
    }

    /** The event loop that owns this destination's state. */
    public EventExecutor executor() {
        return executor;
    }

    /** For a temporary destination, the connection that created it; null otherwise. */
    ServerConnection owner() {
        return owner;
    }

    /** Runs {@code task} on this destination's event loop: at once if already there, else after what is queued. */
    public void run(Runnable task) {
        if (executor.inEventLoop()) {
            task.run();
        } else {
            executor.execute(task);
        }
    }

    /**
     * Takes a message from a producer, on this destination's event loop, then returns the producer its window
     * (no receipt wanted) or its receipt, unless over the memory limit.
     */
    final void accept(ServerMessage message, ServerConnection producer, long requestId) {
        if (deleted) {
            producer.sendRefused(requestId, message.encoded().length, this);
            return;
        }
        enqueued++;
        route(message);
        int bytes = message.encoded().length;
        if (memory > memoryLimit) {
            held.addLast(new HeldSend(producer, requestId, bytes));
        } else {
            producer.sendAccepted(requestId, bytes);
        }
    }

    /** Hands a new message to the queue or to every matching subscription. */
    abstract void route(ServerMessage message);

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
        releaseHeld();
    }

    boolean isDeleted() {
        return deleted;
    }

    void memoryAcquired(int bytes) {
        memory += bytes;
    }

    void memoryReleased(int bytes) {
        memory -= bytes;
        // Resume producers a little below the limit, so they do not stop and go on every message.
        if (!held.isEmpty() && memory <= memoryLimit - memoryLimit / 4) {
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
