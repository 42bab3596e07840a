package io.wrenmq.samples.perf;

import java.time.Instant;

/**
 * Wall-clock time in microseconds since the epoch, read at the cost of {@link System#nanoTime()}: the wall clock is
 * read once, and time advances by the monotonic clock from there. Producer and consumer in one process therefore
 * measure a latency exactly; in two processes the error is the difference of their wall clocks (same host: none
 * to speak of; two hosts: as good as their clock synchronisation).
 */
final class MicroClock {
    private static final long OFFSET = offset();

    private MicroClock() {
    }

    static long now() {
        return OFFSET + System.nanoTime() / 1000;
    }

    private static long offset() {
        Instant wall = Instant.now();
        return wall.getEpochSecond() * 1_000_000 + wall.getNano() / 1000 - System.nanoTime() / 1000;
    }
}
