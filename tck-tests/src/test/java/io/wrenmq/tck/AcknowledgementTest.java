package io.wrenmq.tck;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jakarta Messaging 3.1, section 6.2.10: message acknowledgment, and redelivery (3.4.7, 3.5.11). */
@DisplayName("Acknowledgement and redelivery (spec 6.2.10, 3.4.7)")
class AcknowledgementTest extends JmsTestSupport {

    private void send(Session s, Queue q, String... texts) throws Exception {
        MessageProducer p = s.createProducer(q);
        for (String t : texts) {
            p.send(s.createTextMessage(t));
        }
        p.close();
    }

    @Test
    @DisplayName("AUTO_ACKNOWLEDGE: a received message is acknowledged and does not come back")
    void autoAcknowledgedMessageDoesNotComeBack() throws Exception {
        String name = uniqueName();
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(name);
        send(s, q, "a");
        MessageConsumer consumer = s.createConsumer(q);
        assertNotNull(consumer.receive(5000));
        consumer.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.queueDepth(name) == 0);
        assertNull(s.createConsumer(q).receive(200));
    }

    @Test
    @DisplayName("CLIENT_ACKNOWLEDGE: acknowledge() acknowledges every message the session consumed")
    void clientAcknowledgeAcknowledgesEverythingTheSessionConsumed() throws Exception {
        String name = uniqueName();
        String other = uniqueName();
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q1 = s.createQueue(name);
        Queue q2 = s.createQueue(other);
        send(s, q1, "a", "b");
        send(s, q2, "c");
        MessageConsumer c1 = s.createConsumer(q1);
        MessageConsumer c2 = s.createConsumer(q2);
        assertNotNull(c1.receive(5000));
        Message b = c1.receive(5000);
        Message cc = c2.receive(5000);
        assertNotNull(b);
        assertNotNull(cc);
        cc.acknowledge();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Broker.queueDepth(name) == 0 && Broker.queueDepth(other) == 0);
    }

    @Test
    @DisplayName("CLIENT_ACKNOWLEDGE: unacknowledged messages come back flagged after the session closes")
    void unacknowledgedMessagesComeBackFlaggedAfterSessionClose() throws Exception {
        String name = uniqueName();
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = s.createQueue(name);
        send(s, q, "a", "b");
        MessageConsumer consumer = s.createConsumer(q);
        Message first = consumer.receive(5000);
        assertFalse(first.getJMSRedelivered());
        assertEquals(1, first.getIntProperty("JMSXDeliveryCount"));
        s.close();

        Session s2 = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer again = s2.createConsumer(q);
        Message m1 = again.receive(5000);
        assertEquals("a", ((TextMessage) m1).getText());
        assertTrue(m1.getJMSRedelivered(), "seen by the application: flagged");
        assertEquals(2, m1.getIntProperty("JMSXDeliveryCount"));
        Message m2 = again.receive(5000);
        assertEquals("b", ((TextMessage) m2).getText());
        m2.acknowledge();
    }

    @Test
    @DisplayName("recover() redelivers every unacknowledged message, oldest first, flagged")
    void recoverRedeliversUnacknowledgedMessagesInOrder() throws Exception {
        String name = uniqueName();
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = s.createQueue(name);
        send(s, q, "a", "b", "c");
        MessageConsumer consumer = s.createConsumer(q);
        assertEquals("a", ((TextMessage) consumer.receive(5000)).getText());
        assertEquals("b", ((TextMessage) consumer.receive(5000)).getText());
        s.recover();
        Message a = consumer.receive(5000);
        assertEquals("a", ((TextMessage) a).getText());
        assertTrue(a.getJMSRedelivered());
        assertEquals(2, a.getIntProperty("JMSXDeliveryCount"));
        Message b = consumer.receive(5000);
        assertEquals("b", ((TextMessage) b).getText());
        assertTrue(b.getJMSRedelivered());
        Message cm = consumer.receive(5000);
        assertEquals("c", ((TextMessage) cm).getText());
        assertFalse(cm.getJMSRedelivered(), "never handed to the application before: not flagged");
        cm.acknowledge();
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.queueDepth(name) == 0);
    }

    @Test
    @DisplayName("recover() called from a listener redelivers the message to it")
    void recoverFromListenerRedeliversToTheListener() throws Exception {
        String name = uniqueName();
        Connection c = connection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = s.createQueue(name);
        send(s, q, "a");
        List<Boolean> redelivered = new CopyOnWriteArrayList<>();
        s.createConsumer(q).setMessageListener(m -> {
            try {
                redelivered.add(m.getJMSRedelivered());
                if (!m.getJMSRedelivered()) {
                    s.recover();
                } else {
                    m.acknowledge();
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        c.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> redelivered.size() == 2);
        assertEquals(List.of(false, true), new ArrayList<>(redelivered));
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.queueDepth(name) == 0);
    }

    @Test
    @DisplayName("AUTO_ACKNOWLEDGE: a listener that throws gets the message again, flagged (spec 8.7)")
    void listenerThatThrowsGetsTheMessageAgainFlagged() throws Exception {
        String name = uniqueName();
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(name);
        send(s, q, "a");
        List<Integer> counts = new CopyOnWriteArrayList<>();
        s.createConsumer(q).setMessageListener(m -> {
            try {
                counts.add(m.getIntProperty("JMSXDeliveryCount"));
                if (!m.getJMSRedelivered()) {
                    throw new RuntimeException("first attempt fails on purpose");
                }
            } catch (jakarta.jms.JMSException e) {
                throw new RuntimeException(e);
            }
        });
        c.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> counts.size() == 2);
        assertEquals(List.of(1, 2), new ArrayList<>(counts));
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.queueDepth(name) == 0);
    }

    @Test
    @DisplayName("closing a consumer returns prefetched messages unflagged and seen ones flagged")
    void closingAConsumerReturnsPrefetchedUnflaggedAndSeenFlagged() throws Exception {
        String name = uniqueName();
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = s.createQueue(name);
        send(s, q, "a", "b", "c");
        MessageConsumer consumer = s.createConsumer(q);
        assertEquals("a", ((TextMessage) consumer.receive(5000)).getText());
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.queueDepth(name) == 3);
        consumer.close();
        s.close();

        Session s2 = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer next = s2.createConsumer(q);
        Message a = next.receive(5000);
        Message b = next.receive(5000);
        Message cm = next.receive(5000);
        assertEquals("a", ((TextMessage) a).getText());
        assertTrue(a.getJMSRedelivered());
        assertEquals("b", ((TextMessage) b).getText());
        assertFalse(b.getJMSRedelivered(), "prefetched, never handed over");
        assertEquals(1, b.getIntProperty("JMSXDeliveryCount"));
        assertFalse(cm.getJMSRedelivered());
    }

    @Test
    @DisplayName("DUPS_OK_ACKNOWLEDGE: consumed messages are acknowledged")
    void dupsOkAcknowledgesConsumedMessages() throws Exception {
        String name = uniqueName();
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        Queue q = s.createQueue(name);
        send(s, q, "a", "b");
        MessageConsumer consumer = s.createConsumer(q);
        assertNotNull(consumer.receive(5000));
        assertNotNull(consumer.receive(5000));
        consumer.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.queueDepth(name) == 0);
    }

    @Test
    @DisplayName("acknowledge() in AUTO_ACKNOWLEDGE mode is ignored")
    void acknowledgeIsIgnoredOutsideClientMode() throws Exception {
        String name = uniqueName();
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(name);
        send(s, q, "a");
        Message m = s.createConsumer(q).receive(5000);
        m.acknowledge();
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.queueDepth(name) == 0);
    }

    @Test
    @DisplayName("acknowledge() after the session closed throws IllegalStateException")
    void acknowledgeAfterSessionClosedThrows() throws Exception {
        String name = uniqueName();
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = s.createQueue(name);
        send(s, q, "a");
        Message m = s.createConsumer(q).receive(5000);
        s.close();
        org.junit.jupiter.api.Assertions.assertThrows(jakarta.jms.IllegalStateException.class, m::acknowledge);
    }
}
