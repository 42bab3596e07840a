package io.wrenmq.samples.perf;

import java.util.Arrays;

/**
 * Counts of latencies (in microseconds) in fixed logarithmic buckets, as an immutable value: merge the histograms
 * of several threads with {@link #plus}, take an interval as the difference of two snapshots with {@link #minus},
 * read percentiles with {@link #valueAt}.
 *
 * <p>Why not HdrHistogram: we need one fixed layout, a single-writer recorder and a percentile walk, about 150
 * lines, and the samples jar stays free of dependencies a user would have to trace. The layout is HdrHistogram's
 * idea at a fixed precision:
 * <pre>
 *  value v (µs)            bucket index                          width of the bucket
 *  0 .. 63                 v                                     1 (exact)
 *  2^e .. 2^(e+1)-1, e≥6   64 + 64·(e-6) + (v >> (e-6)) - 64     2^(e-6): 64 buckets per power of two
 *  ≥ 2^36 (about 19 h)     the last bucket
 * </pre>
 * so a reported value is at most 1/64 (1.6 %) above the true one: each bucket reports its highest value (never
 * flattering), capped by the exact maximum.
 */
final class LatencyHistogram {
    static final int SUB_BITS = 6;
    static final int SUB_BUCKETS = 1 << SUB_BITS;
    static final int MAX_EXPONENT = 36;
    static final int BUCKETS = SUB_BUCKETS + (MAX_EXPONENT - SUB_BITS) * SUB_BUCKETS;

    private static final LatencyHistogram EMPTY = new LatencyHistogram(new long[BUCKETS], 0, 0);

    private final long[] counts;
    private final long total;
    private final long max;

    LatencyHistogram(long[] counts, long total, long max) {
        this.counts = counts;
        this.total = total;
        this.max = max;
    }

    static LatencyHistogram empty() {
        return EMPTY;
    }

    /** A histogram of the given values, for tests and for one-off use; a hot path uses a {@link LatencyRecorder}. */
    static LatencyHistogram of(long... micros) {
        long[] counts = new long[BUCKETS];
        long max = 0;
        for (long v : micros) {
            counts[bucketOf(v)]++;
            max = Math.max(max, Math.max(0, v));
        }
        return new LatencyHistogram(counts, micros.length, max);
    }

    static int bucketOf(long micros) {
        if (micros < SUB_BUCKETS) {
            return (int) Math.max(0, micros);
        }
        int exponent = 63 - Long.numberOfLeadingZeros(micros);
        if (exponent >= MAX_EXPONENT) {
            return BUCKETS - 1;
        }
        int shift = exponent - SUB_BITS;
        return SUB_BUCKETS + shift * SUB_BUCKETS + (int) (micros >>> shift) - SUB_BUCKETS;
    }

    /** The highest value that falls in {@code bucket}. */
    static long highestValueOf(int bucket) {
        if (bucket < SUB_BUCKETS) {
            return bucket;
        }
        int shift = (bucket - SUB_BUCKETS) / SUB_BUCKETS;
        long lowest = (long) (SUB_BUCKETS + (bucket - SUB_BUCKETS) % SUB_BUCKETS) << shift;
        return lowest + (1L << shift) - 1;
    }

    long countIn(int bucket) {
        return counts[bucket];
    }

    long count() {
        return total;
    }

    /** The largest value recorded (exact for a whole run; within one bucket for an interval). */
    long max() {
        return max;
    }

    /**
     * The value at or below which {@code percentile} per cent of the values lie, within the bucket precision; 0 for
     * an empty histogram.
     */
    long valueAt(double percentile) {
        if (total == 0) {
            return 0;
        }
        // Less a hair, so that floating point does not turn 99.9 % of 1000 (exactly 999) into 1000.
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total - 1e-6));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(highestValueOf(i), max);
            }
        }
        return max;
    }

    LatencyHistogram plus(LatencyHistogram other) {
        long[] sum = Arrays.copyOf(counts, BUCKETS);
        for (int i = 0; i < BUCKETS; i++) {
            sum[i] += other.counts[i];
        }
        return new LatencyHistogram(sum, total + other.total, Math.max(max, other.max));
    }

    /**
     * What was recorded after {@code earlier}, a snapshot of the same recorder. The maximum of an interval is not
     * kept by the recorder, so it is the top of the highest bucket used, capped by this snapshot's exact maximum.
     */
    LatencyHistogram minus(LatencyHistogram earlier) {
        long[] diff = new long[BUCKETS];
        int top = -1;
        for (int i = 0; i < BUCKETS; i++) {
            diff[i] = counts[i] - earlier.counts[i];
            if (diff[i] > 0) {
                top = i;
            }
        }
        long intervalMax = top < 0 ? 0 : Math.min(highestValueOf(top), max);
        return new LatencyHistogram(diff, total - earlier.total, intervalMax);
    }
}
