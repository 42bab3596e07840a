package io.wrenmq.tck;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Jakarta Messaging 3.1, section 3.8: message selectors, evaluated by the broker, for queue consumers and topic
 * subscriptions. The grammar itself is covered clause by clause by the selector's own tests in jms-provider; these
 * check that selection happens end to end.
 */
@DisplayName("Message selectors, end to end (spec 3.8)")
class SelectorTest extends JmsTestSupport {

    private static void send(Session s, jakarta.jms.Destination d, String text, String color, int weight, int priority)
            throws Exception {
        MessageProducer p = s.createProducer(d);
        TextMessage m = s.createTextMessage(text);
        m.setStringProperty("color", color);
        m.setIntProperty("weight", weight);
        m.setJMSType(color + "-type");
        p.send(m, DeliveryMode.PERSISTENT, priority, 0);
        p.close();
    }

    private static List<String> drain(MessageConsumer c) throws Exception {
        List<String> texts = new ArrayList<>();
        Message m;
        while ((m = c.receive(500)) != null) {
            texts.add(text(m));
        }
        return texts;
    }

    @Test
    @DisplayName("an invalid selector is InvalidSelectorException at createConsumer, for every kind of consumer")
    void invalidSelectorIsRefusedAtCreateConsumer() throws Exception {
        Connection c = connection();
        c.setClientID(uniqueName());
        c.start();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        Topic t = s.createTopic(uniqueName());
        String bad = "color = 'red' AND";
        assertThrows(InvalidSelectorException.class, () -> s.createConsumer(q, bad));
        assertThrows(InvalidSelectorException.class, () -> s.createConsumer(t, "weight >"));
        assertThrows(InvalidSelectorException.class, () -> s.createDurableConsumer(t, "d", "1 = 'one'", false));
        assertThrows(InvalidSelectorException.class, () -> s.createSharedConsumer(t, "s", "a LIKE 5"));
        assertThrows(InvalidSelectorException.class, () -> s.createBrowser(q, "JMSExpiration > 0"));
        try (JMSContext ctx = factory.createContext()) {
            assertThrows(InvalidSelectorRuntimeException.class, () -> ctx.createConsumer(q, bad));
        }
    }

    @Test
    @DisplayName("a queue consumer gets only what its selector selects; the rest waits for others, in order")
    void queueConsumerGetsOnlySelectedMessages() throws Exception {
        Session s = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        send(s, q, "r1", "red", 5, 4);
        send(s, q, "b1", "blue", 20, 4);
        send(s, q, "r2", "red", 30, 4);
        send(s, q, "b2", "blue", 1, 4);
        MessageConsumer heavyRed = s.createConsumer(q, "color = 'red' AND weight > 10");
        assertEquals("color = 'red' AND weight > 10", heavyRed.getMessageSelector());
        assertEquals(List.of("r2"), drain(heavyRed));
        MessageConsumer rest = s.createConsumer(q);
        assertEquals(List.of("r1", "b1", "b2"), drain(rest));
    }

    @Test
    @DisplayName("consumers with complementary selectors share a queue without blocking each other")
    void complementarySelectorsSplitAQueue() throws Exception {
        Session s = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        MessageConsumer reds = s.createConsumer(q, "color = 'red'");
        MessageConsumer blues = s.createConsumer(q, "color IN ('blue')");
        for (int i = 0; i < 20; i++) {
            send(s, q, "m" + i, i % 2 == 0 ? "red" : "blue", i, 4);
        }
        List<String> r = drain(reds);
        List<String> b = drain(blues);
        assertEquals(10, r.size(), "reds: " + r);
        assertEquals(10, b.size(), "blues: " + b);
        assertEquals("m0", r.get(0));
        assertEquals("m1", b.get(0));
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.queueDepth(q.getQueueName()) == 0);
    }

    @Test
    @DisplayName("header fields in selectors: JMSPriority, JMSType, JMSDeliveryMode, JMSCorrelationID")
    void headerFieldsCanBeSelected() throws Exception {
        Session s = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        send(s, q, "low", "red", 1, 1);
        send(s, q, "high", "blue", 1, 8);
        TextMessage correlated = s.createTextMessage("correlated");
        correlated.setJMSCorrelationID("order-7");
        MessageProducer p = s.createProducer(q);
        p.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        p.send(correlated);
        assertEquals(List.of("high"), drain(s.createConsumer(q, "JMSPriority > 5")));
        assertEquals(List.of("low"), drain(s.createConsumer(q, "JMSType = 'red-type'")));
        assertEquals(List.of("correlated"),
                drain(s.createConsumer(q, "JMSDeliveryMode = 'NON_PERSISTENT' AND JMSCorrelationID LIKE 'order-%'")));
    }

    @Test
    @DisplayName("a topic subscriber gets only what its selector selects; another subscriber gets everything")
    void topicSubscriberGetsOnlySelectedMessages() throws Exception {
        Session s = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = s.createTopic(uniqueName());
        MessageConsumer light = s.createConsumer(t, "weight BETWEEN 1 AND 10");
        MessageConsumer all = s.createConsumer(t);
        send(s, t, "a", "red", 5, 4);
        send(s, t, "b", "red", 50, 4);
        send(s, t, "c", "blue", 10, 4);
        assertEquals(List.of("a", "c"), drain(light));
        assertEquals(List.of("a", "b", "c"), drain(all));
    }

    @Test
    @DisplayName("a durable subscription with a selector keeps only the selected messages while away; a new "
            + "selector replaces the subscription (spec 6.11.1)")
    void durableSubscriptionSelectsWhileAway() throws Exception {
        Connection c = connection();
        c.setClientID(uniqueName());
        c.start();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = s.createTopic(uniqueName());
        s.createDurableConsumer(t, "reds", "color = 'red'", false).close();
        send(s, t, "r", "red", 1, 4);
        send(s, t, "b", "blue", 1, 4);
        MessageConsumer back = s.createDurableConsumer(t, "reds", "color = 'red'", false);
        assertEquals(List.of("r"), drain(back));
        back.close();
        send(s, t, "r2", "red", 1, 4);
        MessageConsumer blues = s.createDurableConsumer(t, "reds", "color = 'blue'", false);
        assertNull(blues.receive(300), "the old subscription's message reached the new one");
        send(s, t, "b2", "blue", 1, 4);
        assertEquals(List.of("b2"), drain(blues));
        blues.close();
        s.unsubscribe("reds");
    }
}
