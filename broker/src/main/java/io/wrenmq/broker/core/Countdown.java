package io.wrenmq.broker.core;

import java.util.concurrent.atomic.AtomicInteger;

/** Runs an action once {@code n} parts, possibly on several event loops, are done. */
final class Countdown {
    private final AtomicInteger remaining;
    private final Runnable whenDone;

    Countdown(int n, Runnable whenDone) {
        this.remaining = new AtomicInteger(n);
        this.whenDone = whenDone;
        if (n == 0) {
            whenDone.run();
        }
    }

    void countDown() {
        if (remaining.decrementAndGet() == 0) {
            whenDone.run();
        }
    }
}
