package io.wrenmq.jms.client;

import io.wrenmq.jms.WrenDestination;
import io.wrenmq.protocol.CloseConsumerFrame;
import io.wrenmq.protocol.DeliverFrame;
import io.wrenmq.protocol.MessageHeaders;
import io.wrenmq.protocol.PullFrame;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A consumer: a buffer the I/O thread fills with deliveries, emptied by {@code receive} on the caller's thread or
 * by the session's listener thread.
 *
 * <p>With a prefetch window the broker pushes up to that many messages ahead, and each one handed to the
 * application returns one credit. With prefetch 0 nothing comes unasked: each {@code receive} sends a pull for one
 * message and waits for it, or for the broker to say that none came in time.
 *
 * <p>Thread-safe where the specification needs it: {@link #close()} may be called from any thread while another is
 * blocked in {@code receive}, which then returns null.
 */
public class WrenMessageConsumer implements MessageConsumer, QueueReceiver, TopicSubscriber {
    private final WrenSession session;
    private final int id;
    private final WrenDestination destination;
    private final String selector;
    private final boolean noLocal;
    private final int prefetch;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<DeliverFrame> buffer = new ArrayDeque<>();
    private volatile MessageListener listener;
    private volatile boolean closed;
    /** The last delivery handed to the application. Guarded by {@link #lock}. */
    private long lastDelivered;
    /** Deliveries below this id were taken back by a recovery and are dropped when they arrive. */
    private long discardBelow;
    private JMSException failure;
    private long pullSequence;
    private long openPull;
    private boolean openPullEmpty;
    private boolean receiving;
    private volatile boolean closeWhenListenerReturns;

    WrenMessageConsumer(WrenSession session, int id, WrenDestination destination, String selector, boolean noLocal,
                        int prefetch) {
        this.session = session;
        this.id = id;
        this.destination = destination;
        this.selector = selector;
        this.noLocal = noLocal;
        this.prefetch = prefetch;
    }

    int id() {
        return id;
    }

    int prefetch() {
        return prefetch;
    }

    WrenSession session() {
        return session;
    }

    // Called on the I/O thread.

    void onDeliver(DeliverFrame frame) {
        lock.lock();
        try {
            if (closed || frame.deliveryId() < discardBelow) {
                // The broker takes it back: on close above the mark given, on recovery by the restart mark.
                return;
            }
            buffer.addLast(frame);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (listener != null) {
            session.scheduleDelivery();
        }
    }

    void onPullEmpty(long pullId) {
        lock.lock();
        try {
            if (pullId == openPull) {
                openPullEmpty = true;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The connection closed ({@code cause} null) or failed: blocked receivers return or throw. */
    void connectionEnded(JMSException cause) {
        lock.lock();
        try {
            if (cause != null) {
                failure = cause;
            } else {
                closed = true;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes blocked receivers, e.g. because the connection started. */
    void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (listener != null) {
            requestForListener();
        }
    }

    /** After {@code Session.recover()}: drop everything below the broker's restart mark. */
    void recovered(long restartFrom) {
        lock.lock();
        try {
            discardBelow = restartFrom;
            buffer.removeIf(f -> f.deliveryId() < restartFrom);
        } finally {
            lock.unlock();
        }
    }

    long lastDelivered() {
        lock.lock();
        try {
            return lastDelivered;
        } finally {
            lock.unlock();
        }
    }

    /** Records a hand-over to the application; called by the session with the frame it took from here. */
    void delivered(long deliveryId) {
        lock.lock();
        try {
            if (deliveryId > lastDelivered) {
                lastDelivered = deliveryId;
            }
        } finally {
            lock.unlock();
        }
    }

    // Listener delivery, on the session's thread.

    /** The next buffered delivery for the listener, or null if there is none (or no listener, or closed). */
    DeliverFrame pollForListener() {
        if (listener == null || closed) {
            return null;
        }
        lock.lock();
        try {
            return pollUnexpired();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The first buffered delivery that has not expired. Spec 3.4.9: an expired message must not reach the
     * application, so one that expired while it waited here goes back to the broker, which deals with it as with
     * any expired message. Called with the lock held.
     */
    private DeliverFrame pollUnexpired() {
        long now = System.currentTimeMillis();
        DeliverFrame f;
        while ((f = buffer.pollFirst()) != null) {
            long expiration = MessageHeaders.expirationOf(f.message());
            if (expiration == 0 || expiration > now) {
                return f;
            }
            session.expiredBeforeHandOver(this, f);
        }
        return null;
    }

    /** Puts back at the head a delivery taken but not handed over (delivery paused, or a body refused). */
    void pushBack(DeliverFrame frame) {
        lock.lock();
        try {
            buffer.addFirst(frame);
        } finally {
            lock.unlock();
        }
    }

    MessageListener listener() {
        return listener;
    }

    /** With prefetch 0 a listener must ask for each message: one pull, open until a message comes. */
    void requestForListener() {
        if (prefetch > 0 || listener == null || closed || !session.connection().isStarted()) {
            return;
        }
        lock.lock();
        try {
            if (openPull != 0 && !openPullEmpty) {
                return;
            }
            if (!buffer.isEmpty()) {
                return;
            }
            openPull = ++pullSequence;
            openPullEmpty = false;
            session.connection().transport().send(new PullFrame(id, openPull, -1));
        } finally {
            lock.unlock();
        }
    }

    /** A listener answered a pull with the message it was waiting for. */
    void pullAnswered() {
        lock.lock();
        try {
            openPull = 0;
        } finally {
            lock.unlock();
        }
    }

    boolean closeWhenListenerReturns() {
        return closeWhenListenerReturns;
    }

    // MessageConsumer

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return selector;
    }

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return listener;
    }

    @Override
    public void setMessageListener(MessageListener newListener) throws JMSException {
        checkOpen();
        session.checkListenerChangeAllowed();
        this.listener = newListener;
        if (newListener != null) {
            requestForListener();
            session.scheduleDelivery();
        }
    }

    @Override
    public Message receive() throws JMSException {
        return receive(0, false);
    }

    @Override
    public Message receive(long timeout) throws JMSException {
        return receive(timeout, false);
    }

    @Override
    public Message receiveNoWait() throws JMSException {
        return receive(0, true);
    }

    /** @param timeoutMs 0 waits for ever unless {@code noWait} */
    Message receive(long timeoutMs, boolean noWait) throws JMSException {
        DeliverFrame frame = next(timeoutMs, noWait);
        return frame == null ? null : session.handOver(this, frame, false);
    }

    /**
     * {@code JMSConsumer.receiveBody}: like {@link #receive(long, boolean)}, but returns the body as {@code reader}
     * reads it; see {@link WrenSession#handOverBody} for a body that cannot be read.
     */
    <T> T receiveBody(WrenSession.BodyReader<T> reader, long timeoutMs, boolean noWait) throws JMSException {
        DeliverFrame frame = next(timeoutMs, noWait);
        return frame == null ? null : session.handOverBody(this, frame, reader);
    }

    /** The next delivery for a synchronous receive, or null if none came in time or the consumer closed. */
    private DeliverFrame next(long timeoutMs, boolean noWait) throws JMSException {
        checkOpen();
        if (listener != null) {
            throw new IllegalStateException("this consumer has a MessageListener; receive may not be called");
        }
        return prefetch > 0 ? takePrefetched(timeoutMs, noWait) : pull(timeoutMs, noWait);
    }

    private DeliverFrame takePrefetched(long timeoutMs, boolean noWait) throws JMSException {
        long deadline = deadline(timeoutMs, noWait);
        lock.lock();
        try {
            receiving = true;
            while (true) {
                if (closed) {
                    return null;
                }
                if (failure != null) {
                    throw failed();
                }
                if (session.connection().isStarted() && !buffer.isEmpty()) {
                    DeliverFrame f = pollUnexpired();
                    if (f != null) {
                        return f;
                    }
                    continue;
                }
                if (!await(deadline)) {
                    return null;
                }
            }
        } finally {
            receiving = false;
            changed.signalAll();
            lock.unlock();
        }
    }

    /** Prefetch 0: ask the broker for one message and wait for it or for its "nothing came" answer. */
    private DeliverFrame pull(long timeoutMs, boolean noWait) throws JMSException {
        long deadline = deadline(timeoutMs, noWait);
        lock.lock();
        try {
            receiving = true;
            while (!session.connection().isStarted()) {
                if (closed) {
                    return null;
                }
                if (failure != null) {
                    throw failed();
                }
                if (!await(deadline)) {
                    return null;
                }
            }
            if (!buffer.isEmpty()) {
                return buffer.pollFirst();
            }
            long brokerTimeout = noWait ? 0 : timeoutMs == 0 ? -1
                    : Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            openPull = ++pullSequence;
            openPullEmpty = false;
            session.connection().transport().send(new PullFrame(id, openPull, brokerTimeout));
            while (true) {
                boolean arrived = !buffer.isEmpty();
                if (arrived && session.connection().isStarted()) {
                    openPull = 0;
                    return buffer.pollFirst();
                }
                if (openPullEmpty || closed) {
                    openPull = 0;
                    return null;
                }
                if (failure != null) {
                    throw failed();
                }
                if (arrived) {
                    // The connection stopped while the pull was open: the message waits in the buffer for start
                    // (spec 6.1.5), and this receive's own timer runs on; the next receive takes it first.
                    if (!await(deadline)) {
                        openPull = 0;
                        return null;
                    }
                } else {
                    // The broker answers every pull; waiting on it, not on a clock, keeps message and answer in step.
                    changed.awaitUninterruptibly();
                }
            }
        } finally {
            receiving = false;
            changed.signalAll();
            lock.unlock();
        }
    }

    private static long deadline(long timeoutMs, boolean noWait) {
        if (noWait) {
            return System.nanoTime();
        }
        return timeoutMs == 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    }

    /** Waits for a change until {@code deadline}; false once it has passed. Caller holds the lock. */
    private boolean await(long deadline) throws JMSException {
        try {
            if (deadline == Long.MAX_VALUE) {
                changed.await();
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            changed.awaitNanos(left);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Exceptions.withCause(new JMSException("interrupted while receiving"), e);
        }
    }

    private JMSException failed() {
        return Exceptions.withCause(new JMSException(failure.getMessage()), failure);
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        if (session.isListenerThread() && listener != null) {
            // Called from our own onMessage: the specification lets it finish first, and so must its acknowledgement.
            markClosed();
            closeWhenListenerReturns = true;
            return;
        }
        session.waitForListener(this);
        markClosed();
        finishClose();
    }

    /** Stops handing out messages and wakes blocked receivers; the broker is told in {@link #finishClose()}. */
    void markClosed() {
        lock.lock();
        try {
            closed = true;
            buffer.clear();
            changed.signalAll();
            while (receiving) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Tells the broker; what was prefetched and never handed over goes back to the destination unflagged. */
    void finishClose() throws JMSException {
        WrenConnection connection = session.connection();
        connection.unregister(this);
        session.consumerClosed(this);
        if (connection.transport().isOpen() && !connection.isFailed()) {
            long mark = lastDelivered();
            connection.transport().request(rid -> new CloseConsumerFrame(rid, id, mark));
        }
    }

    boolean isClosed() {
        return closed;
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the consumer is closed");
        }
        session.checkNotClosed();
    }

    // QueueReceiver, TopicSubscriber

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return destination instanceof Queue q ? q : null;
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkOpen();
        return destination instanceof Topic t ? t : null;
    }

    @Override
    public boolean getNoLocal() throws JMSException {
        checkOpen();
        return noLocal;
    }

    @Override
    public String toString() {
        return "WrenMessageConsumer[" + id + " on " + destination + "]";
    }
}
