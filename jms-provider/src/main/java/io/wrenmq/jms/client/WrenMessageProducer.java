package io.wrenmq.jms.client;

import io.wrenmq.jms.WrenDestination;
import io.wrenmq.jms.message.MessageCodec;
import io.wrenmq.jms.message.WrenMessage;
import io.wrenmq.protocol.Frame;
import io.wrenmq.protocol.SendFrame;
import io.wrenmq.protocol.WireDestination;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueSender;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;

import java.util.concurrent.CompletableFuture;

/**
 * A producer. Each send sets the message's header fields as the specification says (destination, delivery mode,
 * priority, expiration, timestamp, message id, delivery time), encodes the message once and sends it:
 * <ul>
 *   <li>PERSISTENT: synchronously; {@code send} returns once the broker has the message;</li>
 *   <li>NON_PERSISTENT: without waiting for a receipt, within the connection's send window, as ActiveMQ and
 *       Artemis do by default. Order is kept all the same: one connection, one ordered stream.</li>
 * </ul>
 * Except that the first send of a connection to a queue or topic waits for its receipt, in a transaction too, so
 * that a broker that does not permit it can say so ({@link ConfirmedDestinations}).
 * An asynchronous send (with a {@link CompletionListener}) does the same without waiting for the receipt; the
 * session calls the listener once the send is as complete as a synchronous one would be (spec 7.3).
 */
public class WrenMessageProducer implements MessageProducer, QueueSender, TopicPublisher {
    private final WrenSession session;
    private final WrenDestination destination;
    private final String idPrefix;
    private long sequence;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private int priority = Message.DEFAULT_PRIORITY;
    private long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    private long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;
    private boolean disableMessageId;
    private boolean disableTimestamp;
    private volatile boolean closed;

    WrenMessageProducer(WrenSession session, int producerId, WrenDestination destination) {
        this.session = session;
        this.destination = destination;
        this.idPrefix = "ID:" + session.connection().connectionId() + "-" + session.id() + "-" + producerId + "-";
    }

    private void checkOpen() throws JMSException {
        if (closed) {
            throw new IllegalStateException("the producer is closed");
        }
        session.checkNotClosed();
    }

    // Sending

    @Override
    public void send(Message message) throws JMSException {
        send(message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Message message, int mode, int prio, long ttl) throws JMSException {
        await(transmit(ownDestination(), message, mode, prio, ttl));
    }

    @Override
    public void send(Destination dest, Message message) throws JMSException {
        send(dest, message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Destination dest, Message message, int mode, int prio, long ttl) throws JMSException {
        await(transmit(givenDestination(dest), message, mode, prio, ttl));
    }

    @Override
    public void send(Message message, CompletionListener listener) throws JMSException {
        send(message, deliveryMode, priority, timeToLive, listener);
    }

    @Override
    public void send(Message message, int mode, int prio, long ttl, CompletionListener listener)
            throws JMSException {
        checkListener(listener);
        session.notifyWhenSent(transmit(ownDestination(), message, mode, prio, ttl), message, listener);
    }

    @Override
    public void send(Destination dest, Message message, CompletionListener listener) throws JMSException {
        send(dest, message, deliveryMode, priority, timeToLive, listener);
    }

    @Override
    public void send(Destination dest, Message message, int mode, int prio, long ttl,
                     CompletionListener listener) throws JMSException {
        checkListener(listener);
        session.notifyWhenSent(transmit(givenDestination(dest), message, mode, prio, ttl), message, listener);
    }

    private static void checkListener(CompletionListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("the CompletionListener must not be null");
        }
    }

    /** The destination of {@code send(message, ...)}: the producer's own, which it must have. */
    private WrenDestination ownDestination() throws JMSException {
        checkOpen();
        if (destination == null) {
            throw new UnsupportedOperationException("this producer has no destination: use send(destination, ...)");
        }
        return destination;
    }

    /** The destination of {@code send(destination, message, ...)}: only for a producer without one. */
    private WrenDestination givenDestination(Destination dest) throws JMSException {
        checkOpen();
        if (destination != null) {
            throw new UnsupportedOperationException("this producer was created with a destination; use send(message)");
        }
        return WrenSession.toWren(dest, false);
    }

    private void await(CompletableFuture<Frame> sent) throws JMSException {
        session.connection().transport().awaitReceipt(sent);
    }

    /**
     * Sets the header fields, encodes and sends. Everything the client can check it checks here, and throws.
     *
     * @return completes once the broker has the message (PERSISTENT), at once otherwise; completes exceptionally
     *         with the broker's refusal
     */
    private CompletableFuture<Frame> transmit(WrenDestination dest, Message message, int mode, int prio, long ttl)
            throws JMSException {
        if (message == null) {
            throw new MessageFormatException("the message must not be null");
        }
        checkDeliveryMode(mode);
        checkPriority(prio);
        WrenConnection connection = session.connection();
        connection.checkOpen();
        if (dest instanceof WrenTemporaryDestination t && t.connection() != null && !t.connection().owns(t)) {
            throw new InvalidDestinationException("temporary destination " + dest.getName() + " has been deleted");
        }
        long now = System.currentTimeMillis();
        message.setJMSDestination(dest);
        message.setJMSDeliveryMode(mode);
        message.setJMSPriority(prio);
        message.setJMSExpiration(ttl > 0 ? now + ttl : 0);
        message.setJMSTimestamp(disableTimestamp ? 0 : now);
        message.setJMSDeliveryTime(now + deliveryDelay);
        message.setJMSMessageID(disableMessageId ? null : idPrefix + (++sequence));
        WrenMessage wren = message instanceof WrenMessage w ? w : MessageCodec.copyOf(message);
        byte[] encoded = MessageCodec.encode(wren, deliveryDelay > 0);
        WireDestination wire = dest.toWire();
        int limit = connection.maxMessageSize(wire);
        if (encoded.length > limit) {
            throw new ResourceAllocationException("the message is " + encoded.length
                    + " bytes encoded; the broker accepts at most " + limit);
        }
        int sessionId = session.id();
        ConfirmedDestinations confirmed = connection.confirmedDestinations();
        boolean first = confirmed.needsReceipt(wire);
        // In a transaction the broker only holds the message until commit, which is what waits for the store.
        if (mode == DeliveryMode.PERSISTENT && !session.isTransacted() || first) {
            CompletableFuture<Frame> sent = connection.transport().requestAsync(
                    rid -> new SendFrame(rid, sessionId, wire, encoded));
            return first ? sent.thenApply(receipt -> {
                confirmed.confirm(wire);
                return receipt;
            }) : sent;
        }
        connection.sendWindow().acquire(encoded.length);
        connection.transport().send(new SendFrame(0, sessionId, wire, encoded));
        return CompletableFuture.completedFuture(null);
    }

    private static void checkDeliveryMode(int mode) throws JMSException {
        if (mode != DeliveryMode.PERSISTENT && mode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSException("invalid delivery mode " + mode
                    + "; expected DeliveryMode.PERSISTENT or NON_PERSISTENT");
        }
    }

    private static void checkPriority(int prio) throws JMSException {
        if (prio < 0 || prio > 9) {
            throw new JMSException("invalid priority " + prio + "; expected 0 to 9");
        }
    }

    // Settings

    @Override
    public void setDisableMessageID(boolean value) throws JMSException {
        checkOpen();
        disableMessageId = value;
    }

    @Override
    public boolean getDisableMessageID() throws JMSException {
        checkOpen();
        return disableMessageId;
    }

    @Override
    public void setDisableMessageTimestamp(boolean value) throws JMSException {
        checkOpen();
        disableTimestamp = value;
    }

    @Override
    public boolean getDisableMessageTimestamp() throws JMSException {
        checkOpen();
        return disableTimestamp;
    }

    @Override
    public void setDeliveryMode(int mode) throws JMSException {
        checkOpen();
        checkDeliveryMode(mode);
        deliveryMode = mode;
    }

    @Override
    public int getDeliveryMode() throws JMSException {
        checkOpen();
        return deliveryMode;
    }

    @Override
    public void setPriority(int prio) throws JMSException {
        checkOpen();
        checkPriority(prio);
        priority = prio;
    }

    @Override
    public int getPriority() throws JMSException {
        checkOpen();
        return priority;
    }

    @Override
    public void setTimeToLive(long ttl) throws JMSException {
        checkOpen();
        timeToLive = ttl;
    }

    @Override
    public long getTimeToLive() throws JMSException {
        checkOpen();
        return timeToLive;
    }

    @Override
    public void setDeliveryDelay(long delay) throws JMSException {
        checkOpen();
        deliveryDelay = delay;
    }

    @Override
    public long getDeliveryDelay() throws JMSException {
        checkOpen();
        return deliveryDelay;
    }

    @Override
    public Destination getDestination() throws JMSException {
        checkOpen();
        return destination;
    }

    /**
     * Waits for the callbacks of this producer's asynchronous sends (spec 7.3.4), which may not call it.
     *
     * @throws IllegalStateException when called from a CompletionListener of this session
     */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        session.awaitCompletions("close its own producer");
        closed = true;
    }

    // QueueSender, TopicPublisher

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return destination instanceof Queue q ? q : null;
    }

    @Override
    public void send(Queue queue, Message message) throws JMSException {
        send((Destination) queue, message);
    }

    @Override
    public void send(Queue queue, Message message, int mode, int prio, long ttl) throws JMSException {
        send((Destination) queue, message, mode, prio, ttl);
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkOpen();
        return destination instanceof Topic t ? t : null;
    }

    @Override
    public void publish(Message message) throws JMSException {
        send(message);
    }

    @Override
    public void publish(Message message, int mode, int prio, long ttl) throws JMSException {
        send(message, mode, prio, ttl);
    }

    @Override
    public void publish(Topic topic, Message message) throws JMSException {
        send(topic, message);
    }

    @Override
    public void publish(Topic topic, Message message, int mode, int prio, long ttl) throws JMSException {
        send(topic, message, mode, prio, ttl);
    }
}
