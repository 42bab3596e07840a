package io.wrenmq.tck;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jakarta Messaging 3.1, section 8.3 (durable subscriptions) with 6.11.1 and the {@code Session} javadoc, through the
 * classic API: an unshared durable subscription is identified by client id and name, keeps what is published while
 * its subscriber is away, may have one active consumer, is replaced when its topic or selector changes, and is
 * deleted by {@code unsubscribe} only while it has no active consumer.
 */
@DisplayName("8.3 Durable subscriptions (classic API)")
class DurableSubscriptionTest extends JmsTestSupport {
    private static final long RECEIVE_MS = 10_000;
    private static final long NOTHING_MS = 300;

    private Session session(String clientId) throws JMSException {
        Connection c = track(factory.createConnection());
        c.setClientID(clientId);
        c.start();
        return c.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    private static void publish(Session s, Topic t, String... texts) throws JMSException {
        MessageProducer p = s.createProducer(t);
        for (String text : texts) {
            p.send(s.createTextMessage(text));
        }
        p.close();
    }

    @Test
    @DisplayName("createDurableSubscriber keeps what is published while the subscriber is away, in order")
    void keepsMessagesWhileAway() throws Exception {
        Session s = session(uniqueName());
        Topic t = s.createTopic(uniqueName());
        TopicSubscriber subscriber = s.createDurableSubscriber(t, "sub");
        assertEquals(t.getTopicName(), subscriber.getTopic().getTopicName());
        publish(s, t, "while here");
        assertEquals("while here", text(subscriber.receive(RECEIVE_MS)));
        subscriber.close();

        publish(s, t, "away 1", "away 2");
        MessageConsumer back = s.createDurableConsumer(t, "sub");
        assertEquals("away 1", text(back.receive(RECEIVE_MS)));
        assertEquals("away 2", text(back.receive(RECEIVE_MS)));
        assertNull(back.receive(NOTHING_MS));
    }

    @Test
    @DisplayName("the subscription belongs to its client id: another client id with the same name has its own")
    void scopedByClientId() throws Exception {
        Session first = session(uniqueName());
        Session second = session(uniqueName());
        Topic t = first.createTopic(uniqueName());
        first.createDurableSubscriber(t, "same").close();
        second.createDurableSubscriber(t, "same").close();
        publish(first, t, "for both");
        assertEquals("for both", text(first.createDurableSubscriber(t, "same").receive(RECEIVE_MS)));
        assertEquals("for both", text(second.createDurableSubscriber(t, "same").receive(RECEIVE_MS)));
    }

    @Test
    @DisplayName("a durable subscription needs a client id: IllegalStateException without one")
    void needsAClientId() throws Exception {
        Session s = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = s.createTopic(uniqueName());
        assertThrows(IllegalStateException.class, () -> s.createDurableSubscriber(t, "sub"));
        assertThrows(IllegalStateException.class, () -> s.createDurableConsumer(t, "sub"));
    }

    @Test
    @DisplayName("a second active consumer on an unshared durable subscription is refused with a JMSException")
    void oneActiveConsumer() throws Exception {
        String clientId = uniqueName();
        Session s = session(clientId);
        Topic t = s.createTopic(uniqueName());
        s.createDurableSubscriber(t, "only");
        assertThrows(JMSException.class, () -> s.createDurableSubscriber(t, "only"));
    }

    @Test
    @DisplayName("resubscribing with another selector replaces the subscription: what it kept is gone")
    void changingTheSelectorReplacesIt() throws Exception {
        Session s = session(uniqueName());
        Topic t = s.createTopic(uniqueName());
        s.createDurableSubscriber(t, "sub", "colour = 'red'", false).close();
        MessageProducer p = s.createProducer(t);
        Message red = s.createTextMessage("kept under the old selector");
        red.setStringProperty("colour", "red");
        p.send(red);

        TopicSubscriber replaced = s.createDurableSubscriber(t, "sub", "colour = 'blue'", false);
        assertEquals("colour = 'blue'", replaced.getMessageSelector());
        assertNull(replaced.receive(NOTHING_MS), "the old subscription's message went with it");
        Message blue = s.createTextMessage("blue");
        blue.setStringProperty("colour", "blue");
        p.send(red);
        p.send(blue);
        assertEquals("blue", text(replaced.receive(RECEIVE_MS)));
        assertNull(replaced.receive(NOTHING_MS));
    }

    @Test
    @DisplayName("resubscribing to another topic replaces the subscription")
    void changingTheTopicReplacesIt() throws Exception {
        Session s = session(uniqueName());
        Topic first = s.createTopic(uniqueName());
        Topic second = s.createTopic(uniqueName());
        s.createDurableSubscriber(first, "sub").close();
        publish(s, first, "on the first topic");
        TopicSubscriber moved = s.createDurableSubscriber(second, "sub");
        assertNull(moved.receive(NOTHING_MS));
        publish(s, first, "first again");
        publish(s, second, "on the second topic");
        assertEquals("on the second topic", text(moved.receive(RECEIVE_MS)));
        assertNull(moved.receive(NOTHING_MS));
    }

    @Test
    @DisplayName("unsubscribe deletes the subscription and what it kept; a new one starts empty")
    void unsubscribeDeletesIt() throws Exception {
        Session s = session(uniqueName());
        Topic t = s.createTopic(uniqueName());
        s.createDurableSubscriber(t, "sub").close();
        publish(s, t, "dropped with the subscription");
        s.unsubscribe("sub");
        assertNull(s.createDurableSubscriber(t, "sub").receive(NOTHING_MS));
    }

    @Test
    @DisplayName("unsubscribe while a consumer is active fails (IllegalStateException); unknown names are "
            + "InvalidDestinationException")
    void unsubscribeRules() throws Exception {
        Session s = session(uniqueName());
        Topic t = s.createTopic(uniqueName());
        TopicSubscriber active = s.createDurableSubscriber(t, "sub");
        JMSException e = assertThrows(JMSException.class, () -> s.unsubscribe("sub"));
        assertTrue(e instanceof IllegalStateException, "expected IllegalStateException, got " + e);
        assertThrows(InvalidDestinationException.class, () -> s.unsubscribe("no such subscription"));
        active.close();
        s.unsubscribe("sub");
        assertThrows(InvalidDestinationException.class, () -> s.unsubscribe("sub"), "already deleted");
    }

    @Test
    @DisplayName("noLocal: a durable subscriber does not keep what connections with its client id publish")
    void noLocalSkipsOwnClientIdsMessages() throws Exception {
        String clientId = uniqueName();
        Session own = session(clientId);
        Topic t = own.createTopic(uniqueName());
        own.createDurableSubscriber(t, "sub", null, true).close();
        publish(own, t, "local");
        Session other = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        publish(other, t, "remote");
        TopicSubscriber back = own.createDurableSubscriber(t, "sub", null, true);
        assertTrue(back.getNoLocal());
        assertEquals("remote", text(back.receive(RECEIVE_MS)));
        assertNull(back.receive(NOTHING_MS));
    }
}
