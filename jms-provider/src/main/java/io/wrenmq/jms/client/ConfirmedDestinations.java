package io.wrenmq.jms.client;

import io.wrenmq.protocol.WireDestination;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The queues and topics a connection has had a send receipted for. The broker may refuse a send (its permissions
 * say who may send where), and a send without receipt could not hear of it; so the first send of a connection to
 * each destination waits for its receipt, and only later ones may go without, the broker's permissions being fixed
 * while it runs. Temporary destinations need no such first receipt: anyone may send to them.
 *
 * <p>Thread-safe; bounded (past {@link #MAX} destinations it starts again, costing one receipt per destination).
 */
final class ConfirmedDestinations {
    private static final int MAX = 1024;

    private final Set<WireDestination> confirmed = ConcurrentHashMap.newKeySet();

    /** Whether a send to {@code d} must wait for its receipt, so that a refusal reaches the sender. */
    boolean needsReceipt(WireDestination d) {
        return !d.kind().isTemporary() && !confirmed.contains(d);
    }

    /** The broker took a send to {@code d}. */
    void confirm(WireDestination d) {
        if (confirmed.size() >= MAX) {
            confirmed.clear();
        }
        confirmed.add(d);
    }
}
