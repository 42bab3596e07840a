package io.wrenmq.broker.core;

import org.slf4j.Logger;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A warning that a misbehaving client could otherwise repeat thousands of times a second: logged the first time,
 * then at most once a minute, with how many were left out meanwhile. Thread-safe.
 */
public final class ThrottledLog {
    private static final long PERIOD_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final AtomicLong nextAllowed = new AtomicLong(System.nanoTime());
    private final AtomicLong suppressed = new AtomicLong();

    /** Logs {@code format} (SLF4J style) at warn level unless it was logged less than a minute ago. */
    public void warn(Logger log, String format, Object... args) {
        long now = System.nanoTime();
        long next = nextAllowed.get();
        if (now - next < 0 || !nextAllowed.compareAndSet(next, now + PERIOD_NANOS)) {
            suppressed.incrementAndGet();
            return;
        }
        long left = suppressed.getAndSet(0);
        log.warn(left == 0 ? format : format + " (and " + left + " more like it in the last minute)", args);
    }
}
