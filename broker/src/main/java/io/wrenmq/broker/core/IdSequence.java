package io.wrenmq.broker.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The broker's ids for destinations, durable subscriptions and messages: one increasing sequence, started above
 * the highest id the store holds, so ids never repeat across restarts. Thread-safe.
 */
final class IdSequence {
    private final AtomicLong last;

    IdSequence(long startAbove) {
        this.last = new AtomicLong(startAbove);
    }

    long next() {
        return last.incrementAndGet();
    }

    long current() {
        return last.get();
    }
}
