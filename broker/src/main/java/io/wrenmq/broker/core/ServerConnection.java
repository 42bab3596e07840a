package io.wrenmq.broker.core;

import io.netty.util.concurrent.EventExecutor;
import io.wrenmq.broker.ConnectionLimits;
import io.wrenmq.broker.security.Access;
import io.wrenmq.broker.security.Operation;
import io.wrenmq.persistence.MessageStore;
import io.wrenmq.persistence.Position;
import io.wrenmq.persistence.StoreTransaction;
import io.wrenmq.protocol.AckKind;
import io.wrenmq.protocol.ConsumerMark;
import io.wrenmq.protocol.ErrorCode;
import io.wrenmq.protocol.MalformedMessageException;
import io.wrenmq.protocol.MessageHeaders;
import io.wrenmq.protocol.Protocol;
import io.wrenmq.protocol.SubscriptionKind;
import io.wrenmq.protocol.WireDestination;
import io.wrenmq.selector.Selector;
import io.wrenmq.selector.SelectorSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client connection as the core sees it: its sessions, consumers and temporary destinations, and the requests
 * the transport passes on.
 *
 * <p>Every public method is called by the transport on this connection's event loop ({@link #executor()}), which
 * alone changes the maps here. Work on a destination is posted to the destination's loop; the answer to the client
 * goes out through {@link ClientChannel} from wherever the work finished.
 */
public final class ServerConnection {
    private static final Logger log = LoggerFactory.getLogger(ServerConnection.class);
    private static final ThrottledLog FULL_LOG = new ThrottledLog();
    private static final ThrottledLog LIMIT_LOG = new ThrottledLog();

    private final Broker broker;
    private final String id;
    private final ClientChannel channel;
    private final EventExecutor executor;
    private final int creditBatch;
    private final Access access;
    private final Map<Integer, ServerSession> sessions = new HashMap<>();
    private final Map<Integer, ServerConsumer> consumers = new HashMap<>();
    private final List<Destination> temporaries = new ArrayList<>();
    /** Send window earned back but not yet returned; returned in batches to save frames. */
    private final AtomicLong owedCredit = new AtomicLong();
    private volatile String clientId;
    /** Whether the client was told of refused sends since its last accepted one. */
    private volatile boolean toldRefusedSends;
    private boolean closed;

    ServerConnection(Broker broker, String id, ClientChannel channel, EventExecutor executor, int sendWindow,
                     Access access) {
        this.broker = broker;
        this.id = id;
        this.channel = channel;
        this.executor = executor;
        this.creditBatch = Math.max(1, sendWindow / 8);
        this.access = access;
    }

    public String id() {
        return id;
    }

    public String clientId() {
        return clientId;
    }

    public ClientChannel channel() {
        return channel;
    }

    public EventExecutor executor() {
        return executor;
    }

    void assignClientId(String clientId) {
        this.clientId = clientId;
    }

    /** {@code Connection.setClientID}: unique across the broker. */
    public void setClientId(long requestId, String newClientId) {
        if (clientId != null) {
            channel.error(requestId, ErrorCode.ILLEGAL_STATE, "the connection already has client id " + clientId);
            return;
        }
        if (!broker.claimClientId(newClientId, this)) {
            channel.error(requestId, ErrorCode.INVALID_CLIENT_ID,
                    "client id '" + newClientId + "' is in use by another connection");
            return;
        }
        clientId = newClientId;
        channel.receipt(requestId);
    }

    public void createSession(long requestId, int sessionId, int ackMode) {
        if (sessions.containsKey(sessionId)) {
            throw new ProtocolViolationException("session " + sessionId + " already exists");
        }
        if (sessions.size() >= broker.limits().maxSessionsPerConnection()) {
            refuseOverLimit(requestId, ConnectionLimits.MAX_SESSIONS, broker.limits().maxSessionsPerConnection(),
                    "sessions");
            return;
        }
        sessions.put(sessionId, new ServerSession(sessionId, ackMode, this));
        channel.receipt(requestId);
    }

    /** Closes the session's consumers; their deliveries go back, flagged up to each consumer's mark. */
    public void closeSession(long requestId, int sessionId, List<ConsumerMark> delivered) {
        ServerSession session = sessions.remove(sessionId);
        if (session == null) {
            channel.receipt(requestId);
            return;
        }
        Map<Integer, Long> marks = marksById(delivered);
        Countdown done = new Countdown(session.consumers.size(), () -> channel.receipt(requestId));
        for (ServerConsumer c : session.consumers.values()) {
            if (consumers.remove(c.id()) != null) {
                leftSubscription(c);
            }
            long mark = marks.getOrDefault(c.id(), 0L);
            Destination d = c.destination();
            d.run(() -> {
                d.closeConsumer(c, mark, true);
                done.countDown();
            });
        }
        session.consumers.clear();
    }

    /** {@code Session.recover()}: see {@link ServerConsumer#recover}. */
    public void recover(long requestId, int sessionId, List<ConsumerMark> delivered) {
        ServerSession session = session(sessionId);
        Map<Integer, Long> marks = marksById(delivered);
        List<ConsumerMark> restart = Collections.synchronizedList(new ArrayList<>());
        List<ServerConsumer> all = new ArrayList<>(session.consumers.values());
        Countdown done = new Countdown(all.size(), () -> {
            channel.recovered(requestId, List.copyOf(restart));
            executor.execute(() -> dropEmptyClosedConsumers(session));
        });
        for (ServerConsumer c : all) {
            long mark = marks.getOrDefault(c.id(), 0L);
            c.destination().run(() -> {
                restart.add(new ConsumerMark(c.id(), c.recover(mark)));
                done.countDown();
            });
        }
    }

    /**
     * {@code Session.commit()}: the messages the session held enter their destinations and its consumers'
     * deliveries up to their marks are acknowledged, as one store transaction for what the store keeps. In
     * three steps: each destination readies its messages and each consumer names its deliveries, on their own
     * loops; the store commits; then everything enters and leaves memory, and the client has its receipt. If the
     * store fails, nothing is applied and the client is told the transaction was rolled back (it then rolls back
     * its side, which returns the deliveries).
     */
    public void commit(long requestId, int sessionId, List<ConsumerMark> consumed) {
        ServerSession session = session(sessionId);
        if (!session.isTransacted()) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "commit is only for transacted sessions");
        }
        ServerSession.Transaction tx = session.takeTransaction();
        if (tx.failure() != null) {
            channel.error(requestId, ErrorCode.TRANSACTION_ROLLED_BACK, tx.failure());
            return;
        }
        List<CompletableFuture<Routing>> sends = new ArrayList<>(tx.sends().size());
        for (ServerSession.HeldMessage h : tx.sends()) {
            CompletableFuture<Routing> ready = new CompletableFuture<>();
            Destination d = h.destination();
            d.run(() -> ready.complete(d.prepare(h.message())));
            sends.add(ready);
        }
        List<ConsumerMark> acks = new ArrayList<>();
        List<ServerConsumer> ackers = new ArrayList<>();
        List<CompletableFuture<List<QueueEntry>>> acked = new ArrayList<>();
        for (ConsumerMark m : consumed) {
            ServerConsumer c = session.consumers.get(m.consumerId());
            if (c != null) {
                CompletableFuture<List<QueueEntry>> entries = new CompletableFuture<>();
                c.destination().run(() -> entries.complete(c.unacknowledgedUpTo(m.deliveryId())));
                acks.add(m);
                ackers.add(c);
                acked.add(entries);
            }
        }
        List<CompletableFuture<?>> all = new ArrayList<>(sends);
        all.addAll(acked);
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenRun(() -> {
            StoreTransaction st = new StoreTransaction();
            for (CompletableFuture<Routing> f : sends) {
                Routing r = f.join();
                if (r.needsStore()) {
                    st.send(r.stored(), r.holderIds(), r.deliveries());
                }
            }
            for (int i = 0; i < acks.size(); i++) {
                ServerConsumer c = ackers.get(i);
                for (QueueEntry e : acked.get(i).join()) {
                    if (e.isStored()) {
                        st.acknowledge(c.queue().holderId(), e.sequence);
                    }
                }
            }
            MessageStore store = broker.store();
            CompletableFuture<Void> durable = st.isEmpty() || store == null
                    ? CompletableFuture.completedFuture(null) : store.transactionCommitted(st);
            durable.whenComplete((v, failure) -> {
                if (failure != null) {
                    for (int i = 0; i < sends.size(); i++) {
                        Routing r = sends.get(i).join();
                        tx.sends().get(i).destination().later(r::abandon);
                    }
                    channel.error(requestId, ErrorCode.TRANSACTION_ROLLED_BACK, "the store could not commit the "
                            + "transaction; it was rolled back: " + failure.getMessage());
                    return;
                }
                Countdown done = new Countdown(sends.size() + acks.size(), () -> channel.receipt(requestId));
                for (int i = 0; i < sends.size(); i++) {
                    Routing r = sends.get(i).join();
                    Destination d = tx.sends().get(i).destination();
                    d.later(() -> {
                        d.enterCommitted(r);
                        done.countDown();
                    });
                }
                for (int i = 0; i < acks.size(); i++) {
                    ServerConsumer c = ackers.get(i);
                    long upTo = acks.get(i).deliveryId();
                    c.destination().later(() -> {
                        c.committedUpTo(upTo);
                        done.countDown();
                    });
                }
            });
        });
    }

    /** {@code Session.rollback()}: what the session held is dropped, and its deliveries come back as on recover. */
    public void rollback(long requestId, int sessionId, List<ConsumerMark> delivered) {
        ServerSession session = session(sessionId);
        if (!session.isTransacted()) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "rollback is only for transacted sessions");
        }
        session.takeTransaction();
        recover(requestId, sessionId, delivered);
    }

    /** CLIENT_ACKNOWLEDGE's {@code acknowledge()}: every delivery up to each consumer's mark. */
    public void sessionAck(long requestId, int sessionId, List<ConsumerMark> upTo) {
        ServerSession session = session(sessionId);
        List<Runnable> parts = new ArrayList<>();
        Countdown[] done = new Countdown[1];
        List<CompletableFuture<Void>> removals = Collections.synchronizedList(new ArrayList<>());
        for (ConsumerMark m : upTo) {
            ServerConsumer c = session.consumers.get(m.consumerId());
            if (c != null) {
                parts.add(() -> c.destination().run(() -> {
                    c.acknowledgeUpTo(m.deliveryId(), removals);
                    done[0].countDown();
                }));
            }
        }
        // acknowledge() returns once what it acknowledged is gone from the store, so it cannot come back.
        done[0] = new Countdown(parts.size(), () -> CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new))
                .whenComplete((v, failure) -> {
                    if (failure != null) {
                        channel.error(requestId, ErrorCode.GENERAL, "the store could not record the "
                                + "acknowledgement: " + failure.getMessage());
                    } else {
                        channel.receipt(requestId);
                    }
                    executor.execute(() -> dropEmptyClosedConsumers(session));
                }));
        parts.forEach(Runnable::run);
    }

    private void dropEmptyClosedConsumers(ServerSession session) {
        for (ServerConsumer c : new ArrayList<>(session.consumers.values())) {
            c.destination().run(() -> {
                if (c.isClosed() && !c.holdsDeliveries()) {
                    executor.execute(() -> session.consumers.remove(c.id(), c));
                }
            });
        }
    }

    public void createConsumer(long requestId, int sessionId, int consumerId, ConsumerSpec spec) {
        ServerSession session = session(sessionId);
        if (consumers.containsKey(consumerId)) {
            throw new ProtocolViolationException("consumer " + consumerId + " already exists");
        }
        if (consumers.size() >= broker.limits().maxConsumersPerConnection()) {
            refuseOverLimit(requestId, ConnectionLimits.MAX_CONSUMERS, broker.limits().maxConsumersPerConnection(),
                    "consumers");
            return;
        }
        Selector selector = compile(spec.selector());
        authorize(Operation.CONSUME, spec.destination());
        SubscriptionKind kind = spec.subscriptionKind();
        boolean durable = kind == SubscriptionKind.DURABLE || kind == SubscriptionKind.SHARED_DURABLE;
        if (durable && !broker.subscriptions().hasDurable(clientId, spec.subscriptionName())) {
            // Before the topic may be created: a refused subscription leaves nothing behind.
            authorize(Operation.CREATE_DURABLE, spec.destination());
        }
        Destination destination = broker.destinationToConsume(spec.destination(), this);
        Subscription subscription = subscriptionFor(destination, spec);
        ServerConsumer consumer = new ServerConsumer(consumerId, session, destination, spec.prefetch(),
                subscription, subscription == null ? selector : null);
        consumers.put(consumerId, consumer);
        session.consumers.put(consumerId, consumer);
        destination.run(() -> {
            if (destination.isDeleted()) {
                executor.execute(() -> {
                    if (consumers.remove(consumerId) != null) {
                        leftSubscription(consumer);
                    }
                    session.consumers.remove(consumerId);
                });
                channel.error(requestId, ErrorCode.INVALID_DESTINATION, destination + " has been deleted");
                return;
            }
            destination.addConsumer(consumer);
            // A new queue, topic or durable subscription is answered once the store has it: it then survives.
            CompletableFuture<Void> recorded = subscription == null ? destination.stored()
                    : CompletableFuture.allOf(destination.stored(), subscription.stored);
            // And once what waits for it has gone out, so that a receiveNoWait right after does not miss a message
            // whose first delivery the store was still recording.
            CompletableFuture<Void> settled = new CompletableFuture<>();
            consumer.queue().whenDispatchSettled(() -> settled.complete(null));
            CompletableFuture.allOf(recorded, settled).whenComplete((v, failure) -> {
                if (failure == null) {
                    channel.receipt(requestId);
                } else {
                    channel.error(requestId, ErrorCode.GENERAL, "the store could not record "
                            + (subscription == null ? destination : subscription) + ": " + failure.getMessage());
                }
            });
        });
    }

    /** A request past one of the {@link ConnectionLimits}: refused, and the connection carries on. */
    private void refuseOverLimit(long requestId, String option, int limit, String what) {
        LIMIT_LOG.warn(log, "Refused a request of {}: it has {} {} open, the limit ({})", this, limit, what, option);
        channel.error(requestId, ErrorCode.RESOURCE_ALLOCATION, "the connection already has " + limit + " " + what
                + " open, the most the broker allows (" + option + ")");
    }

    /**
     * @throws BrokerException with {@link ErrorCode#INVALID_SELECTOR} for a selector that does not parse or is
     *                         longer than the broker allows
     */
    private Selector compile(String selector) {
        if (selector == null || selector.isBlank()) {
            return null;
        }
        int max = broker.limits().maxSelectorLength();
        if (selector.length() > max) {
            LIMIT_LOG.warn(log, "Refused a selector of {} characters from {} ({} is {})", selector.length(), this,
                    ConnectionLimits.MAX_SELECTOR_LENGTH, max);
            throw new BrokerException(ErrorCode.INVALID_SELECTOR, "the selector has " + selector.length()
                    + " characters, more than the broker allows (" + ConnectionLimits.MAX_SELECTOR_LENGTH + " "
                    + max + ")");
        }
        try {
            return Selector.parse(selector);
        } catch (SelectorSyntaxException e) {
            throw new BrokerException(ErrorCode.INVALID_SELECTOR, e.getMessage());
        }
    }

    /**
     * The subscription a topic consumer takes its messages from: its own, or the named one it opens or joins;
     * null for a queue consumer.
     *
     * @throws BrokerException if the named subscription cannot be opened as asked (see {@link Subscriptions})
     */
    private Subscription subscriptionFor(Destination destination, ConsumerSpec spec) {
        SubscriptionKind kind = spec.subscriptionKind();
        if (!(destination instanceof TopicDestination topic)) {
            if (kind != SubscriptionKind.NONE) {
                throw new BrokerException(ErrorCode.INVALID_DESTINATION, "only a topic has subscriptions");
            }
            return null;
        }
        if (kind == SubscriptionKind.NONE) {
            return Subscription.privateFor(topic, blankToNull(spec.selector()), spec.noLocal(), id);
        }
        String name = spec.subscriptionName();
        if (name == null || name.isEmpty()) {
            throw new BrokerException(ErrorCode.GENERAL, "a " + kind + " subscription needs a name");
        }
        if (kind == SubscriptionKind.SHARED) {
            return broker.subscriptions().openShared(topic, clientId, name, blankToNull(spec.selector()));
        }
        if (topic.address().kind().isTemporary()) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, "a temporary topic cannot have a durable "
                    + "subscription");
        }
        if (kind == SubscriptionKind.DURABLE && clientId == null) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "an unshared durable subscription needs the "
                    + "connection's client id to be set");
        }
        return broker.subscriptions().openDurable(topic, kind == SubscriptionKind.SHARED_DURABLE, clientId, name,
                blankToNull(spec.selector()), spec.noLocal(), () -> authorize(Operation.CREATE_DURABLE, topic.address()));
    }

    private static String blankToNull(String selector) {
        return selector == null || selector.isBlank() ? null : selector;
    }

    /** A consumer of a named subscription is gone: the subscription may end (see {@link Subscriptions}). */
    private void leftSubscription(ServerConsumer c) {
        Subscription s = c.subscription();
        if (s != null && !s.isPrivate()) {
            broker.subscriptions().consumerClosed(s);
        }
    }

    /** {@code QueueBrowser}: the next page of a queue's waiting messages; see {@link MessageQueue#browse}. */
    public void browse(long requestId, WireDestination address, String selectorText, Position after, int max) {
        Selector selector = compile(selectorText);
        authorize(Operation.BROWSE, address);
        Destination d = broker.destinationToConsume(address, this);
        if (!(d instanceof QueueDestination queue)) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, address.name() + " is not a queue");
        }
        // A page stays well inside the client's frame limit.
        long maxBytes = Math.max(1, broker.maxFrameSize() / 2);
        queue.run(() -> queue.browse(after, selector, Math.min(max, 1000), maxBytes).whenComplete((page, failure) -> {
            if (failure != null) {
                channel.error(requestId, ErrorCode.GENERAL, "could not read the queue: " + failure.getMessage());
                return;
            }
            List<ServerMessage> messages = new ArrayList<>(page.entries().size());
            List<Integer> counts = new ArrayList<>(page.entries().size());
            for (QueueEntry e : page.entries()) {
                messages.add(e.message);
                counts.add(e.deliveryCount);
            }
            channel.browsed(requestId, messages, counts, page.last(), page.more());
        }));
    }

    /** {@code Session.unsubscribe}: see {@link Subscriptions#unsubscribe}; answered once the store has removed it. */
    public void unsubscribe(long requestId, String name) {
        broker.subscriptions().unsubscribe(clientId, name, topic -> authorize(Operation.DELETE_DURABLE, topic))
                .whenComplete((v, failure) -> {
            if (failure != null) {
                channel.error(requestId, ErrorCode.GENERAL, "the store could not remove the subscription: "
                        + failure.getMessage());
            } else {
                channel.receipt(requestId);
            }
        });
    }

    public void closeConsumer(long requestId, int consumerId, long lastDelivered) {
        ServerConsumer consumer = consumers.remove(consumerId);
        if (consumer == null) {
            channel.receipt(requestId);
            return;
        }
        ServerSession session = consumer.session();
        Destination d = consumer.destination();
        leftSubscription(consumer);
        d.run(() -> {
            d.closeConsumer(consumer, lastDelivered, false);
            boolean holds = consumer.holdsDeliveries();
            channel.receipt(requestId);
            if (!holds) {
                executor.execute(() -> session.consumers.remove(consumerId, consumer));
            }
        });
    }

    public void ack(int consumerId, long deliveryId, AckKind kind, int credit) {
        ServerConsumer c = consumers.get(consumerId);
        if (c == null) {
            // The consumer closed while this acknowledgement was on its way; closing settled its deliveries.
            return;
        }
        Destination d = c.destination();
        if (d.executor().inEventLoop()) {
            c.ack(deliveryId, kind, credit);
        } else {
            d.executor().execute(() -> c.ack(deliveryId, kind, credit));
        }
    }

    public void pull(int consumerId, long pullId, long timeoutMs) {
        ServerConsumer c = consumers.get(consumerId);
        if (c == null) {
            return;
        }
        c.destination().run(() -> c.pull(pullId, timeoutMs));
    }

    /**
     * A producer's message. The header is checked here, on the connection's loop, so that a malformed message
     * drops this client and never reaches a destination.
     */
    public void send(long requestId, int sessionId, WireDestination address, byte[] message) {
        MessageHeaders headers;
        try {
            headers = MessageHeaders.parse(message);
        } catch (MalformedMessageException e) {
            throw new ProtocolViolationException("malformed message: " + e.getMessage());
        }
        ServerSession session = session(sessionId);
        Destination destination;
        try {
            authorize(Operation.SEND, address);
            destination = broker.destinationToSend(address, this);
        } catch (BrokerException e) {
            if (e.code() != ErrorCode.SECURITY || requestId != 0) {
                throw e;
            }
            sendDenied(session, message.length, e.getMessage());
            return;
        }
        if (destination == null) {
            sendRefused(requestId, message.length, address + " does not exist");
            return;
        }
        ServerMessage m = new ServerMessage(message, headers, address, id, clientId);
        if (session.isTransacted()) {
            // Unseen until commit; its send window comes back now, as the broker has it.
            session.holdForCommit(destination, m, broker.maxTransactionBytes());
            sendAccepted(requestId, message.length);
            return;
        }
        destination.run(() -> destination.accept(m, this, requestId));
    }

    /**
     * A send without receipt that was not permitted. The client confirms its first send to each destination, which
     * is refused with an error, so this is a send that raced that first one: it is dropped, and a transaction
     * that held it can only roll back.
     */
    private void sendDenied(ServerSession session, int bytes, String why) {
        if (session.isTransacted()) {
            session.doom(why + "; the transaction was rolled back");
        } else {
            log.debug("Dropped a message from {}: {}", channel.remoteAddress(), why);
        }
        returnCredit(bytes);
    }

    /**
     * Checks that this connection's user may do {@code operation} to a queue or topic. Temporary destinations are
     * outside the permissions: their owner alone consumes from them, and anyone let in may send to them.
     *
     * @throws BrokerException with {@link ErrorCode#SECURITY} if not
     */
    void authorize(Operation operation, WireDestination address) {
        if (!address.kind().isTemporary() && !access.permits(operation, address.name())) {
            throw new BrokerException(ErrorCode.SECURITY, access.denial(operation,
                    (address.kind().isTopic() ? "topic " : "queue ") + address.name()));
        }
    }

    /** Called by a destination once it has the message: receipt, or send window back. Any thread. */
    void sendAccepted(long requestId, int bytes) {
        if (toldRefusedSends) {
            toldRefusedSends = false;
        }
        if (requestId != 0) {
            channel.receipt(requestId);
        } else {
            returnCredit(bytes);
        }
    }

    /** Called when the store could not take a persistent message. Any thread. */
    void sendFailed(long requestId, int bytes, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (requestId != 0) {
            channel.error(requestId, ErrorCode.GENERAL, "the broker could not store the message: "
                    + cause.getMessage());
        } else {
            log.warn("Dropped a message from {}: the store could not take it: {}", channel.remoteAddress(),
                    cause.toString());
            returnCredit(bytes);
        }
    }

    /** Called when a message could not be routed (its temporary destination is gone). Any thread. */
    void sendRefused(long requestId, int bytes, Object why) {
        if (requestId != 0) {
            channel.error(requestId, ErrorCode.INVALID_DESTINATION, String.valueOf(why));
        } else {
            log.debug("Dropped a message from {}: {}", channel.remoteAddress(), why);
            returnCredit(bytes);
        }
    }

    /** Called when a destination over its memory limit refuses the message (full-policy fail). Any thread. */
    void sendRefusedFull(long requestId, int bytes, String why) {
        if (requestId != 0) {
            channel.error(requestId, ErrorCode.RESOURCE_ALLOCATION, why);
        } else {
            // Sent without asking for an answer: the client hears once per run of refusals, not once per message.
            FULL_LOG.warn(log, "Dropped messages from {}: {}", channel.remoteAddress(), why);
            if (!toldRefusedSends) {
                toldRefusedSends = true;
                channel.error(Protocol.REFUSED_UNANSWERED_SENDS, ErrorCode.RESOURCE_ALLOCATION,
                        "messages sent without waiting were dropped: " + why);
            }
            returnCredit(bytes);
        }
    }

    private void returnCredit(int bytes) {
        if (owedCredit.addAndGet(bytes) >= creditBatch) {
            long owed = owedCredit.getAndSet(0);
            while (owed > 0) {
                int chunk = (int) Math.min(owed, Integer.MAX_VALUE);
                channel.sendCredit(chunk);
                owed -= chunk;
            }
        }
    }

    public void createTemporary(long requestId, WireDestination address) {
        Destination d = broker.createTemporary(address, this);
        temporaries.add(d);
        channel.receipt(requestId);
    }

    /** Deletes one of this connection's temporary destinations; refused while it has consumers. */
    public void deleteTemporary(long requestId, WireDestination address) {
        Destination d = broker.existing(address);
        if (d == null || d.owner() != this) {
            channel.error(requestId, ErrorCode.INVALID_DESTINATION,
                    address + " is not a temporary destination of this connection");
            return;
        }
        d.run(() -> {
            if (d.consumerCount() > 0) {
                channel.error(requestId, ErrorCode.ILLEGAL_STATE,
                        "temporary destination " + address.name() + " still has consumers");
                return;
            }
            broker.remove(d);
            d.delete();
            executor.execute(() -> temporaries.remove(d));
            channel.receipt(requestId);
        });
    }

    /** The client reads again after it made deliveries pause: every consumer may take messages again. */
    public void resumeDeliveries() {
        for (ServerConsumer c : consumers.values()) {
            c.destination().run(c::resumeDeliveries);
        }
    }

    /** The client closes in order: release everything, then answer. */
    public void close(long requestId) {
        release(() -> {
            channel.receipt(requestId);
            channel.disconnect();
        });
    }

    /** The connection is gone (closed or dropped): release everything the client held. */
    public void lost() {
        release(() -> {
        });
    }

    private void release(Runnable then) {
        if (closed) {
            then.run();
            return;
        }
        closed = true;
        List<ServerConsumer> all = new ArrayList<>();
        for (ServerSession s : sessions.values()) {
            all.addAll(s.consumers.values());
        }
        List<ServerConsumer> open = new ArrayList<>(consumers.values());
        sessions.clear();
        consumers.clear();
        List<Destination> temps = new ArrayList<>(temporaries);
        temporaries.clear();
        Countdown done = new Countdown(all.size() + temps.size(), () -> {
            broker.connectionClosed(this);
            then.run();
        });
        for (ServerConsumer c : all) {
            Destination d = c.destination();
            d.run(() -> {
                d.closeConsumer(c, c.markAfterConnectionLoss(), true);
                done.countDown();
            });
        }
        open.forEach(this::leftSubscription);
        for (Destination t : temps) {
            broker.remove(t);
            t.run(() -> {
                t.delete();
                done.countDown();
            });
        }
    }

    private ServerSession session(int sessionId) {
        ServerSession s = sessions.get(sessionId);
        if (s == null) {
            throw new ProtocolViolationException("session " + sessionId + " does not exist");
        }
        return s;
    }

    private static Map<Integer, Long> marksById(List<ConsumerMark> marks) {
        Map<Integer, Long> m = new HashMap<>();
        for (ConsumerMark mark : marks) {
            m.put(mark.consumerId(), mark.deliveryId());
        }
        return m;
    }

    @Override
    public String toString() {
        return "connection " + id + " from " + channel.remoteAddress()
                + (access.user() == null ? "" : " (user " + access.user() + ")");
    }
}
