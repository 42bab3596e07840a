package io.wrenmq.tck;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jakarta Messaging 3.1, chapter 4.1 and 6: the point-to-point domain. */
@DisplayName("Queues (spec 4.1, 6)")
class QueueTest extends JmsTestSupport {

    @Test
    @DisplayName("messages sent while no consumer exists wait in the queue")
    void messagesSentBeforeAnyConsumerWaitInTheQueue() throws Exception {
        String name = uniqueName();
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(name);
        MessageProducer p = s.createProducer(q);
        for (int i = 0; i < 5; i++) {
            p.send(s.createTextMessage("m" + i));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.queueDepth(name) == 5);

        MessageConsumer consumer = s.createConsumer(q);
        c.start();
        for (int i = 0; i < 5; i++) {
            TextMessage m = (TextMessage) consumer.receive(5000);
            assertNotNull(m, "message " + i);
            assertEquals("m" + i, m.getText());
        }
        assertNull(consumer.receiveNoWait());
    }

    @Test
    @DisplayName("each message goes to exactly one of the consumers, round-robin")
    void eachMessageGoesToExactlyOneConsumerRoundRobin() throws Exception {
        String name = uniqueName();
        Connection c = connection("prefetch=1");
        c.start();
        Session s1 = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session s2 = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer a = s1.createConsumer(s1.createQueue(name));
        MessageConsumer b = s2.createConsumer(s2.createQueue(name));
        Session ps = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = ps.createProducer(ps.createQueue(name));
        for (int i = 0; i < 10; i++) {
            p.send(ps.createTextMessage("m" + i));
        }
        List<String> fromA = new ArrayList<>();
        List<String> fromB = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fromA.add(((TextMessage) a.receive(5000)).getText());
            fromB.add(((TextMessage) b.receive(5000)).getText());
        }
        assertNull(a.receive(200));
        assertNull(b.receive(200));
        List<String> all = new ArrayList<>(fromA);
        all.addAll(fromB);
        all.sort(null);
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"), all);
        assertEquals(5, fromA.size());
    }

    @Test
    @DisplayName("a message is removed from the queue once acknowledged")
    void acknowledgedMessageIsRemovedFromTheQueue() throws Exception {
        String name = uniqueName();
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = s.createQueue(name);
        s.createProducer(q).send(s.createTextMessage("x"));
        MessageConsumer consumer = s.createConsumer(q);
        Message m = consumer.receive(5000);
        assertNotNull(m);
        assertEquals(1, Broker.queueDepth(name), "delivered but unacknowledged: still held");
        m.acknowledge();
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.queueDepth(name) == 0);
    }

    @Test
    @DisplayName("order is kept per producer (spec 6.2.9.1)")
    void orderIsKeptPerProducer() throws Exception {
        String name = uniqueName();
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(name);
        MessageProducer persistent = s.createProducer(q);
        MessageProducer fast = s.createProducer(q);
        fast.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        for (int i = 0; i < 200; i++) {
            TextMessage m = s.createTextMessage(String.valueOf(i));
            m.setStringProperty("producer", i % 2 == 0 ? "p" : "f");
            (i % 2 == 0 ? persistent : fast).send(m);
        }
        MessageConsumer consumer = s.createConsumer(q);
        Map<String, Integer> last = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            TextMessage m = (TextMessage) consumer.receive(5000);
            assertNotNull(m);
            int n = Integer.parseInt(m.getText());
            String producer = m.getStringProperty("producer");
            Integer prev = last.put(producer, n);
            assertTrue(prev == null || prev < n, producer + ": " + n + " after " + prev);
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    @DisplayName("10 producers and 10 consumers exchange 100,000 messages, none lost or duplicated")
    void tenProducersTenConsumersHundredThousandMessagesNoneLostOrDuplicated() throws Exception {
        String name = uniqueName();
        int producers = 10;
        int consumers = 10;
        int perProducer = 10_000;
        int total = producers * perProducer;
        ConcurrentHashMap<Integer, Boolean> seen = new ConcurrentHashMap<>();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger received = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(producers + consumers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < consumers; i++) {
                Connection c = startedConnection();
                futures.add(pool.submit(() -> {
                    Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    MessageConsumer consumer = s.createConsumer(s.createQueue(name));
                    while (received.get() < total) {
                        Message m = consumer.receive(100);
                        if (m != null) {
                            if (seen.put(m.getIntProperty("id"), Boolean.TRUE) != null) {
                                duplicates.incrementAndGet();
                            }
                            received.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (int i = 0; i < producers; i++) {
                int base = i * perProducer;
                Connection c = connection();
                futures.add(pool.submit(() -> {
                    Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    MessageProducer p = s.createProducer(s.createQueue(name));
                    p.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
                    for (int k = 0; k < perProducer; k++) {
                        Message m = s.createMessage();
                        m.setIntProperty("id", base + k);
                        p.send(m);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(200, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, duplicates.get(), "duplicates");
        assertEquals(total, seen.size(), "distinct messages received");
        await().atMost(Duration.ofSeconds(10)).until(() -> Broker.queueDepth(name) == 0);
    }

    @Test
    @DisplayName("a queue consumer created by another session of another connection shares the messages")
    void consumersOnSeveralConnectionsShareTheQueue() throws JMSException {
        String name = uniqueName();
        Connection c1 = startedConnection();
        Connection c2 = startedConnection();
        Session s1 = c1.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session s2 = c2.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer a = s1.createConsumer(s1.createQueue(name));
        s2.createProducer(s2.createQueue(name)).send(s2.createTextMessage("only one"));
        assertNotNull(a.receive(5000));
        MessageConsumer b = s2.createConsumer(s2.createQueue(name));
        assertNull(b.receive(300));
    }
}
