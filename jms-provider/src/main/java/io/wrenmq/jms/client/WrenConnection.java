package io.wrenmq.jms.client;

import io.wrenmq.jms.WrenQueue;
import io.wrenmq.jms.WrenTopic;
import io.wrenmq.jms.message.DeserializationPolicy;
import io.wrenmq.protocol.CloseFrame;
import io.wrenmq.protocol.CreateSessionFrame;
import io.wrenmq.protocol.CreateTempDestinationFrame;
import io.wrenmq.protocol.DeleteTempDestinationFrame;
import io.wrenmq.protocol.DeliverFrame;
import io.wrenmq.protocol.DestinationKind;
import io.wrenmq.protocol.HelloFrame;
import io.wrenmq.protocol.Protocol;
import io.wrenmq.protocol.PullEmptyFrame;
import io.wrenmq.protocol.SetClientIdFrame;
import io.wrenmq.protocol.WireDestination;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection to a Wren broker. Thread-safe, as the specification requires of connections.
 *
 * <p>Delivery starts with {@link #start()}; {@link #stop()} returns once no listener of this connection is running
 * and none will run until the next start. A lost connection is reported once to the {@link ExceptionListener}, on
 * a thread of its own so that the listener may close the connection.
 */
public class WrenConnection implements Connection, QueueConnection, TopicConnection, ClientTransport.Listener {
    private static final Logger log = LoggerFactory.getLogger(WrenConnection.class);

    private final ClientTransport transport;
    private final int prefetch;
    /** A {@code QueueConnection} from {@code createQueueConnection}: see {@link #restrictToQueues}. */
    private volatile boolean queuesOnly;
    private final String connectionId;
    private final int maxFrameSize;
    private final boolean clientIdFixed;
    private final SendWindow sendWindow;
    private final ConfirmedDestinations confirmedDestinations = new ConfirmedDestinations();
    private final List<WrenSession> sessions = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<Integer, WrenMessageConsumer> consumers = new ConcurrentHashMap<>();
    private final List<WrenTemporaryDestination> temporaries = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessionIds = new AtomicInteger();
    private final AtomicInteger consumerIds = new AtomicInteger();
    private final AtomicInteger temporaryIds = new AtomicInteger();
    private final Object lifecycle = new Object();
    private volatile String clientId;
    private volatile boolean used;
    private volatile boolean started;
    private volatile boolean closed;
    private volatile JMSException failure;
    private volatile ExceptionListener exceptionListener;
    private volatile DeserializationPolicy deserializationPolicy = DeserializationPolicy.standard();

    private WrenConnection(ClientTransport transport, int prefetch, String clientId) {
        this.transport = transport;
        this.prefetch = prefetch;
        this.connectionId = transport.welcome().connectionId();
        this.maxFrameSize = transport.welcome().maxFrameSize();
        this.sendWindow = new SendWindow(transport.welcome().sendWindow());
        this.clientId = clientId;
        this.clientIdFixed = clientId != null;
    }

    /**
     * Connects to the broker at {@code url}.
     *
     * @param clientId set administratively (by the factory), or null to let the application set one
     */
    public static WrenConnection open(BrokerUrl url, String user, String password, String clientId)
            throws JMSException {
        DeferredListener deferred = new DeferredListener();
        HelloFrame hello = new HelloFrame(Protocol.VERSION, clientId, user, password, 0);
        ClientTransport t = ClientTransport.connect(url, hello, deferred);
        WrenConnection c = new WrenConnection(t, url.prefetch(BrokerUrl.DEFAULT_PREFETCH), clientId);
        deferred.attach(c);
        return c;
    }

    /**
     * Marks this as a {@code QueueConnection}, to which the topic-only connection-consumer methods are closed
     * (Table 9-1); for {@code QueueConnectionFactory.createQueueConnection}.
     *
     * @return this
     */
    public WrenConnection restrictToQueues() {
        queuesOnly = true;
        return this;
    }

    /**
     * Sets which classes the ObjectMessages of this connection may deserialize; for the factory, before the
     * connection is handed out.
     *
     * @return this
     */
    public WrenConnection withDeserializationPolicy(DeserializationPolicy policy) {
        deserializationPolicy = policy;
        return this;
    }

    DeserializationPolicy deserializationPolicy() {
        return deserializationPolicy;
    }

    private void checkTopicMethod(String method) throws IllegalStateException {
        if (queuesOnly) {
            throw new IllegalStateException(method + " is not for a QueueConnection (Jakarta Messaging 3.1, "
                    + "Table 9-1)");
        }
    }

    // Package-private plumbing for sessions, producers and consumers.

    ClientTransport transport() {
        return transport;
    }

    String connectionId() {
        return connectionId;
    }

    int defaultPrefetch() {
        return prefetch;
    }

    /** Largest encoded message the broker takes: its frame limit less the SEND frame's own fields. */
    int maxMessageSize(WireDestination destination) {
        return maxFrameSize - Protocol.FRAME_OVERHEAD - 8 - 4 - 1 - 4 - destination.name().length() * 3 - 4;
    }

    SendWindow sendWindow() {
        return sendWindow;
    }

    ConfirmedDestinations confirmedDestinations() {
        return confirmedDestinations;
    }

    boolean isStarted() {
        return started;
    }

    int nextConsumerId() {
        return consumerIds.incrementAndGet();
    }

    void register(WrenMessageConsumer consumer) {
        consumers.put(consumer.id(), consumer);
    }

    void unregister(WrenMessageConsumer consumer) {
        consumers.remove(consumer.id(), consumer);
    }

    /**
     * Something other than creating a session used the connection (a second JMSContext on it): its client id can no
     * longer be set.
     */
    void markUsed() {
        used = true;
    }

    void sessionClosed(WrenSession session) {
        sessions.remove(session);
    }

    /** @throws IllegalStateException if closed; a JMSException if the connection failed */
    void checkOpen() throws JMSException {
        if (closed) {
            throw new IllegalStateException("the connection is closed");
        }
        JMSException f = failure;
        if (f != null) {
            throw Exceptions.withCause(new JMSException(f.getMessage()), f);
        }
    }

    boolean isFailed() {
        return failure != null;
    }

    WrenTemporaryDestination createTemporary(DestinationKind kind) throws JMSException {
        checkOpen();
        String name = (kind.isTopic() ? "temp-topic." : "temp-queue.") + connectionId + "."
                + temporaryIds.incrementAndGet();
        WrenTemporaryDestination t = kind.isTopic() ? new WrenTemporaryTopic(name, this)
                : new WrenTemporaryQueue(name, this);
        WireDestination wire = new WireDestination(kind, name);
        transport.request(id -> new CreateTempDestinationFrame(id, wire));
        temporaries.add(t);
        return t;
    }

    void deleteTemporary(WrenTemporaryDestination t, WireDestination wire) throws JMSException {
        checkOpen();
        transport.request(id -> new DeleteTempDestinationFrame(id, wire));
        temporaries.remove(t);
    }

    /**
     * The destination object for one named in a received message: this connection's own temporary destination
     * if it is one (so that its creator can delete it), a plain one otherwise.
     */
    Destination destinationOf(WireDestination wire) {
        return switch (wire.kind()) {
            case QUEUE -> new WrenQueue(wire.name());
            case TOPIC -> new WrenTopic(wire.name());
            case TEMPORARY_QUEUE, TEMPORARY_TOPIC -> {
                for (WrenTemporaryDestination t : temporaries) {
                    if (t.toWire().equals(wire)) {
                        yield (Destination) t;
                    }
                }
                yield wire.kind() == DestinationKind.TEMPORARY_QUEUE ? new WrenTemporaryQueue(wire.name(), null)
                        : new WrenTemporaryTopic(wire.name(), null);
            }
        };
    }

    boolean owns(WrenTemporaryDestination t) {
        return temporaries.contains(t);
    }

    // Connection

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return newSession(sessionMode(transacted, acknowledgeMode), SessionDomain.UNIFIED);
    }

    /**
     * The session mode of {@code createSession(transacted, acknowledgeMode)}. Not transacted, the permitted modes are
     * AUTO, CLIENT and DUPS_OK: SESSION_TRANSACTED there would silently make a session whose sends wait for a commit
     * the application never calls.
     */
    private static int sessionMode(boolean transacted, int acknowledgeMode) throws JMSException {
        if (transacted) {
            return Session.SESSION_TRANSACTED;
        }
        if (acknowledgeMode == Session.SESSION_TRANSACTED) {
            throw new JMSException("a session that is not transacted needs Session.AUTO_ACKNOWLEDGE, "
                    + "CLIENT_ACKNOWLEDGE or DUPS_OK_ACKNOWLEDGE, not SESSION_TRANSACTED");
        }
        return acknowledgeMode;
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        return newSession(sessionMode);
    }

    @Override
    public Session createSession() throws JMSException {
        return newSession(Session.AUTO_ACKNOWLEDGE);
    }

    /** @throws JMSException if {@code sessionMode} is not a session mode */
    static void checkSessionMode(int sessionMode) throws JMSException {
        if (sessionMode < Session.SESSION_TRANSACTED || sessionMode > Session.DUPS_OK_ACKNOWLEDGE) {
            throw new JMSException("invalid session mode " + sessionMode + "; expected Session.AUTO_ACKNOWLEDGE, "
                    + "CLIENT_ACKNOWLEDGE, DUPS_OK_ACKNOWLEDGE or SESSION_TRANSACTED");
        }
    }

    WrenSession newSession(int sessionMode) throws JMSException {
        return newSession(sessionMode, SessionDomain.UNIFIED);
    }

    private WrenSession newSession(int sessionMode, SessionDomain domain) throws JMSException {
        checkOpen();
        used = true;
        checkSessionMode(sessionMode);
        int id = sessionIds.incrementAndGet();
        transport.request(rid -> new CreateSessionFrame(rid, id, sessionMode));
        WrenSession s;
        synchronized (lifecycle) {
            // Under the lock that start() and stop() take, so the session cannot miss a start in between.
            s = new WrenSession(this, id, sessionMode, domain);
            sessions.add(s);
        }
        if (closed) {
            s.close();
            throw new IllegalStateException("the connection is closed");
        }
        return s;
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return newSession(sessionMode(transacted, acknowledgeMode), SessionDomain.QUEUE);
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return newSession(sessionMode(transacted, acknowledgeMode), SessionDomain.TOPIC);
    }

    @Override
    public String getClientID() throws JMSException {
        checkNotClosed();
        return clientId;
    }

    @Override
    public void setClientID(String id) throws JMSException {
        checkNotClosed();
        if (clientIdFixed) {
            throw new IllegalStateException("the client id was set administratively to '" + clientId
                    + "' and cannot be changed");
        }
        if (clientId != null) {
            throw new IllegalStateException("the client id is already set to '" + clientId + "'");
        }
        if (used) {
            throw new IllegalStateException("setClientID must be called before any other action on the connection");
        }
        if (id == null || id.isEmpty()) {
            throw new jakarta.jms.InvalidClientIDException("a client id must not be null or empty");
        }
        checkOpen();
        transport.request(rid -> new SetClientIdFrame(rid, id));
        clientId = id;
        used = true;
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        checkNotClosed();
        return WrenConnectionMetaData.INSTANCE;
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        checkNotClosed();
        return exceptionListener;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        checkNotClosed();
        used = true;
        exceptionListener = listener;
    }

    @Override
    public void start() throws JMSException {
        checkOpen();
        used = true;
        synchronized (lifecycle) {
            started = true;
            for (WrenSession s : sessions) {
                s.resumeDelivery();
            }
        }
    }

    @Override
    public void stop() throws JMSException {
        checkNotClosed();
        used = true;
        checkNotInOwnListener("stop");
        synchronized (lifecycle) {
            if (!started) {
                return;
            }
            started = false;
            for (WrenSession s : sessions) {
                s.pauseDelivery();
            }
        }
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        checkNotInOwnListener("close");
        for (WrenSession s : sessions) {
            // Outside the lock: the callbacks being waited for may still use the connection (spec 7.3.4).
            s.awaitCompletions("close its own connection");
        }
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            started = false;
            for (WrenSession s : sessions) {
                s.pauseDelivery();
            }
            for (WrenSession s : sessions) {
                try {
                    s.close();
                } catch (JMSException e) {
                    log.debug("Closing a session of connection {} failed", connectionId, e);
                }
            }
            closed = true;
            if (transport.isOpen()) {
                try {
                    transport.request(CloseFrame::new);
                } catch (JMSException e) {
                    log.debug("The broker did not confirm closing connection {}", connectionId, e);
                }
            }
            transport.close();
            sendWindow.fail();
            for (WrenMessageConsumer c : consumers.values()) {
                c.connectionEnded(null);
            }
        }
    }

    private void checkNotClosed() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the connection is closed");
        }
    }

    /** The specification forbids a listener to stop or close its own connection: it would wait for itself. */
    private void checkNotInOwnListener(String what) throws IllegalStateException {
        for (WrenSession s : sessions) {
            if (s.isListenerThread()) {
                throw new IllegalStateException("a MessageListener must not " + what + " its own connection");
            }
        }
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        throw new JMSException("connection consumers (an optional application-server facility) are not supported");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        return createConnectionConsumer((Destination) queue, messageSelector, sessionPool, maxMessages);
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        return createConnectionConsumer((Destination) topic, messageSelector, sessionPool, maxMessages);
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String subscriptionName,
                                                             String messageSelector, ServerSessionPool sessionPool,
                                                             int maxMessages) throws JMSException {
        checkTopicMethod("createSharedConnectionConsumer");
        return createConnectionConsumer(topic, messageSelector, sessionPool, maxMessages);
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String subscriptionName,
                                                              String messageSelector, ServerSessionPool sessionPool,
                                                              int maxMessages) throws JMSException {
        checkTopicMethod("createDurableConnectionConsumer");
        return createConnectionConsumer(topic, messageSelector, sessionPool, maxMessages);
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String subscriptionName,
                                                                    String messageSelector,
                                                                    ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        checkTopicMethod("createSharedDurableConnectionConsumer");
        return createConnectionConsumer(topic, messageSelector, sessionPool, maxMessages);
    }

    // ClientTransport.Listener: on the I/O thread.

    @Override
    public void onDeliver(DeliverFrame frame) {
        WrenMessageConsumer c = consumers.get(frame.consumerId());
        if (c != null) {
            c.onDeliver(frame);
        }
    }

    @Override
    public void onPullEmpty(PullEmptyFrame frame) {
        WrenMessageConsumer c = consumers.get(frame.consumerId());
        if (c != null) {
            c.onPullEmpty(frame.pullId());
        }
    }

    @Override
    public void onSendCredit(int bytes) {
        sendWindow.release(bytes);
    }

    /**
     * A send that did not wait for the broker (NON_PERSISTENT) was refused after it returned: only the
     * ExceptionListener can still be told, as ActiveMQ tells it of a failed asynchronous send.
     */
    @Override
    public void onRefusedSends(JMSException cause) {
        log.warn("Connection {}: the broker refused messages sent without waiting: {}", connectionId,
                cause.getMessage());
        tellExceptionListener(cause);
    }

    @Override
    public void onClosed(JMSException cause) {
        if (cause == null || closed) {
            return;
        }
        failure = cause;
        sendWindow.fail();
        for (WrenMessageConsumer c : consumers.values()) {
            c.connectionEnded(cause);
        }
        log.warn("Connection {} to the broker failed: {}", connectionId, cause.getMessage());
        tellExceptionListener(cause);
    }

    private void tellExceptionListener(JMSException cause) {
        ExceptionListener l = exceptionListener;
        if (l != null) {
            Thread t = new Thread(() -> l.onException(cause), "wren-exception-listener");
            t.setDaemon(true);
            t.start();
        }
    }

    @Override
    public String toString() {
        return "WrenConnection[" + connectionId + (clientId == null ? "" : ", clientID=" + clientId) + "]";
    }

    /**
     * Holds the transport's callbacks until the connection object exists: the broker may not push anything before
     * the handshake completes, but a failure could come at any time.
     */
    private static final class DeferredListener implements ClientTransport.Listener {
        private volatile WrenConnection target;
        private volatile JMSException earlyFailure;

        void attach(WrenConnection c) {
            target = c;
            JMSException f = earlyFailure;
            if (f != null) {
                c.onClosed(f);
            }
        }

        @Override
        public void onDeliver(DeliverFrame frame) {
            WrenConnection c = target;
            if (c != null) {
                c.onDeliver(frame);
            }
        }

        @Override
        public void onPullEmpty(PullEmptyFrame frame) {
            WrenConnection c = target;
            if (c != null) {
                c.onPullEmpty(frame);
            }
        }

        @Override
        public void onSendCredit(int bytes) {
            WrenConnection c = target;
            if (c != null) {
                c.onSendCredit(bytes);
            }
        }

        @Override
        public void onRefusedSends(JMSException cause) {
            WrenConnection c = target;
            if (c != null) {
                c.onRefusedSends(cause);
            }
        }

        @Override
        public void onClosed(JMSException cause) {
            WrenConnection c = target;
            if (c != null) {
                c.onClosed(cause);
            } else {
                earlyFailure = cause;
            }
        }
    }
}
