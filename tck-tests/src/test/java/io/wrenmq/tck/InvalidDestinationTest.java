package io.wrenmq.tck;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Jakarta Messaging 3.1, chapter 10 "Jakarta Messaging exceptions", section 10.3: InvalidDestinationException (and
 * InvalidDestinationRuntimeException in the simplified API) "must be thrown when a destination is either not
 * understood by a provider or is no longer valid" — here a null destination where one is required, and a
 * destination that is neither a queue nor a topic, for every method that takes one.
 */
@DisplayName("InvalidDestinationException (spec 10.3)")
class InvalidDestinationTest extends ContextTestSupport {

    /** A destination of some other provider that is neither a Queue nor a Topic: Wren cannot know what it names. */
    private static final Destination UNKNOWN = new Destination() {
        @Override
        public String toString() {
            return "a destination that is neither a queue nor a topic";
        }
    };

    @Test
    @DisplayName("Session: every method that needs a destination refuses null")
    void sessionRefusesNullDestinations() throws Exception {
        Session s = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        assertAll(
                () -> assertThrows(InvalidDestinationException.class, () -> s.createConsumer(null)),
                () -> assertThrows(InvalidDestinationException.class, () -> s.createConsumer(null, "a = 1")),
                () -> assertThrows(InvalidDestinationException.class, () -> s.createConsumer(null, null, true)),
                () -> assertThrows(InvalidDestinationException.class, () -> s.createBrowser(null)),
                () -> assertThrows(InvalidDestinationException.class, () -> s.createBrowser(null, "a = 1")),
                () -> assertThrows(InvalidDestinationException.class, () -> s.createSharedConsumer(null, "s")),
                () -> assertThrows(InvalidDestinationException.class,
                        () -> s.createSharedDurableConsumer(null, "s")));
    }

    @Test
    @DisplayName("Session with a client id: the durable consumer methods refuse a null topic")
    void durableConsumersRefuseANullTopic() throws Exception {
        Connection c = connection();
        c.setClientID(uniqueName());
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        assertAll(
                () -> assertThrows(InvalidDestinationException.class, () -> s.createDurableConsumer(null, "d")),
                () -> assertThrows(InvalidDestinationException.class,
                        () -> s.createDurableConsumer(null, "d", null, false)),
                () -> assertThrows(InvalidDestinationException.class, () -> s.createDurableSubscriber(null, "d")),
                () -> assertThrows(InvalidDestinationException.class,
                        () -> s.createDurableSubscriber(null, "d", null, false)));
    }

    @Test
    @DisplayName("QueueSession and TopicSession: receivers, browsers and subscribers refuse null")
    void domainSessionsRefuseNullDestinations() throws Exception {
        Connection c = connection();
        QueueSession qs = ((QueueConnection) c).createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        TopicSession ts = ((TopicConnection) c).createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        assertAll(
                () -> assertThrows(InvalidDestinationException.class, () -> qs.createReceiver(null)),
                () -> assertThrows(InvalidDestinationException.class, () -> qs.createReceiver(null, "a = 1")),
                () -> assertThrows(InvalidDestinationException.class, () -> qs.createBrowser(null)),
                () -> assertThrows(InvalidDestinationException.class, () -> ts.createSubscriber(null)),
                () -> assertThrows(InvalidDestinationException.class,
                        () -> ts.createSubscriber(null, null, false)));
    }

    @Test
    @DisplayName("Session: a destination that is neither a queue nor a topic is refused for consumers, producers "
            + "and sends, and nothing is sent")
    void sessionRefusesADestinationItDoesNotUnderstand() throws Exception {
        Session s = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        MessageProducer unidentified = s.createProducer(null);
        Message m = s.createMessage();
        assertAll(
                () -> assertThrows(InvalidDestinationException.class, () -> s.createConsumer(UNKNOWN)),
                () -> assertThrows(InvalidDestinationException.class, () -> s.createProducer(UNKNOWN)),
                () -> assertThrows(InvalidDestinationException.class, () -> unidentified.send(UNKNOWN, m)),
                () -> assertThrows(InvalidDestinationException.class,
                        () -> unidentified.send(UNKNOWN, m, DeliveryMode.PERSISTENT, 4, 0)));
        assertEquals(0, Broker.queueDepth(q.getQueueName()));
    }

    @Test
    @DisplayName("JMSContext: null, or a destination that is neither a queue nor a topic, is "
            + "InvalidDestinationRuntimeException")
    void contextRefusesNullAndUnknownDestinations() {
        JMSContext ctx = context();
        assertAll(
                () -> assertThrows(InvalidDestinationRuntimeException.class, () -> ctx.createConsumer(null)),
                () -> assertThrows(InvalidDestinationRuntimeException.class, () -> ctx.createConsumer(UNKNOWN)),
                () -> assertThrows(InvalidDestinationRuntimeException.class,
                        () -> ctx.createConsumer(null, "a = 1", false)),
                () -> assertThrows(InvalidDestinationRuntimeException.class, () -> ctx.createBrowser(null)),
                () -> assertThrows(InvalidDestinationRuntimeException.class,
                        () -> ctx.createSharedConsumer(null, "s")),
                () -> assertThrows(InvalidDestinationRuntimeException.class,
                        () -> ctx.createSharedDurableConsumer(null, "s")),
                () -> assertThrows(InvalidDestinationRuntimeException.class,
                        () -> ctx.createProducer().send(UNKNOWN, "x")),
                () -> assertThrows(InvalidDestinationRuntimeException.class,
                        () -> ctx.createProducer().send(null, "x")));
    }
}
