package io.wrenmq.broker.core;

import io.wrenmq.broker.DestinationPolicy;
import io.wrenmq.persistence.MessageStore;
import io.wrenmq.persistence.Position;
import io.wrenmq.persistence.StoredReference;
import io.wrenmq.protocol.MalformedMessageException;
import io.wrenmq.selector.Selector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Messages waiting for one set of competing consumers, and the dispatch that hands them out: a queue's messages,
 * or one topic subscription's. Each entry goes to exactly one consumer, round-robin among those with credit.
 *
 * <h2>Holders kept in the store</h2>
 * A queue or durable subscription of a broker with a store is a <em>holder</em> ({@link #holderId} non-zero): its
 * persistent messages enter only once the store has them ({@link #addStored}), and leave the store when
 * acknowledged. Two rules keep a crash honest:
 * <ul>
 *   <li>an entry is dispatched only once the store has recorded at least as many deliveries as this one will make
 *       ({@link QueueEntry#needsRecordedDelivery}), so a crash after the dispatch brings it back flagged;</li>
 *   <li>memory is bounded by paging: past the destination's memory limit, stored messages after a {@link #cursor}
 *       stay in the store only ({@link #paged} of them) and are read back in delivery order as consumers drain
 *       the queue. Every stored message up to the cursor is in memory (or acknowledged); none after it is, except
 *       deliveries still in flight. Recovery after a restart is the same paging, from the start. The limit bounds
 *       the messages waiting here (see {@link Destination}); a page read back fits in what is left of it, sized by
 *       the largest message it may hold ({@link #largestMessage}). A message that arrives before the cursor (of a
 *       higher priority) while the limit is reached moves the cursor back to just before it: what waits after it
 *       goes back to the store only ({@link #pageOutFrom}). Deliveries may then be in flight after the cursor;
 *       reads skip them, and a read that was under way when the cursor moved back, or when one of them settled, is
 *       dropped and done again ({@link #readEpoch}).</li>
 * </ul>
 *
 * <h2>Held aside</h2>
 * A message sent with a delivery delay waits in {@link #scheduled} until its delivery time, then takes its place
 * among the waiting ones. A message that came back after the application saw it may wait out the destination's
 * redelivery delay, still counted in flight; once delivered as often as the {@link DestinationPolicy} allows, it
 * moves to the dead-letter queue instead, and an expired message to the expiry queue (see {@link MessageMover}).
 * Stored entries held aside are in memory, so reads of the store skip them as they skip deliveries.
 *
 * <p>Single writer: every method runs on the owning {@link Destination}'s event loop.
 */
final class MessageQueue {
    private static final Logger log = LoggerFactory.getLogger(MessageQueue.class);
    private static final Comparator<QueueEntry> BY_SEQUENCE = Comparator.comparingLong(e -> e.sequence);
    /** Messages read back from the store at a time. */
    private static final int PAGE = 500;
    /** Entries whose deliveries are recorded in one go before they are dispatched. */
    private static final int RECORD_BATCH = 1000;
    private static final long RETRY_MS = 1000;

    private final Destination owner;
    /** For a named topic subscription, its name; null otherwise. */
    private final String subscriptionName;
    private final long holderId;
    private final MessageStore store;
    private final PendingMessages pending = new PendingMessages();
    private final List<ServerConsumer> consumers = new ArrayList<>();
    private int nextConsumer;
    /** Consumers with a selector: while there are none, dispatch never looks past the head. */
    private int selectiveConsumers;
    private int inFlight;
    private boolean dispatching;
    private boolean closed;
    /** Null while every stored message is in memory; else the last position in memory, see the class comment. */
    private Position cursor;
    private long paged;
    /**
     * The highest position any stored entry of this queue has had in memory since none was, where paging starts;
     * forgotten once no stored entry is held and none is paged, or a message of a lower priority gone long ago
     * would keep paging from starting for every message above it.
     */
    private Position highestInMemory;
    /** Stored entries in memory, waiting or delivered. */
    private int storedHeld;
    /**
     * The ids of stored entries in memory but not waiting: delivered and not yet settled, or held until their
     * delivery time.
     */
    private final Set<Long> heldAside = new HashSet<>();
    /** Entries sent with a delivery delay, until their delivery time. */
    private final DeliverySchedule scheduled;
    /** Changes whenever what a read under way returns may be stale; see the class comment. */
    private int readEpoch;
    /**
     * Ids of messages submitted to the store for this holder whose commit this queue has not yet taken in: a read
     * may see them first, and must leave them to {@link #addStored}.
     */
    private final Set<Long> storing = new HashSet<>();
    /**
     * At least the memory size of any stored message after the cursor: the largest that arrived, or, once messages
     * were restored whose sizes are unknown until read, the largest the broker takes. It never goes down, so
     * pages after a restart stay small (a memory limit's worth of the largest messages) for the life of the queue.
     */
    private int largestMessage;
    private boolean reading;
    private boolean recording;
    /** Waiting for the deliveries being recorded to go out (or not): e.g. a pull that must not wait longer. */
    private final List<Runnable> afterRecording = new ArrayList<>();

    /**
     * @param holderId         the store's id for it, or 0 with a null store for one that lives in memory only
     * @param subscriptionName for a named topic subscription, its name
     */
    MessageQueue(Destination owner, long holderId, MessageStore store, String subscriptionName) {
        this.owner = owner;
        this.subscriptionName = subscriptionName;
        this.holderId = holderId;
        this.store = holderId == 0 ? null : store;
        this.scheduled = new DeliverySchedule(owner.executor(), this::releaseDue);
    }

    Destination owner() {
        return owner;
    }

    long holderId() {
        return holderId;
    }

    /** For a named topic subscription, its name; null otherwise. */
    String subscriptionName() {
        return subscriptionName;
    }

    /** Whether its persistent messages are kept in the store. */
    boolean isStored() {
        return store != null;
    }

    /**
     * Restores a holder from the store after a restart: it holds {@code count} messages, all of them committed,
     * none of them in memory yet.
     */
    void restore(long count) {
        if (count > 0) {
            largestMessage = owner.maxMessageMemory();
            paged = count;
            cursor = Position.START;
            pageInIfLow();
        }
    }

    /** Takes a message that the store does not keep: straight to a consumer with credit if there is one. */
    void add(ServerMessage message, long id) {
        if (!closed) {
            offer(new QueueEntry(message, id));
        }
    }

    /**
     * The delivery count to store a new reference with: 1 if a consumer is there to dispatch it to as soon as it
     * is stored, so no second write is needed before that dispatch. A wrong guess costs only an extra
     * redelivered flag after a crash.
     */
    int predictedDeliveries() {
        return consumers.isEmpty() ? 0 : 1;
    }

    /** A message is about to be submitted to the store for this holder; {@link #addStored} takes it in. */
    void beginStoring(long id) {
        storing.add(id);
    }

    /** The store did not take a message submitted for this holder. */
    void storingFailed(long id) {
        storing.remove(id);
    }

    /** A persistent message the store has committed for this holder, with the deliveries it recorded. */
    void addStored(ServerMessage message, long id, int storedDeliveries) {
        storing.remove(id);
        if (closed) {
            return;
        }
        QueueEntry entry = new QueueEntry(message, id);
        entry.storedDeliveries = storedDeliveries;
        largestMessage = Math.max(largestMessage, message.memorySize());
        Position p = entry.position();
        if (cursor == null && owner.overMemoryLimit()) {
            cursor = highestInMemory == null ? Position.START : highestInMemory;
        }
        if (cursor != null && p.compareTo(cursor) < 0 && owner.overMemoryLimit()) {
            pageOutFrom(p);
        }
        if (cursor != null && p.compareTo(cursor) > 0) {
            paged++;
            return;
        }
        offer(entry);
    }

    /**
     * Moves the cursor back to just before {@code p}: the stored entries waiting after it leave memory, to be read
     * back in turn, so that what arrives at {@code p} and after it is paged too.
     */
    private void pageOutFrom(Position p) {
        cursor = new Position(p.priority(), p.messageId() - 1);
        readEpoch++;
        for (Iterator<QueueEntry> it = pending.iterator(); it.hasNext(); ) {
            QueueEntry e = it.next();
            if (e.isStored() && e.position().compareTo(cursor) > 0) {
                it.remove();
                leaveToStore(e);
            }
        }
    }

    /**
     * A stored entry after the cursor leaves memory, to be read back in turn. Nothing to write: the store has
     * counted every dispatch of it (each is recorded before it goes out), and a read gives it back with its next
     * delivery one above that count, as it has it now.
     */
    private void leaveToStore(QueueEntry e) {
        owner.memoryReleased(e.message.memorySize());
        storedLeft(e);
        paged++;
    }

    private void offer(QueueEntry entry) {
        owner.memoryAcquired(entry.message.memorySize());
        noteInMemory(entry);
        long now = System.currentTimeMillis();
        if (entry.message.isExpired(now)) {
            expire(entry);
            return;
        }
        if (entry.message.heldUntilLater(now)) {
            schedule(entry);
            return;
        }
        if (pending.isEmpty() && !entry.needsRecordedDelivery()) {
            ServerConsumer c = pickConsumer(entry);
            if (c != null) {
                deliver(c, entry);
                return;
            }
        }
        pending.add(entry);
        dispatch();
    }

    private void noteInMemory(QueueEntry entry) {
        if (entry.isStored()) {
            storedHeld++;
            Position p = entry.position();
            if (highestInMemory == null || p.compareTo(highestInMemory) > 0) {
                highestInMemory = p;
            }
        }
    }

    /** A stored entry leaves memory: acknowledged, dropped, or left to the store. */
    private void storedLeft(QueueEntry entry) {
        if (entry.isStored()) {
            storedHeld--;
            forgetHighestIfNoneHeld();
        }
    }

    private void forgetHighestIfNoneHeld() {
        if (storedHeld == 0 && cursor == null) {
            highestInMemory = null;
        }
    }

    void addConsumer(ServerConsumer c) {
        consumers.add(c);
        if (c.hasSelector()) {
            selectiveConsumers++;
        }
        dispatch();
    }

    void removeConsumer(ServerConsumer c) {
        int i = consumers.indexOf(c);
        if (i >= 0) {
            consumers.remove(i);
            if (c.hasSelector()) {
                selectiveConsumers--;
            }
            if (nextConsumer > i) {
                nextConsumer--;
            }
        }
    }

    int consumerCount() {
        return consumers.size();
    }

    /**
     * Messages held: waiting (in memory, in the store only, or until their delivery time) plus delivered and not
     * yet acknowledged.
     */
    long depth() {
        return pending.size() + inFlight + paged + scheduled.size();
    }

    /** Deliveries not yet acknowledged. */
    int inFlight() {
        return inFlight;
    }

    /** Hands out waiting messages while some consumer has credit. */
    void dispatch() {
        if (dispatching) {
            // A delivery can trigger another dispatch (an inline acknowledgement); the outer loop carries on.
            return;
        }
        dispatching = true;
        try {
            if (selectiveConsumers == 0) {
                dispatchInOrder(System.currentTimeMillis());
            } else {
                dispatchSelecting(System.currentTimeMillis());
            }
        } finally {
            dispatching = false;
        }
        pageInIfLow();
    }

    /** Every consumer takes every message: hand out from the head while some consumer has credit. */
    private void dispatchInOrder(long now) {
        QueueEntry entry;
        while ((entry = pending.peek()) != null) {
            if (entry.message.isExpired(now)) {
                pending.poll();
                expire(entry);
                continue;
            }
            if (entry.needsRecordedDelivery()) {
                if (!recording && anyConsumerHasCredit()) {
                    recordDeliveries();
                }
                return;
            }
            ServerConsumer c = pickConsumer(entry);
            if (c == null) {
                return;
            }
            pending.poll();
            deliver(c, entry);
        }
    }

    /**
     * Some consumers have selectors: walk the waiting messages in delivery order, handing each to a consumer with
     * credit that selects it; one that no such consumer selects stays, and the walk goes on behind it. Stops when
     * no consumer has credit left, or at a message whose delivery must be recorded first (order is kept).
     */
    private void dispatchSelecting(long now) {
        for (Iterator<QueueEntry> it = pending.iterator(); it.hasNext() && anyConsumerHasCredit(); ) {
            QueueEntry entry = it.next();
            if (entry.message.isExpired(now)) {
                it.remove();
                expire(entry);
                continue;
            }
            ServerConsumer c = pickConsumer(entry);
            if (c == null) {
                continue;
            }
            if (entry.needsRecordedDelivery()) {
                if (!recording) {
                    recordDeliveries();
                }
                return;
            }
            it.remove();
            deliver(c, entry);
        }
    }

    private void deliver(ServerConsumer c, QueueEntry entry) {
        takeAside(entry);
        if (entry.deliveryCount > 1 && isDead(entry)) {
            // Delivered as often as allowed before a restart, which left no chance to move it when it came back.
            moveToDeadLetters(entry);
            return;
        }
        c.deliver(entry);
    }

    /** A waiting entry goes out: to a consumer, or to another queue. It counts in flight until it is settled. */
    private void takeAside(QueueEntry entry) {
        inFlight++;
        owner.delivered(entry.message.memorySize());
        if (entry.isStored()) {
            heldAside.add(entry.sequence);
        }
    }

    /**
     * The next consumer, round-robin from the last one served, that has credit and selects {@code entry}; null if
     * none does.
     */
    private ServerConsumer pickConsumer(QueueEntry entry) {
        int n = consumers.size();
        for (int i = 0; i < n; i++) {
            int idx = (nextConsumer + i) % n;
            ServerConsumer c = consumers.get(idx);
            if (c.hasCredit() && c.selects(entry.message)) {
                nextConsumer = (idx + 1) % n;
                return c;
            }
        }
        return null;
    }

    private boolean anyConsumerHasCredit() {
        for (ServerConsumer c : consumers) {
            if (c.hasCredit()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records in the store, in one go, the next deliveries of the first waiting entries that need it, and resumes
     * dispatch once it has. Dispatch waits meanwhile, so that order is kept.
     */
    private void recordDeliveries() {
        List<QueueEntry> batch = new ArrayList<>();
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (QueueEntry e : pending) {
            if (batch.size() == RECORD_BATCH) {
                break;
            }
            if (e.needsRecordedDelivery()) {
                batch.add(e);
                writes.add(store.deliveryCountRaised(holderId, e.sequence, e.deliveryCount));
            }
        }
        recording = true;
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).whenComplete((v, failure) -> owner.later(() -> {
            if (failure != null) {
                log.warn("Could not record deliveries of {} in the store; retrying in {} ms: {}", this, RETRY_MS,
                        failure.toString());
                owner.executor().schedule(() -> {
                    recording = false;
                    dispatch();
                }, RETRY_MS, TimeUnit.MILLISECONDS);
                return;
            }
            for (QueueEntry e : batch) {
                e.storedDeliveries = Math.max(e.storedDeliveries, e.deliveryCount);
            }
            recording = false;
            dispatch();
            if (!recording && !afterRecording.isEmpty()) {
                List<Runnable> waiting = new ArrayList<>(afterRecording);
                afterRecording.clear();
                waiting.forEach(Runnable::run);
            }
        }));
    }

    /**
     * Runs {@code task} once the messages that wait for their deliveries to be recorded have been dispatched (or
     * at once if none wait): a message that is there but not yet dispatchable counts as there.
     */
    void whenDispatchSettled(Runnable task) {
        if (recording) {
            afterRecording.add(task);
        } else {
            task.run();
        }
    }

    /**
     * A delivery was acknowledged: the message leaves this queue for good.
     *
     * @return completes once the store has forgotten it, or null if the store never had it
     */
    CompletableFuture<Void> acknowledged(QueueEntry entry) {
        CompletableFuture<Void> removed = entry.isStored() ? store.acknowledged(holderId, entry.sequence) : null;
        acknowledgedInStore(entry);
        return removed;
    }

    /** An acknowledgement the store already applied (in a committed transaction): the message leaves memory. */
    void acknowledgedInStore(QueueEntry entry) {
        inFlight--;
        settled(entry);
        owner.dequeued(entry.message.memorySize());
        storedLeft(entry);
        pageInIfLow();
    }

    /**
     * Deliveries come back from a consumer that will not acknowledge them; they return to their places and are
     * offered again.
     */
    void requeue(List<QueueEntry> entries) {
        if (entries.isEmpty() || closed) {
            return;
        }
        inFlight -= entries.size();
        for (QueueEntry e : entries) {
            settled(e);
        }
        putBack(entries);
    }

    /**
     * Deliveries come back from a consumer: {@code unseen} ones were only prefetched and return to their places at
     * once. {@code seen} ones, which the application saw (their delivery counts raised), are delivered again after
     * the destination's redelivery delay, still counted in flight meanwhile, unless they have been delivered as
     * often as its policy allows: those move to the dead-letter queue.
     */
    void giveBack(List<QueueEntry> unseen, List<QueueEntry> seen) {
        if (closed) {
            return;
        }
        DestinationPolicy policy = owner.policy();
        long delay = policy.redeliveryDelay().toMillis();
        List<QueueEntry> now = new ArrayList<>(unseen);
        List<QueueEntry> again = delay == 0 ? now : new ArrayList<>(seen.size());
        for (QueueEntry e : seen) {
            if (isDead(e)) {
                moveToDeadLetters(e);
            } else {
                again.add(e);
            }
        }
        requeue(now);
        if (again != now && !again.isEmpty()) {
            owner.executor().schedule(() -> requeue(again), delay, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Whether an entry has been delivered as often as the policy allows, and is not in the dead-letter queue itself
     * (where it stays, there being nowhere further to go).
     */
    private boolean isDead(QueueEntry entry) {
        DestinationPolicy policy = owner.policy();
        return policy.exhausted(entry.deliveryCount - 1) && !owner.isQueueNamed(policy.deadLetterQueue());
    }

    /** Moves an entry in flight, delivered as often as the policy allows, to the dead-letter queue. */
    private void moveToDeadLetters(QueueEntry entry) {
        DestinationPolicy policy = owner.policy();
        int deliveries = entry.deliveryCount - 1;
        owner.mover().move(this, entry, new MessageMover.Move(policy.deadLetterQueue(), "delivered " + deliveries
                + " times, the most " + owner + " allows", false));
    }

    /**
     * Entries settled out of flight, or released from the schedule, return to their places and are offered again.
     * A stored one whose place is past the cursor is left to the store, to be read back in turn.
     */
    private void putBack(List<QueueEntry> entries) {
        List<QueueEntry> back = new ArrayList<>(entries.size());
        for (QueueEntry e : entries) {
            if (cursor != null && e.isStored() && e.position().compareTo(cursor) > 0) {
                readEpoch++;
                leaveToStore(e);
            } else {
                back.add(e);
            }
        }
        back.sort(BY_SEQUENCE);
        pending.requeue(back);
        dispatch();
    }

    /** An entry a {@link MessageMover} took away is in the other queue: it leaves this one for good. */
    void moved(QueueEntry entry, MessageMover.Move move) {
        if (move.expired()) {
            owner.expired();
        }
        acknowledgedInStore(entry);
    }

    /**
     * A move did not happen; the entry stays. After a store failure the move is tried again a little later, else
     * the entry is offered again.
     */
    void moveFailed(QueueEntry entry, MessageMover.Move move, boolean retry) {
        if (closed) {
            return;
        }
        if (retry) {
            owner.executor().schedule(() -> {
                if (!closed) {
                    owner.mover().move(this, entry, move);
                }
            }, RETRY_MS, TimeUnit.MILLISECONDS);
        } else {
            requeue(List.of(entry));
        }
    }

    /**
     * A waiting entry has expired: it moves to the destination's expiry queue, or, with none (or if this is it), is
     * dropped.
     */
    private void expire(QueueEntry entry) {
        takeAside(entry);
        expiredInFlight(entry);
    }

    /**
     * A delivery expired before the client handed it over: it moves to the destination's expiry queue, or, with
     * none, is dropped.
     */
    void expiredInFlight(QueueEntry entry) {
        DestinationPolicy policy = owner.policy();
        if (!policy.keepsExpired() || owner.isQueueNamed(policy.expiryQueue())) {
            owner.expired();
            acknowledged(entry);
            return;
        }
        owner.mover().move(this, entry, expiryMove(policy));
    }

    private MessageMover.Move expiryMove(DestinationPolicy policy) {
        return new MessageMover.Move(policy.expiryQueue(), "expired on " + owner, true);
    }

    /** Moves the waiting entries that have expired; for a scan that finds those no consumer takes. */
    void expireWaiting() {
        if (!pending.hasExpiring() || closed) {
            return;
        }
        long now = System.currentTimeMillis();
        for (Iterator<QueueEntry> it = pending.iterator(); it.hasNext(); ) {
            QueueEntry e = it.next();
            if (e.message.isExpired(now)) {
                it.remove();
                expire(e);
            }
        }
    }

    /** Holds an entry sent with a delivery delay until its delivery time. */
    private void schedule(QueueEntry entry) {
        if (entry.isStored()) {
            heldAside.add(entry.sequence);
        }
        scheduled.add(entry);
    }

    /** The entries whose delivery time has come take their places among the waiting ones. */
    private void releaseDue() {
        if (closed) {
            return;
        }
        List<QueueEntry> due = scheduled.takeDue(System.currentTimeMillis());
        for (QueueEntry e : due) {
            if (e.isStored()) {
                heldAside.remove(e.sequence);
            }
        }
        if (!due.isEmpty()) {
            putBack(due);
        }
    }

    /** Drops a delivery that will never be acknowledged, for a subscription that is going away. */
    void forget(QueueEntry entry) {
        inFlight--;
        settled(entry);
        owner.memoryReleased(entry.message.memorySize());
        storedLeft(entry);
    }

    /** A delivery is settled; a stored one after the cursor makes a read under way stale. */
    private void settled(QueueEntry entry) {
        owner.deliverySettled(entry.message.memorySize());
        if (entry.isStored()) {
            heldAside.remove(entry.sequence);
            if (cursor != null && entry.position().compareTo(cursor) > 0) {
                readEpoch++;
            }
        }
    }

    /**
     * Reads the next page back from the store when memory has room and few messages wait in it: as many messages as
     * fit in the room left under the memory limit, were each as large as {@link #largestMessage} (one at least).
     */
    private void pageInIfLow() {
        if (cursor == null || reading || closed || pending.size() >= PAGE || !owner.belowPageInMark()) {
            return;
        }
        reading = true;
        int fit = (int) Math.max(1, Math.min(PAGE, owner.memoryRoom() / Math.max(1, largestMessage)));
        int epoch = readEpoch;
        store.read(holderId, cursor, fit).whenComplete((refs, failure) -> owner.later(() -> pagedIn(refs, failure,
                epoch)));
    }

    private void pagedIn(List<StoredReference> refs, Throwable failure, int epoch) {
        reading = false;
        if (closed) {
            return;
        }
        if (failure == null && epoch != readEpoch) {
            pageInIfLow();
            return;
        }
        if (failure != null) {
            log.warn("Could not read the messages of {} from the store; retrying in {} ms: {}", this, RETRY_MS,
                    failure.toString());
            reading = true;
            owner.executor().schedule(() -> {
                reading = false;
                pageInIfLow();
            }, RETRY_MS, TimeUnit.MILLISECONDS);
            return;
        }
        List<QueueEntry> read = new ArrayList<>(refs.size());
        for (StoredReference ref : refs) {
            long id = ref.message().id();
            if (storing.contains(id)) {
                // Its commit has not reached this queue yet; when it does, it lands before the cursor, in memory.
                continue;
            }
            cursor = ref.message().position();
            if (heldAside.contains(id)) {
                // In flight after a cursor that moved back: not paged; if it comes back, it lands before the cursor.
                continue;
            }
            paged--;
            QueueEntry e = restoredEntry(ref);
            if (e != null) {
                owner.memoryAcquired(e.message.memorySize());
                noteInMemory(e);
                if (e.message.heldUntilLater(System.currentTimeMillis())) {
                    schedule(e);
                } else {
                    read.add(e);
                }
            }
        }
        if (paged <= 0) {
            paged = 0;
            cursor = null;
            forgetHighestIfNoneHeld();
        }
        read.sort(BY_SEQUENCE);
        pending.requeue(read);
        dispatch();
    }

    private QueueEntry restoredEntry(StoredReference ref) {
        return restoredEntry(ref, true);
    }

    /** @param dropInvalid whether a stored message that is not a valid one leaves the store (when paging it in) */
    private QueueEntry restoredEntry(StoredReference ref, boolean dropInvalid) {
        ServerMessage m;
        try {
            m = ServerMessage.restored(ref.message(), owner.address());
        } catch (MalformedMessageException e) {
            if (dropInvalid) {
                log.error("Dropping stored message {} of {}: it is not a valid message ({})", ref.message().id(),
                        this, e.getMessage());
                store.acknowledged(holderId, ref.message().id());
            }
            return null;
        }
        QueueEntry e = new QueueEntry(m, ref.message().id());
        e.storedDeliveries = ref.deliveries();
        e.deliveryCount = ref.deliveries() + 1;
        return e;
    }

    /**
     * One page of a browse.
     *
     * @param last where the next page starts: the last position looked at
     * @param more whether anything may wait after {@code last}
     */
    record BrowsePage(List<QueueEntry> entries, Position last, boolean more) {
    }

    /**
     * The waiting messages after {@code after} that {@code selector} selects, in delivery order, without taking
     * them: those in memory, then, past the cursor, those in the store only. At most {@code max} of them and about
     * {@code maxBytes}.
     *
     * @return completes on this queue's event loop
     */
    CompletableFuture<BrowsePage> browse(Position after, Selector selector, int max, long maxBytes) {
        List<QueueEntry> page = new ArrayList<>();
        Position last = after;
        long bytes = 0;
        for (QueueEntry e : pending) {
            Position p = e.position();
            if (p.compareTo(after) <= 0) {
                continue;
            }
            if (page.size() >= max || bytes >= maxBytes) {
                return CompletableFuture.completedFuture(new BrowsePage(page, last, true));
            }
            last = p;
            if (e.message.matches(selector)) {
                page.add(e);
                bytes += e.message.encoded().length;
            }
        }
        if (cursor == null || paged == 0 || page.size() >= max || bytes >= maxBytes) {
            return CompletableFuture.completedFuture(new BrowsePage(page, last, page.size() >= max
                    || bytes >= maxBytes || (cursor != null && paged > 0)));
        }
        Position from = after.compareTo(cursor) > 0 ? after : cursor;
        int wanted = max - page.size();
        CompletableFuture<BrowsePage> done = new CompletableFuture<>();
        Position lastInMemory = last;
        store.read(holderId, from, wanted).whenComplete((refs, failure) -> owner.later(() -> {
            if (failure != null) {
                done.completeExceptionally(failure);
                return;
            }
            Position end = lastInMemory;
            for (StoredReference ref : refs) {
                end = ref.message().position();
                long id = ref.message().id();
                if (storing.contains(id) || heldAside.contains(id)) {
                    continue;
                }
                QueueEntry e = restoredEntry(ref, false);
                if (e != null && !e.message.heldUntilLater(System.currentTimeMillis()) && e.message.matches(selector)) {
                    page.add(e);
                }
            }
            done.complete(new BrowsePage(page, end, refs.size() == wanted));
        }));
        return done;
    }

    /** Drops every waiting message; for a subscription or temporary destination that ends. */
    void purge() {
        closed = true;
        for (QueueEntry e : pending) {
            owner.memoryReleased(e.message.memorySize());
        }
        scheduled.clear(e -> owner.memoryReleased(e.message.memorySize()));
        pending.clear();
        paged = 0;
        cursor = null;
    }

    @Override
    public String toString() {
        return holderId == 0 ? owner.toString() : owner + " (holder " + holderId + ")";
    }
}
