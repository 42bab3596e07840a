package io.wrenmq.samples.perf;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where one consumer thread records latencies while a reporter thread reads them.
 *
 * <p>Thread safety: exactly one thread may call {@link #record}; any thread may call {@link #snapshot}. The writer
 * never waits and never takes a lock: as the only writer it increments with a plain read and a release store
 * (an ordinary store on x86), which is why it costs a few nanoseconds a message. A snapshot reads each bucket
 * with acquire semantics; it sees every value recorded before it began, and perhaps some recorded while it ran
 * (its total is the sum of the buckets it read, so it is always self-consistent). Counts only grow, so the
 * difference of two snapshots is what was recorded between them.
 */
final class LatencyRecorder {
    private final AtomicLongArray counts = new AtomicLongArray(LatencyHistogram.BUCKETS);
    private final AtomicLong max = new AtomicLong();

    void record(long micros) {
        int bucket = LatencyHistogram.bucketOf(micros);
        counts.setRelease(bucket, counts.getPlain(bucket) + 1);
        if (micros > max.getPlain()) {
            max.setRelease(micros);
        }
    }

    LatencyHistogram snapshot() {
        long[] copy = new long[LatencyHistogram.BUCKETS];
        long total = 0;
        for (int i = 0; i < copy.length; i++) {
            copy[i] = counts.getAcquire(i);
            total += copy[i];
        }
        return new LatencyHistogram(copy, total, max.getAcquire());
    }
}
