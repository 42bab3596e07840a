package io.wrenmq.samples.perf;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The clock and the stop signals one run's producers and consumers share. Timestamps in messages are
 * {@link MicroClock} microseconds: a message stamped before {@link #measureFromMicros()} belongs to the warmup.
 *
 * <p>Thread safety: the stop flags are volatile, written by the coordinating thread; the send tickets are an
 * atomic counter that producers draw from when the run ends by count.
 */
final class PerfRun {
    /** The property carrying the producer's {@link MicroClock} timestamp. */
    static final String SENT_MICROS = "perfSentMicros";

    private final long startNanos;
    private final long startMicros;
    private final long measureFromMicros;
    private final long measureUntilMicros;
    private final long count;
    private final AtomicLong tickets = new AtomicLong();
    private volatile boolean stopSending;
    private volatile boolean stopReceiving;

    PerfRun(PerfOptions options) {
        this.startNanos = System.nanoTime();
        this.startMicros = MicroClock.now();
        this.measureFromMicros = startMicros + options.warmup().toNanos() / 1000;
        this.measureUntilMicros = options.endsByCount() ? Long.MAX_VALUE
                : measureFromMicros + options.duration().toNanos() / 1000;
        this.count = options.count();
    }

    /** When the run began, by {@link System#nanoTime()}: progress lines are counted from here. */
    long startNanos() {
        return startNanos;
    }

    long startMicros() {
        return startMicros;
    }

    long measureFromMicros() {
        return measureFromMicros;
    }

    boolean warmingUp(long nowMicros) {
        return nowMicros < measureFromMicros;
    }

    /**
     * Whether a producer may send one more measured message at {@code nowMicros}: the duration is not over, or,
     * when the run ends by count, a ticket is left.
     */
    boolean mayMeasure(long nowMicros) {
        if (stopSending || nowMicros >= measureUntilMicros) {
            return false;
        }
        return count == 0 || tickets.incrementAndGet() <= count;
    }

    /** For a run without producers: whether the consumers have measured long enough. */
    boolean measurementOver(long nowMicros, long measuredReceived) {
        return nowMicros >= measureUntilMicros || (count > 0 && measuredReceived >= count);
    }

    boolean sendingStopped() {
        return stopSending;
    }

    void stopSending() {
        stopSending = true;
    }

    boolean receivingStopped() {
        return stopReceiving;
    }

    void stopReceiving() {
        stopReceiving = true;
    }
}
