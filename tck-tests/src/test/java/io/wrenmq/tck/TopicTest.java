package io.wrenmq.tck;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jakarta Messaging 3.1, chapter 4.2 and 6: the publish/subscribe domain with non-durable subscriptions. */
@DisplayName("Topics (spec 4.2, 6.11)")
class TopicTest extends JmsTestSupport {

    @Test
    @DisplayName("every current subscriber gets its own copy of each message")
    void everySubscriberGetsItsOwnCopy() throws Exception {
        String name = uniqueName();
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = s.createTopic(name);
        MessageConsumer a = s.createConsumer(t);
        MessageConsumer b = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(t);
        s.createProducer(t).send(s.createTextMessage("news"));
        assertEquals("news", ((TextMessage) a.receive(5000)).getText());
        assertEquals("news", ((TextMessage) b.receive(5000)).getText());
        assertNull(a.receive(100));
        assertNull(b.receive(100));
    }

    @Test
    @DisplayName("a subscriber sees only messages published after it subscribed")
    void subscriberSeesOnlyMessagesPublishedAfterItSubscribed() throws Exception {
        String name = uniqueName();
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = s.createTopic(name);
        MessageProducer p = s.createProducer(t);
        p.send(s.createTextMessage("before"));
        MessageConsumer late = s.createConsumer(t);
        p.send(s.createTextMessage("after"));
        assertEquals("after", ((TextMessage) late.receive(5000)).getText());
        assertNull(late.receive(200));
    }

    @Test
    @DisplayName("a message published with no subscriber is not kept")
    void messagePublishedWithoutSubscribersIsNotKept() throws Exception {
        String name = uniqueName();
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = s.createTopic(name);
        s.createProducer(t).send(s.createTextMessage("nobody listens"));
        MessageConsumer consumer = s.createConsumer(t);
        assertNull(consumer.receive(300));
    }

    @Test
    @DisplayName("one publisher, five subscribers: every subscriber receives every message, in order")
    void fiveSubscribersReceiveEveryMessageInOrder() throws Exception {
        String name = uniqueName();
        int count = 5_000;
        int subscribers = 5;
        List<List<Integer>> received = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(subscribers);
        for (int i = 0; i < subscribers; i++) {
            List<Integer> mine = new ArrayList<>();
            received.add(mine);
            Connection c = connection();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createConsumer(s.createTopic(name)).setMessageListener(m -> {
                try {
                    mine.add(m.getIntProperty("n"));
                } catch (Exception e) {
                    mine.add(-1);
                }
                if (mine.size() == count) {
                    done.countDown();
                }
            });
            c.start();
        }
        Connection pc = connection();
        Session ps = pc.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = ps.createProducer(ps.createTopic(name));
        p.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        for (int n = 0; n < count; n++) {
            Message m = ps.createMessage();
            m.setIntProperty("n", n);
            p.send(m);
        }
        assertTrue(done.await(60, TimeUnit.SECONDS), "every subscriber got every message");
        for (List<Integer> mine : received) {
            synchronized (mine) {
                assertEquals(count, mine.size());
                for (int n = 0; n < count; n++) {
                    assertEquals(n, mine.get(n), "in order");
                }
            }
        }
    }

    @Test
    @DisplayName("a slow subscriber loses nothing within the broker's memory limit")
    void slowSubscriberLosesNothing() throws Exception {
        String name = uniqueName();
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = s.createTopic(name);
        MessageConsumer slow = s.createConsumer(t);
        Connection pc = connection();
        Session ps = pc.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = ps.createProducer(t);
        p.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        for (int n = 0; n < 3000; n++) {
            Message m = ps.createMessage();
            m.setIntProperty("n", n);
            p.send(m);
        }
        for (int n = 0; n < 3000; n++) {
            Message m = slow.receive(5000);
            assertNotNull(m, "message " + n);
            assertEquals(n, m.getIntProperty("n"));
        }
    }

    @Test
    @DisplayName("noLocal: a subscriber does not get what its own connection publishes (spec 6.11.1)")
    void noLocalSubscriberDoesNotReceiveItsOwnConnectionsMessages() throws Exception {
        String name = uniqueName();
        Connection mine = startedConnection();
        Connection other = startedConnection();
        Session s = mine.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = s.createTopic(name);
        MessageConsumer noLocal = s.createConsumer(t, null, true);
        s.createProducer(t).send(s.createTextMessage("local"));
        Session os = other.createSession(false, Session.AUTO_ACKNOWLEDGE);
        os.createProducer(t).send(os.createTextMessage("remote"));
        assertEquals("remote", ((TextMessage) noLocal.receive(5000)).getText());
        assertNull(noLocal.receive(200));
    }
}
