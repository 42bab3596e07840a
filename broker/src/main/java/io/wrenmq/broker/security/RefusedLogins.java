package io.wrenmq.broker.security;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The log of refused logins, which a client guessing passwords must not flood: the first refusal from a host is
 * logged at once; further ones from that host within {@link #WINDOW_NANOS} are only counted, and the count goes out
 * with the first refusal logged after the window. Lines name the user and the address, never a password (none
 * reaches this class), and a user name is cut short and stripped of control characters, since the client chose it.
 *
 * <p>Thread-safe (synchronized; called only on the failure path of a login).
 */
final class RefusedLogins {
    static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Hosts remembered at most; past it those whose window is over are forgotten. */
    private static final int MAX_HOSTS = 10_000;
    private static final int MAX_USER_CHARS = 64;

    private final Consumer<String> log;
    private final LongSupplier nanoTime;
    private final Map<String, Window> byHost = new HashMap<>();

    private static final class Window {
        final long start;
        int suppressed;

        Window(long start) {
            this.start = start;
        }
    }

    RefusedLogins(Consumer<String> log, LongSupplier nanoTime) {
        this.log = log;
        this.nanoTime = nanoTime;
    }

    /**
     * @param remote the client's address as the transport gives it, e.g. {@code /10.0.0.7:51234}
     * @param user   the user name the client gave, or null
     * @param reason why, for the operator (e.g. "wrong password")
     */
    void refused(String remote, String user, String reason) {
        String line;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            String host = host(remote);
            Window w = byHost.get(host);
            if (w != null && now - w.start < WINDOW_NANOS) {
                w.suppressed++;
                return;
            }
            line = "Refused login from " + remote + (user == null ? " without a user name" : " as user '"
                    + printable(user) + "'") + ": " + reason;
            if (w != null && w.suppressed > 0) {
                line += " (" + w.suppressed + " more from " + host + " since the previous line)";
            }
            if (byHost.size() >= MAX_HOSTS) {
                forgetEnded(now);
            }
            byHost.put(host, new Window(now));
        }
        log.accept(line);
    }

    private void forgetEnded(long now) {
        for (Iterator<Window> i = byHost.values().iterator(); i.hasNext(); ) {
            if (now - i.next().start >= WINDOW_NANOS) {
                i.remove();
            }
        }
        if (byHost.size() >= MAX_HOSTS) {
            byHost.clear();
        }
    }

    /** {@code /10.0.0.7:51234} as {@code /10.0.0.7}: refusals are counted per host, whatever the port. */
    static String host(String remote) {
        int colon = remote.lastIndexOf(':');
        return colon > 0 ? remote.substring(0, colon) : remote;
    }

    static String printable(String user) {
        StringBuilder b = new StringBuilder(Math.min(user.length(), MAX_USER_CHARS + 3));
        for (int i = 0; i < user.length(); i++) {
            if (b.length() == MAX_USER_CHARS) {
                return b.append("...").toString();
            }
            char c = user.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return b.toString();
    }
}
