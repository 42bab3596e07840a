package io.wrenmq.jms.client;

import io.wrenmq.jms.WrenDestination;
import io.wrenmq.jms.WrenQueue;
import io.wrenmq.jms.WrenTopic;
import io.wrenmq.jms.message.MessageCodec;
import io.wrenmq.jms.message.WrenBytesMessage;
import io.wrenmq.jms.message.WrenMapMessage;
import io.wrenmq.jms.message.WrenMessage;
import io.wrenmq.jms.message.WrenObjectMessage;
import io.wrenmq.jms.message.WrenStreamMessage;
import io.wrenmq.jms.message.WrenTextMessage;
import io.wrenmq.protocol.AckFrame;
import io.wrenmq.protocol.AckKind;
import io.wrenmq.protocol.CloseSessionFrame;
import io.wrenmq.protocol.CommitFrame;
import io.wrenmq.protocol.ConsumerMark;
import io.wrenmq.protocol.CreateConsumerFrame;
import io.wrenmq.protocol.DeliverFrame;
import io.wrenmq.protocol.DestinationKind;
import io.wrenmq.protocol.Frame;
import io.wrenmq.protocol.RecoverFrame;
import io.wrenmq.protocol.RecoveredFrame;
import io.wrenmq.protocol.RollbackFrame;
import io.wrenmq.protocol.SessionAckFrame;
import io.wrenmq.protocol.SubscriptionKind;
import io.wrenmq.protocol.UnsubscribeFrame;
import io.wrenmq.selector.Selector;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import jakarta.jms.TransactionRolledBackException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * A session: a single-threaded context for producing and consuming, as the specification defines it. It hands
 * messages to the application (from {@code receive} or to listeners, which run one at a time on its
 * {@link SerialExecutor}) and acknowledges them as its mode says:
 * <ul>
 *   <li>AUTO / DUPS_OK: {@code receive} acknowledges as it returns; a listener's message once {@code onMessage}
 *       returns. A listener that throws gets the message again from the broker, flagged redelivered,
 *       as after {@code recover()}: the broker's redelivery delay and dead-letter limit apply.</li>
 *   <li>CLIENT: each hand-over is reported to the broker (so it can flag the message if the connection dies), and
 *       {@code Message.acknowledge()} acknowledges everything handed over so far, on every consumer.</li>
 * </ul>
 * The CompletionListeners of asynchronous sends run on a serial executor of their own; closing waits for them.
 */
public class WrenSession implements Session, QueueSession, TopicSession {
    private static final Logger log = LoggerFactory.getLogger(WrenSession.class);
    /** A consumer whose window is at least this large has its acknowledgements sent lazily. */
    private static final int LAZY_ACK_MIN_PREFETCH = 16;

    private final WrenConnection connection;
    private final int id;
    private final int mode;
    private final SessionDomain domain;
    private final SerialExecutor listenerThread = new SerialExecutor();
    /**
     * Calls the CompletionListeners of asynchronous sends: one at a time, in send order, and never on the thread
     * that sent (spec 7.3.8). Each task waits for its own send, so a callback never overtakes an earlier one.
     */
    private final SerialExecutor completionThread = new SerialExecutor();
    /** Asynchronous sends whose callback has not returned yet. */
    private final AtomicInteger pendingCompletions = new AtomicInteger();
    private final ReentrantLock listenerLock = new ReentrantLock();
    private final AtomicBoolean deliveryScheduled = new AtomicBoolean();
    private final List<WrenMessageConsumer> consumers = new CopyOnWriteArrayList<>();
    private final AtomicInteger producerIds = new AtomicInteger();
    /** CLIENT mode: per consumer (closed ones included) the last delivery handed over and not yet acknowledged. */
    private final Map<Integer, Long> unacknowledged = new LinkedHashMap<>();
    private volatile boolean paused = true;
    private volatile boolean closed;

    WrenSession(WrenConnection connection, int id, int mode, SessionDomain domain) {
        this.connection = connection;
        this.id = id;
        this.mode = mode;
        this.domain = domain;
        this.paused = !connection.isStarted();
    }

    WrenConnection connection() {
        return connection;
    }

    int id() {
        return id;
    }

    boolean isTransacted() {
        return mode == SESSION_TRANSACTED;
    }

    void checkNotClosed() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
    }

    private void checkOpen() throws JMSException {
        checkNotClosed();
        connection.checkOpen();
    }

    // Hand-over and acknowledgement

    /**
     * Turns a delivery into the application's message and does what the mode requires at hand-over time.
     *
     * @param toListener true when the message goes to a listener (AUTO mode then acknowledges after it returns)
     */
    WrenMessage handOver(WrenMessageConsumer consumer, DeliverFrame frame, boolean toListener) throws JMSException {
        return accept(consumer, frame, decodeDelivery(consumer, frame), toListener);
    }

    /** What {@code JMSConsumer.receiveBody} returns: the body of a message, read before it is handed over. */
    @FunctionalInterface
    interface BodyReader<T> {
        /** @throws MessageFormatException if the body cannot be had as asked */
        T read(WrenMessage message) throws MessageFormatException;
    }

    /**
     * {@code receiveBody}: the body of the delivery as {@code reader} reads it, handed over like {@code receive}.
     * When the body cannot be read, the JMSConsumer javadoc decides by mode: AUTO and DUPS_OK "behave as if the
     * unsuccessful call to receiveBody had not occurred" (the delivery goes back to the head of the consumer's
     * buffer, neither acknowledged nor counted); CLIENT "as if the call to receiveBody had been successful" (it is
     * handed over, unacknowledged until {@code acknowledge} or back on {@code recover}).
     *
     * @throws MessageFormatException from {@code reader}, after doing what the mode says
     */
    <T> T handOverBody(WrenMessageConsumer consumer, DeliverFrame frame, BodyReader<T> reader)
            throws JMSException {
        WrenMessage m = decodeDelivery(consumer, frame);
        T body;
        try {
            body = reader.read(m);
        } catch (MessageFormatException e) {
            if (mode == AUTO_ACKNOWLEDGE || mode == DUPS_OK_ACKNOWLEDGE) {
                consumer.pushBack(frame);
            } else {
                accept(consumer, frame, m, false);
            }
            throw e;
        }
        accept(consumer, frame, m, false);
        return body;
    }

    /**
     * Decodes a delivery. One that cannot be decoded counts as seen and its credit is returned, so that it comes
     * back flagged with its count raised rather than silently, and the consumer is not left a credit short.
     */
    private WrenMessage decodeDelivery(WrenMessageConsumer consumer, DeliverFrame frame) throws JMSException {
        try {
            return decode(frame, frame.deliveryCount());
        } catch (JMSException e) {
            consumer.delivered(frame.deliveryId());
            sendAck(consumer, frame, AckKind.DELIVERED);
            throw e;
        }
    }

    /** Records the hand-over of a decoded delivery and acknowledges it as the mode requires. */
    private WrenMessage accept(WrenMessageConsumer consumer, DeliverFrame frame, WrenMessage m, boolean toListener) {
        consumer.delivered(frame.deliveryId());
        if (mode == CLIENT_ACKNOWLEDGE || mode == SESSION_TRANSACTED) {
            // Acknowledged later: by acknowledge(), or by commit (where Message.acknowledge() does nothing).
            synchronized (unacknowledged) {
                unacknowledged.put(consumer.id(), frame.deliveryId());
            }
            if (mode == CLIENT_ACKNOWLEDGE) {
                m.setAcknowledger(this::acknowledge);
            }
            sendAck(consumer, frame, AckKind.DELIVERED);
        } else if (!toListener) {
            sendAck(consumer, frame, AckKind.CONSUMED_ONE);
        }
        return m;
    }

    /** A delivery expired before it could be handed over: the broker takes it back as expired. */
    void expiredBeforeHandOver(WrenMessageConsumer consumer, DeliverFrame frame) {
        sendAck(consumer, frame, AckKind.EXPIRED);
    }

    /**
     * Acknowledges a delivery, returning its credit. Lazily, to share a write with what the application sends next,
     * unless the consumer's window is so small that the broker would soon wait for the credit.
     */
    private void sendAck(WrenMessageConsumer consumer, DeliverFrame frame, AckKind kind) {
        AckFrame ack = new AckFrame(consumer.id(), frame.deliveryId(), kind, creditOf(consumer));
        if (consumer.prefetch() >= LAZY_ACK_MIN_PREFETCH) {
            connection.transport().sendLazily(ack);
        } else {
            connection.transport().send(ack);
        }
    }

    /** The credit a hand-over returns: one with a prefetch window, none when pulling. */
    private static int creditOf(WrenMessageConsumer consumer) {
        return consumer.prefetch() > 0 ? 1 : 0;
    }

    private WrenMessage decode(DeliverFrame frame, int deliveryCount) throws JMSException {
        WrenMessage m;
        try {
            m = MessageCodec.decode(frame.message(), connection::destinationOf,
                    connection.deserializationPolicy());
        } catch (RuntimeException e) {
            throw Exceptions.withCause(new JMSException("cannot decode a message from the broker: " + e), e);
        }
        m.setDeliveryCount(deliveryCount);
        return m;
    }

    /** {@code Message.acknowledge()} in CLIENT mode: everything this session handed over so far. */
    void acknowledge() throws JMSException {
        if (closed) {
            throw new IllegalStateException("the session of this message is closed");
        }
        connection.checkOpen();
        List<ConsumerMark> marks;
        synchronized (unacknowledged) {
            marks = marksOf(unacknowledged);
            unacknowledged.clear();
        }
        if (!marks.isEmpty()) {
            connection.transport().request(rid -> new SessionAckFrame(rid, id, marks));
        }
    }

    private static List<ConsumerMark> marksOf(Map<Integer, Long> byConsumer) {
        List<ConsumerMark> marks = new ArrayList<>(byConsumer.size());
        byConsumer.forEach((c, d) -> marks.add(new ConsumerMark(c, d)));
        return marks;
    }

    /** The marks to report on recover or close: every consumer's last hand-over, closed consumers included. */
    private List<ConsumerMark> deliveredMarks() {
        Map<Integer, Long> all;
        synchronized (unacknowledged) {
            all = new LinkedHashMap<>(unacknowledged);
        }
        for (WrenMessageConsumer c : consumers) {
            all.put(c.id(), c.lastDelivered());
        }
        return marksOf(all);
    }

    // Listener delivery

    void scheduleDelivery() {
        if (!paused && !closed && deliveryScheduled.compareAndSet(false, true)) {
            listenerThread.execute(this::deliverToListeners);
        }
    }

    /** Runs on the listener thread: one message to each consumer with a listener in turn, until none is left. */
    private void deliverToListeners() {
        deliveryScheduled.set(false);
        boolean deliveredAny = true;
        while (deliveredAny) {
            deliveredAny = false;
            for (WrenMessageConsumer c : consumers) {
                DeliverFrame frame = c.pollForListener();
                if (frame == null) {
                    continue;
                }
                listenerLock.lock();
                try {
                    if (paused || closed) {
                        c.pushBack(frame);
                        return;
                    }
                    deliveredAny = true;
                    deliverToListener(c, frame);
                } finally {
                    listenerLock.unlock();
                }
            }
        }
    }

    private void deliverToListener(WrenMessageConsumer c, DeliverFrame frame) {
        MessageListener listener = c.listener();
        if (c.prefetch() == 0) {
            c.pullAnswered();
        }
        try {
            WrenMessage m = handOver(c, frame, true);
            boolean autoAck = mode == AUTO_ACKNOWLEDGE || mode == DUPS_OK_ACKNOWLEDGE;
            boolean returned = false;
            try {
                listener.onMessage(m);
                returned = true;
            } catch (RuntimeException e) {
                if (autoAck) {
                    log.debug("MessageListener of {} threw; the broker delivers the message again", c, e);
                } else {
                    // CLIENT mode: the specification moves on; the application may recover() to get it back.
                    log.warn("MessageListener of {} threw; the message stays unacknowledged", c, e);
                }
            }
            if (autoAck && returned) {
                sendAck(c, frame, AckKind.CONSUMED_ONE);
            } else if (autoAck && !closed) {
                // As a recover(): the broker redelivers it, flagged, and counts the delivery towards the
                // destination's limit, past which the message goes to the dead-letter queue.
                restartDeliveries(marks -> rid -> new RecoverFrame(rid, id, marks));
            }
            if (c.closeWhenListenerReturns()) {
                c.finishClose();
            } else {
                c.requestForListener();
            }
        } catch (JMSException e) {
            log.warn("Could not deliver a message to the listener of {}", c, e);
        } catch (RuntimeException | Error e) {
            log.error("Unexpected failure delivering to the listener of {}", c, e);
        }
    }

    // Asynchronous send

    /** Calls {@code listener} on the completion thread once {@code sent} completes. */
    void notifyWhenSent(CompletableFuture<Frame> sent, Message message, CompletionListener listener) {
        pendingCompletions.incrementAndGet();
        completionThread.execute(() -> {
            try {
                try {
                    connection.transport().awaitReceipt(sent);
                } catch (JMSException e) {
                    listener.onException(message, e);
                    return;
                }
                listener.onCompletion(message);
            } catch (RuntimeException e) {
                log.warn("A CompletionListener threw", e);
            } finally {
                pendingCompletions.decrementAndGet();
            }
        });
    }

    /**
     * Returns once every asynchronous send made so far has completed and its callback returned, as closing a
     * producer, this session or its connection must (spec 7.3.4).
     *
     * @param action what is being done, for the message of the exception ("close its own session")
     * @throws IllegalStateException when called from one of those callbacks, which would wait for itself
     */
    void awaitCompletions(String action) throws IllegalStateException {
        if (completionThread.isRunningTask()) {
            throw new IllegalStateException("a CompletionListener must not " + action);
        }
        if (pendingCompletions.get() == 0) {
            return;
        }
        CompletableFuture<Void> drained = new CompletableFuture<>();
        completionThread.execute(() -> drained.complete(null));
        drained.join();
    }

    /** True on this session's listener thread, i.e. when called from one of its MessageListeners. */
    boolean isListenerThread() {
        return listenerThread.isRunningTask();
    }

    /** Stops listener delivery and returns once no listener of this session is running. */
    void pauseDelivery() {
        paused = true;
        if (!isListenerThread()) {
            listenerLock.lock();
            listenerLock.unlock();
        }
    }

    void resumeDelivery() {
        paused = false;
        for (WrenMessageConsumer c : consumers) {
            c.wake();
        }
        scheduleDelivery();
    }

    /** Waits until a listener running for {@code c} on another thread returns. */
    void waitForListener(WrenMessageConsumer c) {
        if (c.listener() != null && !isListenerThread()) {
            listenerLock.lock();
            listenerLock.unlock();
        }
    }

    void checkListenerChangeAllowed() throws JMSException {
        checkOpen();
    }

    void consumerClosed(WrenMessageConsumer c) {
        consumers.remove(c);
    }

    // Session

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        checkNotClosed();
        return new WrenBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        checkNotClosed();
        return new WrenMapMessage();
    }

    @Override
    public Message createMessage() throws JMSException {
        checkNotClosed();
        return new WrenMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        checkNotClosed();
        WrenObjectMessage m = new WrenObjectMessage();
        m.setDeserializationPolicy(connection.deserializationPolicy());
        return m;
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        WrenObjectMessage m = (WrenObjectMessage) createObjectMessage();
        m.setObject(object);
        return m;
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        checkNotClosed();
        return new WrenStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        checkNotClosed();
        return new WrenTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        checkNotClosed();
        WrenTextMessage m = new WrenTextMessage();
        m.setText(text);
        return m;
    }

    @Override
    public boolean getTransacted() throws JMSException {
        checkNotClosed();
        return mode == SESSION_TRANSACTED;
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkNotClosed();
        return mode;
    }

    /**
     * Delivers what this transacted session sent and acknowledges what it consumed since its last commit or
     * rollback, as one unit. If the broker cannot commit, the transaction is rolled back, as {@link #rollback()}
     * does, and {@code TransactionRolledBackException} says so.
     */
    @Override
    public void commit() throws JMSException {
        checkOpen();
        if (mode != SESSION_TRANSACTED) {
            throw new IllegalStateException("commit() is only for transacted sessions");
        }
        awaitCompletions("commit its own session");
        List<ConsumerMark> consumed;
        synchronized (unacknowledged) {
            consumed = marksOf(unacknowledged);
        }
        try {
            connection.transport().request(rid -> new CommitFrame(rid, id, consumed));
        } catch (TransactionRolledBackException e) {
            rollback();
            throw e;
        }
        synchronized (unacknowledged) {
            unacknowledged.clear();
        }
    }

    /**
     * Discards what this transacted session sent since its last commit or rollback; what it consumed comes again,
     * flagged redelivered.
     */
    @Override
    public void rollback() throws JMSException {
        checkOpen();
        if (mode != SESSION_TRANSACTED) {
            throw new IllegalStateException("rollback() is only for transacted sessions");
        }
        awaitCompletions("roll back its own session");
        restartDeliveries(marks -> rid -> new RollbackFrame(rid, id, marks));
    }

    /**
     * Every message handed over and not acknowledged comes again, flagged redelivered, starting with the oldest;
     * prefetched ones that were never handed over come again unflagged.
     */
    @Override
    public void recover() throws JMSException {
        checkOpen();
        if (mode == SESSION_TRANSACTED) {
            throw new IllegalStateException("recover() may not be called on a transacted session");
        }
        restartDeliveries(marks -> rid -> new RecoverFrame(rid, id, marks));
    }

    /**
     * Recover and rollback: with delivery paused, the broker takes back every delivery of the session's consumers
     * (flagged up to what each handed over) and says from which delivery on each consumer starts again; what the
     * client still buffers below that goes.
     */
    private void restartDeliveries(Function<List<ConsumerMark>, LongFunction<Frame>> request) throws JMSException {
        boolean wasRunning = !paused;
        pauseDelivery();
        try {
            List<ConsumerMark> marks = deliveredMarks();
            RecoveredFrame answer = (RecoveredFrame) connection.transport().request(request.apply(marks));
            synchronized (unacknowledged) {
                unacknowledged.clear();
            }
            for (ConsumerMark m : answer.restartFrom()) {
                for (WrenMessageConsumer c : consumers) {
                    if (c.id() == m.consumerId()) {
                        c.recovered(m.deliveryId());
                    }
                }
            }
        } finally {
            if (wasRunning && connection.isStarted()) {
                resumeDelivery();
            }
        }
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        if (isListenerThread()) {
            throw new IllegalStateException("a MessageListener must not close its own session");
        }
        awaitCompletions("close its own session");
        pauseDelivery();
        for (WrenMessageConsumer c : consumers) {
            c.markClosed();
        }
        List<ConsumerMark> marks = deliveredMarks();
        closed = true;
        for (WrenMessageConsumer c : consumers) {
            connection.unregister(c);
        }
        consumers.clear();
        connection.sessionClosed(this);
        if (connection.transport().isOpen() && !connection.isFailed()) {
            connection.transport().request(rid -> new CloseSessionFrame(rid, id, marks));
        }
    }

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkNotClosed();
        return null;
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        checkNotClosed();
        throw new JMSException("session-level MessageListeners (an optional application-server facility) "
                + "are not supported; set the listener on a MessageConsumer");
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException("Session.run() is an optional application-server facility; "
                + "Wren does not support it");
    }

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        checkOpen();
        return new WrenMessageProducer(this, producerIds.incrementAndGet(), toWren(destination, true));
    }

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return createConsumer(destination, null, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector) throws JMSException {
        return createConsumer(destination, messageSelector, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal)
            throws JMSException {
        checkOpen();
        WrenDestination d = toWren(destination, false);
        String selector = messageSelector == null || messageSelector.isBlank() ? null : messageSelector;
        return openConsumer(d, selector, noLocal && d.kind().isTopic(), null, SubscriptionKind.NONE);
    }

    private WrenMessageConsumer openConsumer(WrenDestination d, String selector, boolean noLocal,
                                             String subscriptionName, SubscriptionKind kind) throws JMSException {
        if (selector != null) {
            // InvalidSelectorException here, before anything reaches the broker (which checks again).
            Selector.validate(selector);
        }
        if (d instanceof WrenTemporaryDestination t && t.connection() != connection) {
            throw new InvalidDestinationException("temporary destination " + d.getName()
                    + " belongs to another connection; only its creator may consume from it");
        }
        int consumerId = connection.nextConsumerId();
        int prefetch = connection.defaultPrefetch();
        WrenMessageConsumer c = new WrenMessageConsumer(this, consumerId, d, selector, noLocal, prefetch);
        connection.register(c);
        try {
            connection.transport().request(rid -> new CreateConsumerFrame(rid, id, consumerId, d.toWire(), selector,
                    noLocal, prefetch, subscriptionName, kind));
        } catch (JMSException e) {
            connection.unregister(c);
            throw e;
        }
        consumers.add(c);
        return c;
    }

    /**
     * Our destination object for the application's; another provider's queue or topic is taken by its name.
     *
     * @param nullAllowed true where null means "unidentified producer"
     */
    static WrenDestination toWren(Destination destination, boolean nullAllowed) throws JMSException {
        if (destination == null) {
            if (nullAllowed) {
                return null;
            }
            throw new InvalidDestinationException("the destination must not be null");
        }
        if (destination instanceof WrenDestination w) {
            return w;
        }
        if (destination instanceof TemporaryQueue || destination instanceof TemporaryTopic) {
            throw new InvalidDestinationException("a temporary destination of another provider cannot be used: "
                    + destination);
        }
        if (destination instanceof Queue q) {
            return new WrenQueue(q.getQueueName());
        }
        if (destination instanceof Topic t) {
            return new WrenTopic(t.getTopicName());
        }
        throw new InvalidDestinationException("unknown kind of destination: " + destination);
    }

    @Override
    public Queue createQueue(String queueName) throws JMSException {
        checkNotClosed();
        domain.checkQueueMethod("createQueue");
        if (queueName == null || queueName.isEmpty()) {
            throw new InvalidDestinationException("a queue name must not be null or empty");
        }
        return new WrenQueue(queueName);
    }

    @Override
    public Topic createTopic(String topicName) throws JMSException {
        checkNotClosed();
        domain.checkTopicMethod("createTopic");
        if (topicName == null || topicName.isEmpty()) {
            throw new InvalidDestinationException("a topic name must not be null or empty");
        }
        return new WrenTopic(topicName);
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        checkOpen();
        domain.checkQueueMethod("createTemporaryQueue");
        return (TemporaryQueue) connection.createTemporary(DestinationKind.TEMPORARY_QUEUE);
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        checkOpen();
        domain.checkTopicMethod("createTemporaryTopic");
        return (TemporaryTopic) connection.createTemporary(DestinationKind.TEMPORARY_TOPIC);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String messageSelector,
                                                   boolean noLocal) throws JMSException {
        return openSubscription(topic, name, messageSelector, noLocal, SubscriptionKind.DURABLE);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        return createDurableSubscriber(topic, name, messageSelector, noLocal);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) throws JMSException {
        return createSharedConsumer(topic, sharedSubscriptionName, null);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector)
            throws JMSException {
        return openSubscription(topic, sharedSubscriptionName, messageSelector, false, SubscriptionKind.SHARED);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        return createSharedDurableConsumer(topic, name, null);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector)
            throws JMSException {
        return openSubscription(topic, name, messageSelector, false, SubscriptionKind.SHARED_DURABLE);
    }

    /**
     * A consumer on a named subscription (spec 6.11). An unshared durable one needs the client id; a durable one
     * cannot be on a temporary topic.
     */
    private WrenMessageConsumer openSubscription(Topic topic, String name, String messageSelector, boolean noLocal,
                                                 SubscriptionKind kind) throws JMSException {
        checkOpen();
        domain.checkTopicMethod(switch (kind) {
            case SHARED -> "createSharedConsumer";
            case SHARED_DURABLE -> "createSharedDurableConsumer";
            default -> "createDurableConsumer";
        });
        WrenDestination d = toWren(topic, false);
        if (name == null || name.isEmpty()) {
            throw new JMSException("a subscription name must not be null or empty");
        }
        if (kind != SubscriptionKind.SHARED && d.kind().isTemporary()) {
            throw new InvalidDestinationException("a temporary topic cannot have a durable subscription");
        }
        if (kind == SubscriptionKind.DURABLE && connection.getClientID() == null) {
            throw new IllegalStateException("an unshared durable subscription needs a client id: set one on the "
                    + "connection or its factory");
        }
        String selector = messageSelector == null || messageSelector.isBlank() ? null : messageSelector;
        return openConsumer(d, selector, noLocal, name, kind);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        return createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) throws JMSException {
        checkOpen();
        domain.checkQueueMethod("createBrowser");
        WrenDestination d = toWren(queue, false);
        if (d.kind().isTopic()) {
            throw new InvalidDestinationException("only a queue can be browsed");
        }
        if (d instanceof WrenTemporaryDestination t && t.connection() != connection) {
            throw new InvalidDestinationException("temporary queue " + d.getName()
                    + " belongs to another connection; only its creator may browse it");
        }
        String selector = messageSelector == null || messageSelector.isBlank() ? null : messageSelector;
        if (selector != null) {
            Selector.validate(selector);
        }
        return new WrenQueueBrowser(this, d, selector);
    }

    /** Removes a durable subscription of this connection's client id; see the broker's rules in the frame. */
    @Override
    public void unsubscribe(String name) throws JMSException {
        checkOpen();
        domain.checkTopicMethod("unsubscribe");
        if (name == null || name.isEmpty()) {
            throw new InvalidDestinationException("a subscription name must not be null or empty");
        }
        connection.transport().request(rid -> new UnsubscribeFrame(rid, name));
    }

    // QueueSession, TopicSession

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return (QueueReceiver) createConsumer(queue);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String messageSelector) throws JMSException {
        return (QueueReceiver) createConsumer(queue, messageSelector);
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        return (QueueSender) createProducer(queue);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return (TopicSubscriber) createConsumer(topic);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String messageSelector, boolean noLocal)
            throws JMSException {
        return (TopicSubscriber) createConsumer(topic, messageSelector, noLocal);
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        return (TopicPublisher) createProducer(topic);
    }

    @Override
    public String toString() {
        return "WrenSession[" + id + " of " + connection + "]";
    }
}
