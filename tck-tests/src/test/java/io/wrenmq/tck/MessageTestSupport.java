package io.wrenmq.tck;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.BeforeEach;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Base of the tests of messages (spec chapter 3): a session on a started connection, and the round trip every such
 * test starts from — the message sent through the broker to a queue of its own, and received back over TCP as an
 * application's consumer gets it.
 */
abstract class MessageTestSupport extends JmsTestSupport {
    static final long RECEIVE_TIMEOUT_MS = 5000;

    /** An AUTO_ACKNOWLEDGE session of a started connection, closed after the test with its connection. */
    protected Session session;

    @BeforeEach
    void openSession() throws JMSException {
        session = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    /** Sends {@code message} to a new queue and returns what a consumer of that queue receives, as a {@code type}. */
    protected <M extends Message> M roundTrip(Message message, Class<M> type) throws JMSException {
        Queue queue = session.createQueue(uniqueName());
        MessageConsumer consumer = session.createConsumer(queue);
        MessageProducer producer = session.createProducer(queue);
        producer.send(message);
        producer.close();
        M received = receive(consumer, type);
        consumer.close();
        return received;
    }

    /** The next message of {@code consumer}, which must come within the timeout and be a {@code type}. */
    protected static <M extends Message> M receive(MessageConsumer consumer, Class<M> type) throws JMSException {
        Message m = consumer.receive(RECEIVE_TIMEOUT_MS);
        assertNotNull(m, "no message received within " + RECEIVE_TIMEOUT_MS + " ms");
        return assertInstanceOf(type, m);
    }
}
