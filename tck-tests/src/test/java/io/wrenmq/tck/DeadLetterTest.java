package io.wrenmq.tck;

import io.wrenmq.broker.BrokerConfig;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jakarta Messaging 3.1, section 3.5.11 (JMSXDeliveryCount) and 6.2.10 (message redelivery): a message that keeps
 * coming back is redelivered flagged, with its delivery count raised; past the destination's maximum it moves to
 * the dead-letter queue, keeping its id, body and properties and recording why and from where. The maximum, the
 * redelivery delay and the dead-letter queue are set per destination by name pattern, with a broker default.
 */
@DisplayName("3.5.11 / 6.2.10 Redelivery: delivery limit, dead-letter queue, redelivery delay")
class DeadLetterTest extends DedicatedBrokerTestSupport {
    private static final long REDELIVERY_DELAY_MS = 1_500;

    @Override
    protected BrokerConfig.Builder configure(BrokerConfig.Builder b) {
        return b.set("max-delivery-attempts", "3")
                .set("policy.slow.#.redelivery-delay", REDELIVERY_DELAY_MS + "ms")
                .set("policy.special.*.dead-letter-queue", "SpecialDLQ")
                .set("policy.special.*.max-delivery-attempts", "1")
                .set("policy.special.lenient.max-delivery-attempts", "0");
    }

    @Test
    @DisplayName("a message rolled back as often as the maximum moves to DLQ, with its id, body and properties")
    void rolledBackTooOftenGoesToTheDeadLetterQueue() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = s.createQueue(uniqueName());
        MessageProducer p = s.createProducer(q);
        TextMessage sent = s.createTextMessage("poison");
        sent.setStringProperty("order", "42");
        sent.setIntProperty("attempt", 7);
        p.send(sent);
        s.commit();

        MessageConsumer consumer = s.createConsumer(q);
        for (int delivery = 1; delivery <= 3; delivery++) {
            Message m = consumer.receive(RECEIVE_MS);
            assertNotNull(m, "delivery " + delivery);
            assertEquals(delivery, m.getIntProperty("JMSXDeliveryCount"));
            assertEquals(delivery > 1, m.getJMSRedelivered());
            s.rollback();
        }
        assertNull(consumer.receive(NOTHING_MS), "after 3 deliveries it does not come back to the queue");

        Message dead = receiveFrom(c, "DLQ", q.getQueueName());
        assertEquals(sent.getJMSMessageID(), dead.getJMSMessageID());
        assertEquals("poison", ((TextMessage) dead).getText());
        assertEquals("42", dead.getStringProperty("order"));
        assertEquals(7, dead.getIntProperty("attempt"));
        assertEquals("queue", dead.getStringProperty("JMS_WrenOriginalDestinationKind"));
        assertEquals(3, dead.getIntProperty("JMS_WrenDeliveries"));
        assertTrue(dead.getStringProperty("JMS_WrenDeadLetterCause").contains("delivered 3 times"),
                dead.getStringProperty("JMS_WrenDeadLetterCause"));
        assertEquals("DLQ", ((Queue) dead.getJMSDestination()).getQueueName());
        assertEquals(DeliveryMode.PERSISTENT, dead.getJMSDeliveryMode());
    }

    @Test
    @DisplayName("a MessageListener that always throws sees the message the maximum number of times, then DLQ has it")
    void listenerThatThrowsSendsTheMessageToTheDeadLetterQueue() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        s.createProducer(q).send(s.createTextMessage("always fails"));

        List<String> seen = new CopyOnWriteArrayList<>();
        s.createConsumer(q).setMessageListener(m -> {
            try {
                seen.add(m.getIntProperty("JMSXDeliveryCount") + ":" + m.getJMSRedelivered());
            } catch (JMSException e) {
                seen.add(e.toString());
            }
            throw new IllegalStateException("the application cannot handle this message");
        });
        Message dead = receiveFrom(c, "DLQ", q.getQueueName());
        assertEquals("always fails", ((TextMessage) dead).getText());
        assertEquals(List.of("1:false", "2:true", "3:true"), seen);
    }

    @Test
    @DisplayName("recover() in CLIENT_ACKNOWLEDGE counts towards the limit too")
    void recoverCountsTowardsTheLimit() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        s.createProducer(q).send(s.createTextMessage("recovered"));
        MessageConsumer consumer = s.createConsumer(q);
        for (int delivery = 1; delivery <= 3; delivery++) {
            assertNotNull(consumer.receive(RECEIVE_MS), "delivery " + delivery);
            s.recover();
        }
        assertNull(consumer.receive(NOTHING_MS));
        assertEquals("recovered", ((TextMessage) receiveFrom(c, "DLQ", q.getQueueName())).getText());
    }

    @Test
    @DisplayName("a pattern sets another dead-letter queue and maximum; a more specific one overrides it")
    void patternsOverrideTheDefault() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue special = s.createQueue("special.orders");
        s.createProducer(special).send(s.createTextMessage("once"));
        s.commit();
        MessageConsumer consumer = s.createConsumer(special);
        assertNotNull(consumer.receive(RECEIVE_MS));
        s.rollback();
        assertNull(consumer.receive(NOTHING_MS), "special.* allows a single delivery");
        assertEquals("once", ((TextMessage) receiveFrom(c, "SpecialDLQ", "special.orders")).getText());

        Queue lenient = s.createQueue("special.lenient");
        s.createProducer(lenient).send(s.createTextMessage("forever"));
        s.commit();
        MessageConsumer again = s.createConsumer(lenient);
        for (int delivery = 1; delivery <= 5; delivery++) {
            Message m = again.receive(RECEIVE_MS);
            assertNotNull(m, "special.lenient has no limit; delivery " + delivery);
            s.rollback();
        }
    }

    @Test
    @DisplayName("a redelivery delay holds a rolled-back message back before it is delivered again")
    void redeliveryDelayHoldsTheMessageBack() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = s.createQueue("slow." + uniqueName());
        s.createProducer(q).send(s.createTextMessage("later"));
        s.commit();
        MessageConsumer consumer = s.createConsumer(q);
        assertNotNull(consumer.receive(RECEIVE_MS));
        long rolledBack = System.nanoTime();
        s.rollback();
        assertNull(consumer.receive(NOTHING_MS), "held back by the redelivery delay");
        Message again = consumer.receive(RECEIVE_MS);
        long waitedMs = (System.nanoTime() - rolledBack) / 1_000_000;
        assertNotNull(again);
        assertTrue(again.getJMSRedelivered());
        assertTrue(waitedMs >= REDELIVERY_DELAY_MS, "came back after " + waitedMs + " ms");
        s.commit();
    }

    @Test
    @DisplayName("a durable subscription's dead message records the topic and the subscription")
    void durableSubscriptionMessageRecordsItsSubscription() throws Exception {
        Connection c = track(factory.createConnection());
        c.setClientID("dead-letter-client");
        c.start();
        Session s = c.createSession(true, Session.SESSION_TRANSACTED);
        Topic t = s.createTopic(uniqueName());
        MessageConsumer subscriber = s.createDurableConsumer(t, "audit");
        s.createProducer(t).send(s.createTextMessage("published"));
        s.commit();
        for (int delivery = 1; delivery <= 3; delivery++) {
            assertNotNull(subscriber.receive(RECEIVE_MS), "delivery " + delivery);
            s.rollback();
        }
        Message dead = receiveFrom(c, "DLQ", t.getTopicName());
        assertEquals("topic", dead.getStringProperty("JMS_WrenOriginalDestinationKind"));
        assertEquals("audit", dead.getStringProperty("JMS_WrenOriginalSubscription"));
    }

    @Test
    @DisplayName("a persistent message in the dead-letter queue is there after a restart, and gone from its queue")
    void deadLetterSurvivesRestart() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(true, Session.SESSION_TRANSACTED);
        String name = uniqueName();
        Queue q = s.createQueue(name);
        s.createProducer(q).send(s.createTextMessage("kept"));
        s.commit();
        MessageConsumer consumer = s.createConsumer(q);
        for (int delivery = 1; delivery <= 3; delivery++) {
            assertNotNull(consumer.receive(RECEIVE_MS));
            s.rollback();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.queueStats("DLQ")
                .map(st -> st.depth() == 1).orElse(false));

        restart();
        Connection after = startedConnection();
        Session s2 = after.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertNull(s2.createConsumer(s2.createQueue(name)).receive(NOTHING_MS), "not back on its queue");
        assertEquals("kept", ((TextMessage) receiveFrom(after, "DLQ", name)).getText());
    }

    @Test
    @DisplayName("a message delivered the maximum number of times before a restart goes to DLQ, not out again")
    void exhaustedBeforeARestartGoesToTheDeadLetterQueue() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(true, Session.SESSION_TRANSACTED);
        String name = uniqueName();
        Queue q = s.createQueue(name);
        s.createProducer(q).send(s.createTextMessage("third time"));
        s.commit();
        MessageConsumer consumer = s.createConsumer(q);
        for (int delivery = 1; delivery <= 2; delivery++) {
            assertNotNull(consumer.receive(RECEIVE_MS));
            s.rollback();
        }
        assertEquals(3, consumer.receive(RECEIVE_MS).getIntProperty("JMSXDeliveryCount"));

        restart();
        Connection after = startedConnection();
        Session s2 = after.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertNull(s2.createConsumer(s2.createQueue(name)).receive(NOTHING_MS), "no fourth delivery");
        assertEquals("third time", ((TextMessage) receiveFrom(after, "DLQ", name)).getText());
    }

    /** The message from {@code origin} in dead-letter queue {@code queue}: a fresh delivery there. */
    private static Message receiveFrom(Connection c, String queue, String origin) throws JMSException {
        Message m = receiveMoved(c, queue, origin);
        assertFalse(m.getJMSRedelivered(), "a fresh delivery in the dead-letter queue");
        return m;
    }
}
