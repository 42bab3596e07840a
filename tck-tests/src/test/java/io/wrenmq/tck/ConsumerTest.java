package io.wrenmq.tck;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jakarta Messaging 3.1, section 8.? / 4.4 (MessageConsumer): synchronous and asynchronous delivery. */
@DisplayName("MessageConsumer: receive and listeners (spec 8.5, 8.6, 8.7)")
class ConsumerTest extends JmsTestSupport {

    @Test
    @DisplayName("receive(timeout) returns null when nothing arrives in time")
    void receiveWithTimeoutReturnsNullWhenNothingArrives() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(s.createQueue(uniqueName()));
        long t0 = System.nanoTime();
        assertNull(consumer.receive(300));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(250), "waited about the timeout");
        assertNull(consumer.receiveNoWait());
    }

    @Test
    @DisplayName("receive() blocks until a message arrives")
    void receiveBlocksUntilAMessageArrives() throws Exception {
        String name = uniqueName();
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(s.createQueue(name));
        CompletableFuture<Message> got = CompletableFuture.supplyAsync(() -> {
            try {
                return consumer.receive();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Session ps = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        ps.createProducer(ps.createQueue(name)).send(ps.createTextMessage("late"));
        assertEquals("late", ((TextMessage) got.get(5, TimeUnit.SECONDS)).getText());
    }

    @Test
    @DisplayName("a receive blocked in another thread returns null when the consumer closes")
    void blockedReceiveReturnsNullWhenConsumerCloses() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(s.createQueue(uniqueName()));
        CompletableFuture<Message> got = blockedReceive(consumer, 0);
        consumer.close();
        assertNull(got.get(5, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("prefetch 0: receiveNoWait asks the broker and gets a waiting message")
    void prefetchZeroReceiveNoWaitAsksTheBroker() throws Exception {
        String name = uniqueName();
        Connection c = connection("prefetch=0");
        c.start();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(name);
        s.createProducer(q).send(s.createTextMessage("waiting"));
        MessageConsumer consumer = s.createConsumer(q);
        assertEquals("waiting", ((TextMessage) consumer.receiveNoWait()).getText());
        assertNull(consumer.receiveNoWait());
        assertNull(consumer.receive(200));
    }

    @Test
    @DisplayName("with a prefetch window, receiveNoWait right after createConsumer gets the messages that wait")
    void receiveNoWaitOnANewConsumerGetsWaitingMessages() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        for (int i = 0; i < 5; i++) {
            Queue q = s.createQueue(uniqueName());
            s.createProducer(q).send(s.createTextMessage("waiting " + i));
            MessageConsumer consumer = s.createConsumer(q);
            Message m = consumer.receiveNoWait();
            assertEquals("waiting " + i, m == null ? null : ((TextMessage) m).getText(), "queue " + i);
            consumer.close();
        }
    }

    @Test
    @DisplayName("prefetch 0: a consumer holds nothing it did not ask for")
    void prefetchZeroConsumerHoldsNothingUnasked() throws Exception {
        String name = uniqueName();
        Connection pull = connection("prefetch=0");
        pull.start();
        Session s = pull.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(name);
        MessageConsumer idle = s.createConsumer(q);
        MessageProducer p = s.createProducer(q);
        p.send(s.createTextMessage("one"));
        p.send(s.createTextMessage("two"));
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.queueDepth(name) == 2);

        Connection other = startedConnection();
        Session os = other.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer taker = os.createConsumer(q);
        assertEquals("one", ((TextMessage) taker.receive(5000)).getText());
        assertEquals("two", ((TextMessage) taker.receive(5000)).getText());
        assertNull(idle.receiveNoWait());
    }

    @Test
    @DisplayName("a MessageListener receives messages pushed by the broker")
    void listenerReceivesPushedMessages() throws Exception {
        String name = uniqueName();
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(name);
        List<String> got = new CopyOnWriteArrayList<>();
        s.createConsumer(q).setMessageListener(m -> {
            try {
                got.add(((TextMessage) m).getText());
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        MessageProducer p = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createProducer(q);
        Session ps = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        for (int i = 0; i < 20; i++) {
            p.send(ps.createTextMessage("m" + i));
        }
        c.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 20);
        for (int i = 0; i < 20; i++) {
            assertEquals("m" + i, got.get(i));
        }
    }

    @Test
    @DisplayName("prefetch 0 with a MessageListener: every message still arrives")
    void prefetchZeroListenerGetsEveryMessage() throws Exception {
        String name = uniqueName();
        Connection c = connection("prefetch=0");
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(name);
        MessageProducer p = s.createProducer(q);
        for (int i = 0; i < 10; i++) {
            p.send(s.createTextMessage("m" + i));
        }
        List<String> got = new CopyOnWriteArrayList<>();
        Session ls = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        ls.createConsumer(q).setMessageListener(m -> {
            try {
                got.add(((TextMessage) m).getText());
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        c.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 10);
        assertEquals("m0", got.get(0));
        assertEquals("m9", got.get(9));
    }

    @Test
    @DisplayName("listeners of one session are never called concurrently (spec 6.2.1)")
    void listenersOfOneSessionAreSerialized() throws Exception {
        String a = uniqueName();
        String b = uniqueName();
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        int[] inside = {0};
        int[] maxInside = {0};
        CountDownLatch all = new CountDownLatch(200);
        jakarta.jms.MessageListener l = m -> {
            synchronized (inside) {
                maxInside[0] = Math.max(maxInside[0], ++inside[0]);
            }
            Thread.onSpinWait();
            synchronized (inside) {
                inside[0]--;
            }
            all.countDown();
        };
        s.createConsumer(s.createQueue(a)).setMessageListener(l);
        s.createConsumer(s.createQueue(b)).setMessageListener(l);
        c.start();
        Session ps = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = ps.createProducer(null);
        for (int i = 0; i < 100; i++) {
            p.send(ps.createQueue(a), ps.createMessage());
            p.send(ps.createQueue(b), ps.createMessage());
        }
        assertTrue(all.await(10, TimeUnit.SECONDS));
        assertEquals(1, maxInside[0]);
    }

    @Test
    @DisplayName("a listener that blocks holds up neither the listeners of other sessions of its connection nor the "
            + "receipt of its own synchronous send")
    void aBlockedListenerHoldsUpNoOtherSession() throws Exception {
        String a = uniqueName();
        String b = uniqueName();
        Connection c = connection();
        CountDownLatch otherSessionCalled = new CountDownLatch(1);
        CompletableFuture<Boolean> blockedListener = new CompletableFuture<>();
        Session sa = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer fromListener = sa.createProducer(sa.createQueue(uniqueName()));
        sa.createConsumer(sa.createQueue(a)).setMessageListener(m -> {
            try {
                // A persistent send returns only once the broker's receipt has been read.
                fromListener.send(sa.createTextMessage("sent from a listener"));
                blockedListener.complete(otherSessionCalled.await(10, TimeUnit.SECONDS));
            } catch (Exception e) {
                blockedListener.completeExceptionally(e);
            }
        });
        Session sb = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        sb.createConsumer(sb.createQueue(b)).setMessageListener(m -> otherSessionCalled.countDown());
        c.start();
        // From another connection, so that each delivery arrives alone, as a request to a service does.
        Session ps = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = ps.createProducer(null);
        p.send(ps.createQueue(a), ps.createMessage());
        p.send(ps.createQueue(b), ps.createMessage());
        assertTrue(blockedListener.get(15, TimeUnit.SECONDS),
                "the other session's listener was not called while the first one waited");
    }

    @Test
    @DisplayName("listeners of eight sessions on one connection, each answering every message with a synchronous "
            + "persistent send, answer all 1,600 messages exactly once")
    void manyListenerSessionsOnOneConnectionEachSendSynchronously() throws Exception {
        int sessions = 8;
        int perSession = 200;
        String replies = uniqueName();
        Connection services = connection();
        List<String> queues = new CopyOnWriteArrayList<>();
        for (int i = 0; i < sessions; i++) {
            String q = uniqueName() + "." + i;
            queues.add(q);
            Session s = services.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer answer = s.createProducer(s.createQueue(replies));
            s.createConsumer(s.createQueue(q)).setMessageListener(m -> {
                try {
                    answer.send(s.createTextMessage(text(m)));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
        }
        services.start();
        // Bursts and single messages alike: the reading thread hands itself over for some, the pool runs others.
        Session ps = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = ps.createProducer(null);
        p.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        for (int n = 0; n < perSession; n++) {
            for (int i = 0; i < sessions; i++) {
                p.send(ps.createQueue(queues.get(i)), ps.createTextMessage(i + ":" + n));
            }
        }
        Connection client = startedConnection();
        MessageConsumer rc = client.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(
                ps.createQueue(replies));
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < sessions * perSession; k++) {
            Message m = rc.receive(30_000);
            assertNotNull(m, "replies so far: " + seen.size());
            assertTrue(seen.add(text(m)), "answered twice: " + text(m));
        }
        assertNull(rc.receive(200));
    }

    @Test
    @DisplayName("receive on a consumer with a MessageListener is refused")
    void receiveWithListenerIsRefused() throws Exception {
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(s.createQueue(uniqueName()));
        consumer.setMessageListener(m -> { });
        assertThrows(IllegalStateException.class, () -> consumer.receive(10));
    }

    @Test
    @DisplayName("a consumer may close itself from its own listener")
    void consumerMayCloseItselfFromItsListener() throws Exception {
        String name = uniqueName();
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(name);
        MessageProducer p = s.createProducer(q);
        p.send(s.createTextMessage("first"));
        p.send(s.createTextMessage("second"));
        MessageConsumer consumer = s.createConsumer(q);
        List<String> got = new CopyOnWriteArrayList<>();
        consumer.setMessageListener(m -> {
            try {
                got.add(((TextMessage) m).getText());
                consumer.close();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        c.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 1);
        MessageConsumer next = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q);
        Message second = next.receive(5000);
        assertNotNull(second);
        assertEquals("second", ((TextMessage) second).getText());
        assertNull(next.receive(200), "the first was acknowledged when its listener returned");
    }

    @Test
    @DisplayName("operations on a closed consumer throw IllegalStateException; close is idempotent")
    void closedConsumerRefusesOperations() throws Exception {
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(s.createQueue(uniqueName()));
        consumer.close();
        consumer.close();
        assertThrows(IllegalStateException.class, consumer::receiveNoWait);
        assertThrows(IllegalStateException.class, consumer::getMessageSelector);
        assertThrows(IllegalStateException.class, () -> consumer.setMessageListener(null));
    }

    @Test
    @DisplayName("createConsumer with a null destination throws InvalidDestinationException")
    void nullDestinationIsInvalid() throws Exception {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidDestinationException.class, () -> s.createConsumer(null));
    }
}
