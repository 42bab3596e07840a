package io.wrenmq.jms.client;

import io.wrenmq.jms.WrenDestination;
import io.wrenmq.jms.message.MessageCodec;
import io.wrenmq.jms.message.WrenMessage;
import io.wrenmq.protocol.BrowseFrame;
import io.wrenmq.protocol.BrowsedFrame;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;

import java.util.ArrayDeque;
import java.util.Enumeration;
import java.util.NoSuchElementException;

/**
 * A queue browser: each {@link #getEnumeration()} walks the queue's waiting messages in delivery order, a page at a
 * time as it goes, without taking them. The broker evaluates the selector. Messages that arrive or are consumed
 * during the walk may or may not be seen, as the specification allows (6.2.8).
 *
 * <p>Not thread-safe, like its session.
 */
final class WrenQueueBrowser implements QueueBrowser {
    /** Messages asked for per page; the broker may send fewer to keep a frame small. */
    private static final int PAGE = 200;

    private final WrenSession session;
    private final WrenDestination queue;
    private final String selector;
    private volatile boolean closed;

    WrenQueueBrowser(WrenSession session, WrenDestination queue, String selector) {
        this.session = session;
        this.queue = queue;
        this.selector = selector;
    }

    private void checkOpen() throws JMSException {
        if (closed) {
            throw new IllegalStateException("the browser is closed");
        }
        session.checkNotClosed();
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return (Queue) queue;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return selector;
    }

    @Override
    public Enumeration<?> getEnumeration() throws JMSException {
        checkOpen();
        Walk walk = new Walk();
        walk.fetch();
        return walk;
    }

    @Override
    public void close() {
        closed = true;
    }

    /**
     * One walk through the queue. A failure while fetching a later page surfaces from {@code hasMoreElements} as a
     * {@code JMSRuntimeException}, the unchecked counterpart, since an {@code Enumeration} cannot throw checked ones.
     */
    private final class Walk implements Enumeration<Message> {
        private final ArrayDeque<Message> page = new ArrayDeque<>();
        private int lastPriority = 10;
        private long lastId;
        private boolean more = true;

        void fetch() throws JMSException {
            while (page.isEmpty() && more && !closed) {
                WrenConnection c = session.connection();
                BrowsedFrame answer = (BrowsedFrame) c.transport().request(rid -> new BrowseFrame(rid, queue.toWire(),
                        selector, lastPriority, lastId, PAGE));
                for (int i = 0; i < answer.messages().size(); i++) {
                    WrenMessage m = MessageCodec.decode(answer.messages().get(i), c::destinationOf,
                            c.deserializationPolicy());
                    m.setDeliveryCount(answer.deliveryCounts().get(i));
                    page.addLast(m);
                }
                lastPriority = answer.lastPriority();
                lastId = answer.lastId();
                more = answer.more();
            }
        }

        @Override
        public boolean hasMoreElements() {
            if (page.isEmpty()) {
                try {
                    fetch();
                } catch (JMSException e) {
                    throw Exceptions.unchecked(e);
                }
            }
            return !page.isEmpty();
        }

        @Override
        public Message nextElement() {
            if (!hasMoreElements()) {
                throw new NoSuchElementException("the browser has seen every message");
            }
            return page.pollFirst();
        }
    }
}
