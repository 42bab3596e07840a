package io.wrenmq.tck;

import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jakarta Messaging 3.1, sections 3.4.13 (JMSDeliveryTime) and 7.9 (message delivery delay): a message sent with a
 * delivery delay is not delivered before its delivery time, which is the send time plus the delay (for a transacted
 * send too), and which the message keeps; the broker holds it back, across a restart as well.
 */
@DisplayName("3.4.13 / 7.9 Delivery delay: no delivery before the delivery time")
class DeliveryDelayTest extends DedicatedBrokerTestSupport {
    private static final long DELAY_MS = 1_500;
    /** Well inside the delay: the message must not have come by then. */
    private static final long TOO_EARLY_MS = 300;

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(ints = {0, 1000})
    @DisplayName("a delayed message comes at its delivery time, not before, and keeps that time")
    void delayedMessageComesAtItsDeliveryTime(int prefetch) throws Exception {
        Connection c = track(new WrenConnectionFactory(Broker.url(broker, "prefetch=" + prefetch))
                .createConnection());
        c.start();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        MessageConsumer consumer = s.createConsumer(q);
        MessageProducer p = s.createProducer(q);
        p.setDeliveryDelay(DELAY_MS);
        assertEquals(DELAY_MS, p.getDeliveryDelay());
        long before = System.currentTimeMillis();
        TextMessage sent = s.createTextMessage("later");
        p.send(sent);
        assertTrue(sent.getJMSDeliveryTime() >= before + DELAY_MS, "JMSDeliveryTime is send time plus delay");

        assertNull(consumer.receive(TOO_EARLY_MS), "not before its delivery time");
        Message m = consumer.receive(RECEIVE_MS);
        assertNotNull(m);
        assertTrue(System.currentTimeMillis() >= sent.getJMSDeliveryTime(), "delivered before its time");
        assertEquals(sent.getJMSDeliveryTime(), m.getJMSDeliveryTime());
        assertEquals(sent.getJMSMessageID(), m.getJMSMessageID());
    }

    @Test
    @DisplayName("messages sent without a delay after a delayed one are delivered first")
    void undelayedMessagesOvertakeADelayedOne() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        MessageProducer delayed = s.createProducer(q);
        delayed.setDeliveryDelay(DELAY_MS);
        delayed.send(s.createTextMessage("delayed"));
        MessageProducer now = s.createProducer(q);
        now.send(s.createTextMessage("first"));
        now.send(s.createTextMessage("second"));
        MessageConsumer consumer = s.createConsumer(q);
        assertEquals("first", text(consumer.receive(RECEIVE_MS)));
        assertEquals("second", text(consumer.receive(RECEIVE_MS)));
        assertEquals("delayed", text(consumer.receive(RECEIVE_MS)));
    }

    @Test
    @DisplayName("JMSProducer.setDeliveryDelay holds a topic message back for every subscriber")
    void delayedPublicationReachesEverySubscriberLater() {
        try (JMSContext context = factory.createContext()) {
            Topic t = context.createTopic(uniqueName());
            JMSConsumer first = context.createConsumer(t);
            JMSConsumer second = context.createConsumer(t);
            context.createProducer().setDeliveryDelay(DELAY_MS).send(t, "news");
            assertNull(first.receive(TOO_EARLY_MS));
            assertEquals("news", first.receiveBody(String.class, RECEIVE_MS));
            assertEquals("news", second.receiveBody(String.class, RECEIVE_MS));
        }
    }

    @Test
    @DisplayName("in a transaction the delivery time counts from the send, and the message waits for the commit")
    void transactedSendCountsFromTheSend() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = s.createQueue(uniqueName());
        MessageProducer p = s.createProducer(q);
        p.setDeliveryDelay(DELAY_MS);
        long before = System.currentTimeMillis();
        TextMessage sent = s.createTextMessage("in a transaction");
        p.send(sent);
        long deliveryTime = sent.getJMSDeliveryTime();
        assertTrue(deliveryTime >= before + DELAY_MS && deliveryTime <= System.currentTimeMillis() + DELAY_MS);
        s.commit();
        MessageConsumer consumer = s.createConsumer(q);
        Message m = consumer.receive(RECEIVE_MS);
        assertNotNull(m);
        assertTrue(System.currentTimeMillis() >= deliveryTime);
        s.commit();
    }

    @Test
    @DisplayName("a delayed persistent message is still held back after a restart, then delivered")
    void delayedMessageSurvivesARestart() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        String name = uniqueName();
        MessageProducer p = s.createProducer(s.createQueue(name));
        p.setDeliveryDelay(3_000);
        TextMessage sent = s.createTextMessage("after the restart");
        p.send(sent);
        restart();

        Connection after = startedConnection();
        Session s2 = after.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s2.createConsumer(s2.createQueue(name));
        if (System.currentTimeMillis() + TOO_EARLY_MS < sent.getJMSDeliveryTime()) {
            assertNull(consumer.receive(TOO_EARLY_MS), "still held back after the restart");
        }
        Message m = consumer.receive(RECEIVE_MS);
        assertNotNull(m, "restored and delivered");
        assertTrue(System.currentTimeMillis() >= sent.getJMSDeliveryTime());
        assertEquals("after the restart", text(m));
    }
}
