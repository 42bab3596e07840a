package io.wrenmq.samples.perf;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyHistogramTest {

    @Test
    void everyValueFallsInABucketWhoseTopIsWithinOneSixtyFourthAboveIt() {
        int previous = -1;
        for (long v = 0; v < 1 << 22; v += 1 + v / 1000) {
            int bucket = LatencyHistogram.bucketOf(v);
            long top = LatencyHistogram.highestValueOf(bucket);
            assertTrue(bucket >= previous, "buckets follow the values at " + v);
            assertTrue(top >= v && top - v <= Math.max(0, v / 64), "bucket of " + v + " reports " + top);
            previous = bucket;
        }
    }

    @Test
    void bucketsAreContiguous() {
        for (int b = 1; b < LatencyHistogram.BUCKETS; b++) {
            long lowest = LatencyHistogram.highestValueOf(b - 1) + 1;
            assertEquals(b, LatencyHistogram.bucketOf(lowest), "first value of bucket " + b);
            assertEquals(b, LatencyHistogram.bucketOf(LatencyHistogram.highestValueOf(b)), "last value of " + b);
        }
    }

    @Test
    void valuesBelowSixtyFourMicrosecondsAreExact() {
        LatencyHistogram h = LatencyHistogram.of(LongStream.rangeClosed(1, 50).toArray());
        assertEquals(25, h.valueAt(50));
        assertEquals(45, h.valueAt(90));
        assertEquals(50, h.valueAt(99.9));
        assertEquals(50, h.max());
    }

    @Test
    void percentilesOfAUniformSpreadAreWithinTheBucketPrecision() {
        LatencyHistogram h = LatencyHistogram.of(LongStream.rangeClosed(1, 100_000).toArray());
        assertNear(50_000, h.valueAt(50));
        assertNear(90_000, h.valueAt(90));
        assertNear(99_000, h.valueAt(99));
        assertNear(99_900, h.valueAt(99.9));
        assertEquals(100_000, h.valueAt(100), "capped by the exact maximum");
        assertEquals(100_000, h.count());
    }

    @Test
    void aSingleOutlierShowsOnlyInTheHighPercentilesAndTheMax() {
        long[] values = new long[1000];
        java.util.Arrays.fill(values, 100);
        values[999] = 1_000_000;
        LatencyHistogram h = LatencyHistogram.of(values);
        assertNear(100, h.valueAt(99.9));
        assertEquals(1_000_000, h.max());
        assertEquals(1_000_000, h.valueAt(100));
    }

    @Test
    void anEmptyHistogramReportsZero() {
        assertEquals(0, LatencyHistogram.empty().valueAt(99));
        assertEquals(0, LatencyHistogram.empty().count());
    }

    @Test
    void mergingAddsTheCountsOfEachThread() {
        LatencyHistogram merged = LatencyHistogram.of(10, 20).plus(LatencyHistogram.of(30, 4000));
        assertEquals(4, merged.count());
        assertEquals(20, merged.valueAt(50));
        assertEquals(4000, merged.max());
    }

    @Test
    void theDifferenceOfTwoSnapshotsIsTheInterval() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(5000);
        LatencyHistogram first = recorder.snapshot();
        recorder.record(10);
        recorder.record(20);
        LatencyHistogram interval = recorder.snapshot().minus(first);
        assertEquals(2, interval.count());
        assertEquals(20, interval.max(), "the interval's own maximum, not the run's");
        assertEquals(10, interval.valueAt(50));
    }

    @Test
    void snapshotsTakenWhileAnotherThreadRecordsNeverGoBackwards() throws Exception {
        LatencyRecorder recorder = new LatencyRecorder();
        int n = 2_000_000;
        AtomicBoolean done = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                recorder.record(i % 5000);
            }
            done.set(true);
        });
        writer.start();
        LatencyHistogram previous = LatencyHistogram.empty();
        while (!done.get()) {
            LatencyHistogram now = recorder.snapshot();
            LatencyHistogram interval = now.minus(previous);
            for (int b = 0; b < LatencyHistogram.BUCKETS; b++) {
                assertTrue(interval.countIn(b) >= 0, "bucket " + b + " went backwards");
            }
            previous = now;
        }
        writer.join();
        assertEquals(n, recorder.snapshot().count(), "a snapshot after the writer finished sees every value");
    }

    private static void assertNear(long expected, long actual) {
        assertTrue(actual >= expected && actual <= expected + expected / 64 + 1,
                "expected " + expected + " (+1/64), got " + actual);
    }
}
