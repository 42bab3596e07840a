package io.wrenmq.samples.perf;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A count that one thread increments and others read. As the only writer, the owner adds with a plain read and a
 * release store instead of an atomic read-modify-write: no contended cache line, no lock prefix on the hot path.
 */
final class Counter {
    private final AtomicLong value = new AtomicLong();

    void add(long n) {
        value.setRelease(value.getPlain() + n);
    }

    long get() {
        return value.getAcquire();
    }
}
