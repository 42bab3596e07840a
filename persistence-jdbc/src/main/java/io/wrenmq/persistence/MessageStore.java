package io.wrenmq.persistence;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The broker's durable memory: one method per durable event. It knows messages only as opaque bytes plus the few
 * columns a store must index, and nothing of JMS or of the network.
 *
 * <h2>Holders</h2>
 * Messages are kept for <em>holders</em>: a queue, or a durable subscription of a topic. A holder's id is the id of
 * its {@link StoredDestination} (a queue) or its {@link StoredSubscription}; both come from one id space that the
 * broker allocates (starting above {@link StoreState#maxId()}). A message sent to a queue is stored with one
 * reference; a message published to a topic is stored once, with a reference per durable subscription. A message
 * row goes when its last reference is acknowledged.
 *
 * <h2>Writes</h2>
 * Every event method returns at once with a future that completes once the event is committed to the database,
 * or completes exceptionally (with a {@link StoreException}) if it could not be. Events are applied in the order
 * they were submitted, and many pending events are committed in one database transaction (group commit): while
 * one transaction commits, the next one collects what arrives. Futures complete on the store's own thread; callers
 * must not block it. An event about a message (acknowledged, delivery count) is submitted after the event that
 * stored it. A failed transaction fails every event in it, and the store goes on with the next one.
 *
 * <h2>Crash contract</h2>
 * An event whose future completed normally survives a crash of the process (and, on a database that syncs its
 * commits, of the machine). An event whose future did not complete, or completed exceptionally, may or may not
 * have been applied (a connection lost during the commit itself leaves the outcome unknown, as a crash does), but
 * events are never applied out of order, and the events of one {@link StoreTransaction} are applied all or none.
 *
 * <p>Thread-safe.
 */
public interface MessageStore extends AutoCloseable {

    /**
     * What survived the last run: destinations, durable subscriptions, message counts and the highest id in use.
     * Called once, at start-up, before any event is submitted.
     *
     * @throws StoreException if the database cannot be read, or its schema is newer than this code understands
     *                        (an implementation may find that already when it is opened)
     */
    StoreState load();

    /** A queue or topic came into being. */
    CompletableFuture<Void> destinationCreated(StoredDestination destination);

    /** A queue or topic is gone, with every message it held and, for a topic, its durable subscriptions. */
    CompletableFuture<Void> destinationDeleted(long destinationId);

    /** A durable subscription was created. */
    CompletableFuture<Void> subscriptionCreated(StoredSubscription subscription);

    /** A durable subscription was removed, with every message it held. */
    CompletableFuture<Void> subscriptionRemoved(long subscriptionId);

    /**
     * A persistent message for one holder (a queue).
     *
     * @param deliveries the reference's delivery count to start with: 1 when the broker means to dispatch the
     *                   message as soon as it is stored (so that a crash after that dispatch flags it), else 0
     */
    CompletableFuture<Void> messageStored(long holderId, StoredMessage message, int deliveries);

    /**
     * A persistent message published to a topic: stored once, with a reference for each of {@code holderIds}
     * (read before this returns; with none, nothing is stored).
     *
     * @param deliveries for each holder, in the same order, as for {@link #messageStored}
     */
    CompletableFuture<Void> topicMessageStored(StoredMessage message, long[] holderIds, int[] deliveries);

    /** The holder's reference to the message is acknowledged: it goes, and the message with its last reference. */
    CompletableFuture<Void> acknowledged(long holderId, long messageId);

    /**
     * The message was handed out again: after a crash it comes back with {@code JMSXDeliveryCount} one above
     * {@code deliveries} and flagged redelivered.
     *
     * @param deliveries how many times the holder's reference has been dispatched so far
     */
    CompletableFuture<Void> deliveryCountRaised(long holderId, long messageId, int deliveries);

    /** A local transaction's sends and acknowledgements, applied as one unit. */
    CompletableFuture<Void> transactionCommitted(StoreTransaction transaction);

    /**
     * Reads up to {@code max} messages of a holder in delivery order (priority high to low, then by id), starting
     * after {@code after}. Used to restore a holder and to page in a backlog larger than the broker keeps in
     * memory. Runs on the store's reader threads; the future completes there. A read sees what was committed when
     * it ran (at least every event whose future had completed when it was called): a message stored later at a
     * position before {@code after} is not in later pages, so whoever pages a holder keeps such arrivals itself.
     */
    CompletableFuture<List<StoredReference>> read(long holderId, Position after, int max);

    /** Waits for what was submitted to be committed, then releases the database. Idempotent. */
    @Override
    void close();
}
