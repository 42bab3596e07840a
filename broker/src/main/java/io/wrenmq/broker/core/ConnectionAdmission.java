package io.wrenmq.broker.core;

import io.wrenmq.broker.ConnectionLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the transport's connections, from the moment they are accepted (a client that never says hello takes a
 * socket and memory as well), against {@link ConnectionLimits#maxConnections()}. Thread-safe.
 */
public final class ConnectionAdmission {
    private static final Logger log = LoggerFactory.getLogger(ConnectionAdmission.class);
    private static final ThrottledLog REFUSALS = new ThrottledLog();

    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionAdmission(int max) {
        this.max = max;
    }

    /** A connection was accepted; call {@link #release()} when it ends. @return whether it is within the limit */
    public boolean admit() {
        return open.incrementAndGet() <= max;
    }

    public void release() {
        open.decrementAndGet();
    }

    /** Connections accepted and not yet ended. */
    public int open() {
        return open.get();
    }

    /** The reason a connection beyond the limit is given, logged once in a while. */
    public String refusal(String remote) {
        String reason = "the broker has " + max + " connections open, the most it allows ("
                + ConnectionLimits.MAX_CONNECTIONS + ")";
        REFUSALS.warn(log, "Refused a connection from {}: {}", remote, reason);
        return reason;
    }
}
