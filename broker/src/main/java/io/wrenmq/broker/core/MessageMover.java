package io.wrenmq.broker.core;

import io.wrenmq.persistence.MessageStore;
import io.wrenmq.persistence.StoreTransaction;
import io.wrenmq.protocol.MessageHeaders;
import io.wrenmq.protocol.MessageRewriter;
import io.wrenmq.protocol.WireDestination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Moves a message the broker gives up on to a queue of the broker's: one delivered too often to the dead-letter
 * queue, an expired one to the expiry queue. The copy keeps the message's id, body and properties, is addressed to
 * the new queue, and records where it came from and why in properties of its own (see {@link #ORIGINAL_DESTINATION}
 * and the others). For a message the store keeps, storing the copy and acknowledging the original are one store
 * transaction, so a crash leaves exactly one of them.
 *
 * <p>Thread-safe: it runs a move on the event loops of the two destinations, in turn.
 */
final class MessageMover {
    private static final Logger log = LoggerFactory.getLogger(MessageMover.class);

    /** The name of the queue or topic the message was sent to. */
    static final String ORIGINAL_DESTINATION = "JMS_WrenOriginalDestination";
    /** {@code queue} or {@code topic}. */
    static final String ORIGINAL_DESTINATION_KIND = "JMS_WrenOriginalDestinationKind";
    /** For a message taken from a named topic subscription: its name. */
    static final String ORIGINAL_SUBSCRIPTION = "JMS_WrenOriginalSubscription";
    /** Why it was moved, in words. */
    static final String CAUSE = "JMS_WrenDeadLetterCause";
    /** How often it had been delivered when it was moved. */
    static final String DELIVERIES = "JMS_WrenDeliveries";
    /** For an expired message: its {@code JMSExpiration}, which the copy no longer has. */
    static final String ORIGINAL_EXPIRATION = "JMS_WrenOriginalExpiration";

    private final Broker broker;

    MessageMover(Broker broker) {
        this.broker = broker;
    }

    /** Why a message moves, and where to. */
    record Move(String targetQueue, String cause, boolean expired) {
    }

    /**
     * Moves {@code entry}, which {@code from} counts as in flight (it leaves it only once the move is done), to the
     * queue {@link Move#targetQueue}. Called on {@code from}'s event loop; {@code from} hears the outcome there:
     * {@link MessageQueue#moved} or {@link MessageQueue#moveFailed}.
     */
    void move(MessageQueue from, QueueEntry entry, Move move) {
        // Read here, on the source's loop: the header view decodes lazily and is not for other threads.
        String messageId = entry.message.headers().messageId();
        ServerMessage copy;
        try {
            copy = copyFor(from, entry, move);
        } catch (RuntimeException e) {
            // Cannot happen for a message the broker accepted; dropping it would lose it, so it stays.
            log.error("Could not copy message {} of {} for {}; it stays", entry.sequence, from, move.targetQueue(), e);
            from.owner().later(() -> from.moveFailed(entry, move, false));
            return;
        }
        Destination target = broker.internalQueue(move.targetQueue(), from.owner().executor());
        target.run(() -> {
            Routing r = target.prepare(copy);
            StoreTransaction st = new StoreTransaction();
            if (r.needsStore()) {
                st.send(r.stored(), r.holderIds(), r.deliveries());
            }
            if (entry.isStored()) {
                st.acknowledge(from.holderId(), entry.sequence);
            }
            MessageStore store = broker.store();
            CompletableFuture<Void> durable = st.isEmpty() || store == null
                    ? CompletableFuture.completedFuture(null) : store.transactionCommitted(st);
            durable.whenComplete((v, failure) -> {
                if (failure != null) {
                    log.warn("Could not move message {} of {} to {}; it stays for now: {}", entry.sequence, from,
                            move.targetQueue(), failure.toString());
                    target.later(r::abandon);
                    from.owner().later(() -> from.moveFailed(entry, move, true));
                    return;
                }
                target.later(() -> target.enterCommitted(r));
                from.owner().later(() -> from.moved(entry, move));
                if (move.expired()) {
                    log.debug("Moved expired message {} from {} to {}", messageId, from, move.targetQueue());
                } else {
                    // As Artemis does: an operator wants to hear of each poison message, and there are few.
                    log.warn("Moved message {} from {} to {}: {}", messageId, from, move.targetQueue(),
                            move.cause());
                }
            });
        });
    }

    private static ServerMessage copyFor(MessageQueue from, QueueEntry entry, Move move) {
        WireDestination origin = entry.message.destination();
        Map<String, Object> added = new LinkedHashMap<>();
        added.put(ORIGINAL_DESTINATION, origin.name());
        added.put(ORIGINAL_DESTINATION_KIND, origin.kind().isTopic() ? "topic" : "queue");
        String subscription = from.subscriptionName();
        if (subscription != null) {
            added.put(ORIGINAL_SUBSCRIPTION, subscription);
        }
        added.put(CAUSE, move.cause());
        added.put(DELIVERIES, entry.deliveryCount - 1);
        if (move.expired()) {
            added.put(ORIGINAL_EXPIRATION, entry.message.headers().expiration());
        }
        WireDestination target = WireDestination.queue(move.targetQueue());
        byte[] bytes = MessageRewriter.forward(entry.message.encoded(), target, added, move.expired());
        return new ServerMessage(bytes, MessageHeaders.parse(bytes), target, null, null);
    }
}
