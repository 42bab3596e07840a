package io.wrenmq.broker.security;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What one connection may do: its user's roles against the broker's {@link Permissions}. A connection's sends
 * ask the same question again and again, so the answer for sending is kept per destination name.
 *
 * <p>Confined to its connection's event loop, which alone asks (the cache is a plain map).
 */
public final class Access {
    /** Destination names whose send answer is kept; past it the cache starts again (names are the client's). */
    private static final int MAX_CACHED = 1024;

    private final String user;
    private final Set<String> roles;
    private final Permissions permissions;
    private final Map<String, Boolean> sendable = new HashMap<>();

    Access(String user, Set<String> roles, Permissions permissions) {
        this.user = user;
        this.roles = roles;
        this.permissions = permissions;
    }

    /** Everything permitted: security off. */
    public static Access unrestricted() {
        return new Access(null, Set.of(), Permissions.NONE);
    }

    /** The user name the connection logged in with; null for an anonymous one. */
    public String user() {
        return user;
    }

    /** Whether the connection may do {@code operation} to the queue or topic named {@code destination}. */
    public boolean permits(Operation operation, String destination) {
        if (permissions.isEmpty()) {
            return true;
        }
        if (operation != Operation.SEND) {
            return permissions.permits(roles, operation, destination);
        }
        Boolean cached = sendable.get(destination);
        if (cached == null) {
            if (sendable.size() >= MAX_CACHED) {
                sendable.clear();
            }
            cached = permissions.permits(roles, Operation.SEND, destination);
            sendable.put(destination, cached);
        }
        return cached;
    }

    /** Why {@code operation} is refused, for the client: "user 'bob' may not send to queue orders". */
    public String denial(Operation operation, String destination) {
        return (user == null ? "an anonymous connection" : "user '" + user + "'") + " may not " + operation.verb()
                + " " + destination;
    }
}
