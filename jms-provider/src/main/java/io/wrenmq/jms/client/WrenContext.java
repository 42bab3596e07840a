package io.wrenmq.jms.client;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import java.io.Serializable;

/**
 * The simplified API's context: a {@link WrenConnection} and one {@link WrenSession} of it, every checked exception
 * turned into its unchecked counterpart ({@link Exceptions#unchecked}).
 *
 * <p>Contract:
 * <ul>
 *   <li>The session mode is checked when the context is created; the session itself is created when first needed,
 *       so that {@link #setClientID} can still be called "immediately after it creates the JMSContext and before any
 *       other action on the JMSContext is taken". {@link #createContext(int)} is such an action, for both contexts.</li>
 *   <li>{@link #createContext(int)} makes a context on the same connection, with a session of its own. The connection
 *       closes with the last of the contexts using it; closing the others closes only their sessions.</li>
 *   <li>Creating a consumer starts the connection unless {@link #setAutoStart} turned that off for this context.</li>
 *   <li>{@link #close()} and {@link #stop()} refuse with {@code IllegalStateRuntimeException} from this context's
 *       MessageListeners (both would wait for the listener itself), and {@code close} from its CompletionListeners;
 *       the context is then left as it was.</li>
 *   <li>Once closed, every method but {@code close} throws {@code IllegalStateRuntimeException}.</li>
 * </ul>
 *
 * <p>Thread-safety as a session's: one thread at a time, except {@link #close()}, which any thread may call.
 */
public class WrenContext implements JMSContext {
    private final SharedConnection shared;
    private final int sessionMode;
    private final Object sessionLock = new Object();
    private volatile WrenSession session;
    private volatile boolean autoStart = true;
    /** Set under {@link #sessionLock}, so that no session is created once it is. */
    private volatile boolean closed;

    private WrenContext(SharedConnection shared, int sessionMode) {
        this.shared = shared;
        this.sessionMode = sessionMode;
    }

    /**
     * A context on a connection of its own, for {@code ConnectionFactory.createContext}.
     *
     * @param connect opens the connection; called only once the session mode has been found valid
     * @throws jakarta.jms.JMSRuntimeException if the mode is not one of the four, or not supported yet, or
     *         connecting fails
     */
    public static WrenContext open(Exceptions.Call<WrenConnection> connect, int sessionMode) {
        return Exceptions.call(() -> {
            WrenConnection.checkSessionMode(sessionMode);
            return new WrenContext(new SharedConnection(connect.call()), sessionMode);
        });
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the JMSContext is closed");
        }
    }

    private WrenConnection connection() throws IllegalStateException {
        checkOpen();
        return shared.connection;
    }

    /** The context's session, created the first time it is needed. */
    private WrenSession session() throws JMSException {
        checkOpen();
        WrenSession s = session;
        if (s != null) {
            return s;
        }
        synchronized (sessionLock) {
            checkOpen();
            if (session == null) {
                session = shared.connection.newSession(sessionMode);
            }
            return session;
        }
    }

    // Contexts and lifecycle

    /** "This method does not start the connection." */
    @Override
    public JMSContext createContext(int mode) {
        return Exceptions.call(() -> {
            checkOpen();
            WrenConnection.checkSessionMode(mode);
            shared.join();
            // An action on this context: from now on setClientID is too late, on this context and the new one.
            shared.connection.markUsed();
            return new WrenContext(shared, mode);
        });
    }

    @Override
    public void start() {
        Exceptions.run(() -> connection().start());
    }

    @Override
    public void stop() {
        Exceptions.run(() -> connection().stop());
    }

    @Override
    public void setAutoStart(boolean autoStart) {
        Exceptions.run(this::checkOpen);
        this.autoStart = autoStart;
    }

    @Override
    public boolean getAutoStart() {
        Exceptions.run(this::checkOpen);
        return autoStart;
    }

    /**
     * Closes the session (waiting for its listeners and asynchronous sends, as {@code Session.close} does), then
     * the connection if no other context uses it. Closing a closed context does nothing.
     */
    @Override
    public void close() {
        Exceptions.run(() -> {
            WrenSession s = session;
            if (s != null) {
                // Refuses from this context's own MessageListener or CompletionListener, before closing anything.
                s.close();
            }
            WrenSession late;
            synchronized (sessionLock) {
                if (closed) {
                    return;
                }
                closed = true;
                late = session;
            }
            if (late != null && late != s) {
                late.close();
            }
            shared.leave();
        });
    }

    // Connection

    @Override
    public String getClientID() {
        return Exceptions.call(() -> connection().getClientID());
    }

    @Override
    public void setClientID(String clientID) {
        Exceptions.run(() -> connection().setClientID(clientID));
    }

    @Override
    public ConnectionMetaData getMetaData() {
        return Exceptions.call(() -> connection().getMetaData());
    }

    @Override
    public ExceptionListener getExceptionListener() {
        return Exceptions.call(() -> connection().getExceptionListener());
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        Exceptions.run(() -> connection().setExceptionListener(listener));
    }

    // Session

    @Override
    public boolean getTransacted() {
        Exceptions.run(this::checkOpen);
        return sessionMode == SESSION_TRANSACTED;
    }

    @Override
    public int getSessionMode() {
        Exceptions.run(this::checkOpen);
        return sessionMode;
    }

    @Override
    public void commit() {
        Exceptions.run(() -> session().commit());
    }

    @Override
    public void rollback() {
        Exceptions.run(() -> session().rollback());
    }

    @Override
    public void recover() {
        Exceptions.run(() -> session().recover());
    }

    /**
     * "Acknowledges all messages consumed by the JMSContext's session. [...] If the session is transacted or has an
     * acknowledgement mode of AUTO_ACKNOWLEDGE or DUPS_OK_ACKNOWLEDGE calling this method has no effect."
     */
    @Override
    public void acknowledge() {
        Exceptions.run(() -> {
            checkOpen();
            WrenSession s = session;
            if (sessionMode == CLIENT_ACKNOWLEDGE && s != null) {
                s.acknowledge();
            }
        });
    }

    @Override
    public void unsubscribe(String name) {
        Exceptions.run(() -> session().unsubscribe(name));
    }

    // Producers and consumers

    @Override
    public JMSProducer createProducer() {
        return Exceptions.call(() -> {
            WrenSession s = session();
            return new WrenJMSProducer(s, (WrenMessageProducer) s.createProducer(null));
        });
    }

    /** Wraps the consumer {@code create} makes, and starts the connection if this context auto-starts. */
    private JMSConsumer consumer(Exceptions.Call<MessageConsumer> create) {
        return Exceptions.call(() -> {
            WrenJMSConsumer c = new WrenJMSConsumer((WrenMessageConsumer) create.call());
            if (autoStart) {
                shared.connection.start();
            }
            return c;
        });
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return consumer(() -> session().createConsumer(destination));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector) {
        return consumer(() -> session().createConsumer(destination, messageSelector));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal) {
        return consumer(() -> session().createConsumer(destination, messageSelector, noLocal));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        return consumer(() -> session().createDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal) {
        return consumer(() -> session().createDurableConsumer(topic, name, messageSelector, noLocal));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        return consumer(() -> session().createSharedDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector) {
        return consumer(() -> session().createSharedDurableConsumer(topic, name, messageSelector));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) {
        return consumer(() -> session().createSharedConsumer(topic, sharedSubscriptionName));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector) {
        return consumer(() -> session().createSharedConsumer(topic, sharedSubscriptionName, messageSelector));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        return Exceptions.call(() -> session().createBrowser(queue));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) {
        return Exceptions.call(() -> session().createBrowser(queue, messageSelector));
    }

    // Destinations

    @Override
    public Queue createQueue(String queueName) {
        return Exceptions.call(() -> session().createQueue(queueName));
    }

    @Override
    public Topic createTopic(String topicName) {
        return Exceptions.call(() -> session().createTopic(topicName));
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        return Exceptions.call(() -> session().createTemporaryQueue());
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        return Exceptions.call(() -> session().createTemporaryTopic());
    }

    // Messages

    @Override
    public BytesMessage createBytesMessage() {
        return Exceptions.call(() -> session().createBytesMessage());
    }

    @Override
    public MapMessage createMapMessage() {
        return Exceptions.call(() -> session().createMapMessage());
    }

    @Override
    public Message createMessage() {
        return Exceptions.call(() -> session().createMessage());
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return Exceptions.call(() -> session().createObjectMessage());
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        return Exceptions.call(() -> session().createObjectMessage(object));
    }

    @Override
    public StreamMessage createStreamMessage() {
        return Exceptions.call(() -> session().createStreamMessage());
    }

    @Override
    public TextMessage createTextMessage() {
        return Exceptions.call(() -> session().createTextMessage());
    }

    @Override
    public TextMessage createTextMessage(String text) {
        return Exceptions.call(() -> session().createTextMessage(text));
    }

    @Override
    public String toString() {
        WrenSession s = session;
        return "WrenContext[" + (s != null ? s : shared.connection) + (closed ? ", closed" : "") + "]";
    }

    /** The connection under one or more contexts: it closes when the last of them leaves. Thread-safe. */
    private static final class SharedConnection {
        final WrenConnection connection;
        private int contexts = 1;

        SharedConnection(WrenConnection connection) {
            this.connection = connection;
        }

        synchronized void join() throws IllegalStateException {
            if (contexts == 0) {
                throw new IllegalStateException("the connection is closed");
            }
            contexts++;
        }

        void leave() throws JMSException {
            boolean last;
            synchronized (this) {
                last = --contexts == 0;
            }
            if (last) {
                connection.close();
            }
        }
    }
}
