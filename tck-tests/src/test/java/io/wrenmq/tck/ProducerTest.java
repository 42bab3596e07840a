package io.wrenmq.tck;

import io.wrenmq.broker.core.DestinationStats;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jakarta Messaging 3.1, chapter 7: sending messages with a MessageProducer. */
@DisplayName("MessageProducer (spec 7)")
class ProducerTest extends JmsTestSupport {

    private static List<String> texts(MessageConsumer consumer, int n) throws JMSException {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Message m = consumer.receive(5000);
            assertNotNull(m, "message " + i + " of " + n);
            got.add(((TextMessage) m).getText());
        }
        return got;
    }

    @Test
    @DisplayName("7.2, 7.3: every send method of a producer with a destination delivers, with the delivery "
            + "options given")
    void everySendOfAnIdentifiedProducerDelivers() throws Exception {
        Session s = startedConnection().createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        MessageConsumer consumer = s.createConsumer(q);
        MessageProducer p = s.createProducer(q);
        Completions completions = new Completions();
        p.send(s.createTextMessage("send(m)"));
        p.send(s.createTextMessage("send(m, mode, prio, ttl)"), DeliveryMode.NON_PERSISTENT, 7, 60_000);
        p.send(s.createTextMessage("send(m, listener)"), completions);
        p.send(s.createTextMessage("send(m, mode, prio, ttl, listener)"), DeliveryMode.NON_PERSISTENT, 2, 0,
                completions);

        Message m1 = consumer.receive(5000);
        assertEquals("send(m)", ((TextMessage) m1).getText());
        assertEquals(DeliveryMode.PERSISTENT, m1.getJMSDeliveryMode());
        assertEquals(Message.DEFAULT_PRIORITY, m1.getJMSPriority());
        assertEquals(0, m1.getJMSExpiration());
        Message m2 = consumer.receive(5000);
        assertEquals("send(m, mode, prio, ttl)", ((TextMessage) m2).getText());
        assertEquals(DeliveryMode.NON_PERSISTENT, m2.getJMSDeliveryMode());
        assertEquals(7, m2.getJMSPriority());
        assertTrue(m2.getJMSExpiration() > 0);
        // Priority 2 may fall behind priority 4: take both and compare as a set.
        List<String> rest = texts(consumer, 2);
        rest.sort(null);
        assertEquals(List.of("send(m, listener)", "send(m, mode, prio, ttl, listener)"), rest);
        await().atMost(Duration.ofSeconds(5)).until(() -> completions.texts.size() == 2);
        assertEquals(List.of("send(m, listener)", "send(m, mode, prio, ttl, listener)"), completions.texts);
        assertTrue(completions.failures.isEmpty());
    }

    @Test
    @DisplayName("7.1, 7.2, 7.3: every send method of an unidentified producer delivers to the destination named")
    void everySendOfAnUnidentifiedProducerDelivers() throws Exception {
        Session s = startedConnection().createSession(Session.AUTO_ACKNOWLEDGE);
        Queue a = s.createQueue(uniqueName());
        Queue b = s.createQueue(uniqueName());
        MessageProducer p = s.createProducer(null);
        assertNull(p.getDestination());
        Completions completions = new Completions();
        p.send(a, s.createTextMessage("a1"));
        p.send(b, s.createTextMessage("b1"), DeliveryMode.NON_PERSISTENT, 4, 0);
        p.send(a, s.createTextMessage("a2"), completions);
        p.send(b, s.createTextMessage("b2"), DeliveryMode.PERSISTENT, 4, 0, completions);

        MessageConsumer fromA = s.createConsumer(a);
        Message a1 = fromA.receive(5000);
        assertEquals("a1", text(a1));
        assertEquals(a, a1.getJMSDestination());
        assertEquals("a2", text(fromA.receive(5000)));
        MessageConsumer fromB = s.createConsumer(b);
        Message b1 = fromB.receive(5000);
        assertEquals("b1", text(b1));
        assertEquals(DeliveryMode.NON_PERSISTENT, b1.getJMSDeliveryMode());
        assertEquals("b2", text(fromB.receive(5000)));
        await().atMost(Duration.ofSeconds(5)).until(() -> completions.texts.size() == 2);
        assertEquals(List.of("a2", "b2"), completions.texts);
    }

    @Test
    @DisplayName("7.1: mixing the two kinds of send is UnsupportedOperationException; no destination at all is "
            + "InvalidDestinationException")
    void sendMustMatchTheKindOfProducer() throws Exception {
        Session s = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        MessageProducer identified = s.createProducer(q);
        MessageProducer unidentified = s.createProducer(null);
        Message m = s.createMessage();
        CompletionListener ignored = new Completions();
        assertAll(
                () -> assertThrows(UnsupportedOperationException.class, () -> identified.send(q, m)),
                () -> assertThrows(UnsupportedOperationException.class,
                        () -> identified.send(q, m, DeliveryMode.PERSISTENT, 4, 0)),
                () -> assertThrows(UnsupportedOperationException.class, () -> identified.send(q, m, ignored)),
                () -> assertThrows(UnsupportedOperationException.class, () -> unidentified.send(m)),
                () -> assertThrows(UnsupportedOperationException.class,
                        () -> unidentified.send(m, DeliveryMode.PERSISTENT, 4, 0)),
                () -> assertThrows(UnsupportedOperationException.class, () -> unidentified.send(m, ignored)),
                () -> assertThrows(InvalidDestinationException.class, () -> unidentified.send(null, m)),
                () -> assertThrows(InvalidDestinationException.class,
                        () -> unidentified.send(null, m, DeliveryMode.PERSISTENT, 4, 0)));
        assertEquals(0, Broker.queueDepth(q.getQueueName()));
    }

    @Test
    @DisplayName("7.4: a producer's defaults are PERSISTENT, priority 4, no time to live, no delay, IDs and "
            + "timestamps on; its setters change what its messages carry")
    void producerDefaultsAndSetters() throws Exception {
        Session s = startedConnection().createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        MessageProducer p = s.createProducer(q);
        assertEquals(q, p.getDestination());
        assertEquals(DeliveryMode.PERSISTENT, p.getDeliveryMode());
        assertEquals(Message.DEFAULT_PRIORITY, p.getPriority());
        assertEquals(Message.DEFAULT_TIME_TO_LIVE, p.getTimeToLive());
        assertEquals(Message.DEFAULT_DELIVERY_DELAY, p.getDeliveryDelay());
        assertFalse(p.getDisableMessageID());
        assertFalse(p.getDisableMessageTimestamp());

        p.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        p.setPriority(9);
        p.setTimeToLive(60_000);
        assertEquals(DeliveryMode.NON_PERSISTENT, p.getDeliveryMode());
        assertEquals(9, p.getPriority());
        assertEquals(60_000, p.getTimeToLive());
        TextMessage sent = s.createTextMessage("configured");
        long before = System.currentTimeMillis();
        p.send(sent);
        long after = System.currentTimeMillis();
        // 3.4.11: the provider sets these on the message object the application sent, too.
        assertEquals(DeliveryMode.NON_PERSISTENT, sent.getJMSDeliveryMode());
        assertEquals(9, sent.getJMSPriority());
        assertTrue(sent.getJMSTimestamp() >= before && sent.getJMSTimestamp() <= after);
        assertEquals(sent.getJMSTimestamp() + 60_000, sent.getJMSExpiration());

        Message got = s.createConsumer(q).receive(5000);
        assertEquals(DeliveryMode.NON_PERSISTENT, got.getJMSDeliveryMode());
        assertEquals(9, got.getJMSPriority());
        assertEquals(sent.getJMSExpiration(), got.getJMSExpiration());
        assertEquals(sent.getJMSMessageID(), got.getJMSMessageID());
    }

    @Test
    @DisplayName("7.4, 3.4.10: a priority outside 0..9 or an unknown delivery mode is refused, and nothing is sent")
    void invalidPriorityAndDeliveryModeAreRefused() throws Exception {
        Session s = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        MessageProducer p = s.createProducer(q);
        Message m = s.createMessage();
        assertAll(
                () -> assertThrows(JMSException.class, () -> p.setPriority(10)),
                () -> assertThrows(JMSException.class, () -> p.setPriority(-1)),
                () -> assertThrows(JMSException.class, () -> p.setDeliveryMode(0)),
                () -> assertThrows(JMSException.class, () -> p.send(m, DeliveryMode.PERSISTENT, 10, 0)),
                () -> assertThrows(JMSException.class, () -> p.send(m, 3, 4, 0)));
        assertEquals(Message.DEFAULT_PRIORITY, p.getPriority());
        assertEquals(DeliveryMode.PERSISTENT, p.getDeliveryMode());
        assertEquals(0, Broker.queueDepth(q.getQueueName()));
    }

    @Test
    @DisplayName("7.8, 3.4.9: time to live sets JMSExpiration; a message that expired before delivery is not "
            + "delivered")
    void expiredMessageIsNotDelivered() throws Exception {
        String name = uniqueName();
        Session s = startedConnection().createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(name);
        MessageProducer p = s.createProducer(q);
        TextMessage shortLived = s.createTextMessage("short-lived");
        p.send(shortLived, DeliveryMode.PERSISTENT, 4, 200);
        assertEquals(shortLived.getJMSTimestamp() + 200, shortLived.getJMSExpiration());
        p.send(s.createTextMessage("lasting"));
        await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() > shortLived.getJMSExpiration());

        MessageConsumer consumer = s.createConsumer(q);
        assertEquals("lasting", ((TextMessage) consumer.receive(5000)).getText());
        assertNull(consumer.receive(200));
        assertEquals(1, Broker.queueStats(name).map(DestinationStats::expired).orElse(0L));
    }

    @Test
    @DisplayName("3.4.3, 3.4.4: message IDs start with ID: and differ; disabled IDs and timestamps are null and 0")
    void messageIdsAndTimestampsCanBeDisabled() throws Exception {
        Session s = startedConnection().createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        MessageProducer p = s.createProducer(q);
        MessageConsumer consumer = s.createConsumer(q);
        p.send(s.createTextMessage("one"));
        p.send(s.createTextMessage("two"));
        Message one = consumer.receive(5000);
        Message two = consumer.receive(5000);
        assertTrue(one.getJMSMessageID().startsWith("ID:"), one.getJMSMessageID());
        assertNotEquals(one.getJMSMessageID(), two.getJMSMessageID());
        assertTrue(one.getJMSTimestamp() > 0);

        p.setDisableMessageID(true);
        p.setDisableMessageTimestamp(true);
        assertTrue(p.getDisableMessageID());
        assertTrue(p.getDisableMessageTimestamp());
        TextMessage bare = s.createTextMessage("bare");
        p.send(bare);
        assertNull(bare.getJMSMessageID());
        assertEquals(0, bare.getJMSTimestamp());
        Message got = consumer.receive(5000);
        assertEquals("bare", ((TextMessage) got).getText());
        assertNull(got.getJMSMessageID());
        assertEquals(0, got.getJMSTimestamp());
    }

    @Test
    @DisplayName("7.1: close is idempotent; a closed producer throws IllegalStateException")
    void closedProducerRefusesEverything() throws Exception {
        Session s = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        MessageProducer p = s.createProducer(q);
        p.close();
        p.close();
        Message m = s.createMessage();
        assertAll(
                () -> assertThrows(IllegalStateException.class, () -> p.send(m)),
                () -> assertThrows(IllegalStateException.class, () -> p.send(m, new Completions())),
                () -> assertThrows(IllegalStateException.class, p::getDestination),
                () -> assertThrows(IllegalStateException.class, p::getDeliveryMode),
                () -> assertThrows(IllegalStateException.class, () -> p.setPriority(5)),
                () -> assertThrows(IllegalStateException.class, () -> p.setTimeToLive(5)),
                () -> assertThrows(IllegalStateException.class, () -> p.setDisableMessageID(true)));
        assertEquals(0, Broker.queueDepth(q.getQueueName()));
    }

    @Test
    @DisplayName("7.2: a PERSISTENT send returns once the broker holds the message")
    void persistentSendReturnsOnceTheBrokerHasTheMessage() throws Exception {
        String name = uniqueName();
        Session s = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(s.createQueue(name));
        for (int i = 1; i <= 3; i++) {
            p.send(s.createTextMessage("m" + i));
            assertEquals(i, Broker.queueDepth(name), "the broker's depth right after send " + i + " returned");
        }
    }

    @Test
    @DisplayName("6.2.9.2: NON_PERSISTENT messages of each producer arrive in the order sent, however they "
            + "interleave")
    void nonPersistentOrderIsKeptPerProducer() throws Exception {
        String name = uniqueName();
        int perProducer = 500;
        List<MessageProducer> producers = new ArrayList<>();
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Session s = connection().createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(name));
            p.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            producers.add(p);
            sessions.add(s);
        }
        for (int n = 0; n < perProducer; n++) {
            for (int i = 0; i < producers.size(); i++) {
                Message m = sessions.get(i).createMessage();
                m.setIntProperty("producer", i);
                m.setIntProperty("n", n);
                producers.get(i).send(m);
            }
        }
        Session rs = startedConnection().createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = rs.createConsumer(rs.createQueue(name));
        Map<Integer, Integer> next = new HashMap<>();
        for (int k = 0; k < perProducer * producers.size(); k++) {
            Message m = consumer.receive(5000);
            assertNotNull(m, "message " + k);
            int producer = m.getIntProperty("producer");
            int expected = next.getOrDefault(producer, 0);
            assertEquals(expected, m.getIntProperty("n"), "order of producer " + producer);
            next.put(producer, expected + 1);
        }
        assertNull(consumer.receive(100));
    }

    @Test
    @DisplayName("3.4.11 / README: a message larger than the broker's frame limit is refused with "
            + "ResourceAllocationException before anything is sent; the connection carries on")
    void oversizedMessageIsRefusedBeforeSending() throws Exception {
        String name = uniqueName();
        Connection c = startedConnection();
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(name);
        MessageProducer p = s.createProducer(q);
        BytesMessage big = s.createBytesMessage();
        big.writeBytes(new byte[Broker.get().config().maxFrameSize()]);
        assertThrows(ResourceAllocationException.class, () -> p.send(big));
        p.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        assertThrows(ResourceAllocationException.class, () -> p.send(big));
        assertEquals(0, Broker.queueDepth(name));

        int half = Broker.get().config().maxFrameSize() / 2;
        BytesMessage fits = s.createBytesMessage();
        fits.writeBytes(new byte[half]);
        p.send(fits);
        p.send(s.createTextMessage("after"));
        MessageConsumer consumer = s.createConsumer(q);
        assertEquals(half, ((BytesMessage) consumer.receive(5000)).getBodyLength());
        assertEquals("after", ((TextMessage) consumer.receive(5000)).getText());
    }

    @Test
    @DisplayName("7.3.8: CompletionListener callbacks come once per send, in send order, never on the sending thread")
    void completionCallbacksComeInOrderOnAnotherThread() throws Exception {
        Session s = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        MessageProducer p = s.createProducer(q);
        Completions completions = new Completions();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String t = "m" + i;
            expected.add(t);
            p.send(s.createTextMessage(t), i % 2 == 0 ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT,
                    4, 0, completions);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> completions.texts.size() == 20);
        assertEquals(expected, completions.texts);
        assertTrue(completions.failures.isEmpty());
        assertFalse(completions.threads.contains(Thread.currentThread()),
                "a CompletionListener was called on the thread that called send");
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.queueDepth(q.getQueueName()) == 20);
    }

    @Test
    @DisplayName("7.3.4: closing the producer waits for its CompletionListener callbacks to return")
    void closeWaitsForCompletionCallbacks() throws Exception {
        Session s = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(s.createQueue(uniqueName()));
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean callbackReturned = new AtomicBoolean();
        p.send(s.createTextMessage("slow callback"), Completions.returningAfter(release, callbackReturned));
        releaseWhenBlocked(release, p::close);
        assertTrue(callbackReturned.get(), "close() returned before the CompletionListener did");
    }

    @Test
    @DisplayName("7.3.4: a CompletionListener that closes its own producer, session or connection gets "
            + "IllegalStateException")
    void completionListenerMayNotCloseItsOwnObjects() throws Exception {
        Connection c = connection();
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(s.createQueue(uniqueName()));
        List<Class<?>> outcomes = new CopyOnWriteArrayList<>();
        p.send(s.createTextMessage("x"), Completions.recordingOutcomesOf(outcomes, p::close, s::close, c::close));
        await().atMost(Duration.ofSeconds(5)).until(() -> outcomes.size() == 3);
        assertEquals(List.of(IllegalStateException.class, IllegalStateException.class, IllegalStateException.class),
                outcomes);
        p.send(s.createTextMessage("still open"));
    }

    @Test
    @DisplayName("7.3.4: a CompletionListener that commits or rolls back its own session gets IllegalStateException; "
            + "the transaction then commits as usual")
    void completionListenerMayNotEndItsSessionsTransaction() throws Exception {
        Connection c = connection();
        Session s = c.createSession(Session.SESSION_TRANSACTED);
        Queue q = s.createQueue(uniqueName());
        MessageProducer p = s.createProducer(q);
        List<Class<?>> outcomes = new CopyOnWriteArrayList<>();
        p.send(s.createTextMessage("in the transaction"),
                Completions.recordingOutcomesOf(outcomes, s::commit, s::rollback));
        await().atMost(Duration.ofSeconds(5)).until(() -> outcomes.size() == 2);
        assertEquals(List.of(IllegalStateException.class, IllegalStateException.class), outcomes);
        s.commit();
        Session reader = startedConnection().createSession(Session.AUTO_ACKNOWLEDGE);
        assertEquals("in the transaction", ((TextMessage) reader.createConsumer(q).receive(5000)).getText());
    }

    @Test
    @DisplayName("7.3.2: an asynchronous send the broker refuses is reported as an exception, never as a completion")
    void brokerRefusalIsReportedToOnException() throws Exception {
        Connection owner = connection();
        Destination temp = owner.createSession(Session.AUTO_ACKNOWLEDGE).createTemporaryQueue();
        owner.close();
        Session s = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(null);
        Completions completions = new Completions();
        try {
            p.send(temp, s.createTextMessage("nowhere"), completions);
            await().atMost(Duration.ofSeconds(5)).until(() -> completions.failures.size() == 1);
            assertTrue(completions.failures.get(0) instanceof InvalidDestinationException,
                    completions.failures.get(0).toString());
        } catch (InvalidDestinationException thrownBySend) {
            // Also allowed: reported in the sending thread, and then to no callback at all.
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                    .until(() -> completions.failures.isEmpty());
        }
        assertTrue(completions.texts.isEmpty(), "onCompletion for a message the broker refused");
    }
}
