package io.wrenmq.tck;

import io.wrenmq.broker.WrenBroker;
import io.wrenmq.broker.core.DestinationStats;
import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flow control, as the README's Design section promises: a consumer's credit window ({@code prefetch}) bounds what
 * the broker pushes to it, {@code prefetch=0} is pure pull, and a destination over its memory limit pages
 * persistent messages to the store and holds the producers of the others back, instead of dropping or refusing
 * messages.
 */
@DisplayName("Flow control: prefetch windows and producer back-pressure")
class FlowControlTest extends JmsTestSupport {

    private static DestinationStats stats(String queue) {
        return Broker.queueStats(queue).orElseThrow();
    }

    private static void sendNumbered(Session s, Queue q, int count) throws JMSException {
        MessageProducer p = s.createProducer(q);
        p.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        for (int n = 0; n < count; n++) {
            Message m = s.createMessage();
            m.setIntProperty("n", n);
            p.send(m);
        }
    }

    /** Receives {@code count} messages numbered {@code from} onwards, in order. */
    private static void receiveNumbered(MessageConsumer consumer, int from, int count) throws JMSException {
        for (int n = from; n < from + count; n++) {
            Message m = consumer.receive(5000);
            assertNotNull(m, "message " + n);
            assertEquals(n, m.getIntProperty("n"));
        }
    }

    @Test
    @DisplayName("a consumer that does not receive holds exactly its prefetch window; the rest goes to others")
    void consumerHoldsNoMoreThanItsPrefetchWindow() throws Exception {
        String name = uniqueName();
        Connection windowed = connection("prefetch=10");
        windowed.start();
        Session s = windowed.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(name);
        MessageConsumer idle = s.createConsumer(q);
        sendNumbered(s, q, 100);
        await().atMost(Duration.ofSeconds(5)).until(() -> stats(name).enqueued() == 100);
        await().atMost(Duration.ofSeconds(5)).until(() -> stats(name).inFlight() == 10);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> stats(name).inFlight() == 10);

        Session other = startedConnection().createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer taker = other.createConsumer(q);
        receiveNumbered(taker, 10, 90);
        assertNull(taker.receive(200));

        receiveNumbered(idle, 0, 10);
        assertNull(idle.receiveNoWait());
        await().atMost(Duration.ofSeconds(5)).until(() -> stats(name).depth() == 0);
    }

    @Test
    @DisplayName("prefetch 0: a consumer holds only the one message it asked for; another consumer takes the rest")
    void pullConsumerHoldsOnlyWhatItAskedFor() throws Exception {
        String name = uniqueName();
        Connection pull = connection("prefetch=0");
        pull.start();
        Session s = pull.createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue q = s.createQueue(name);
        sendNumbered(s, q, 5);
        MessageConsumer puller = s.createConsumer(q);
        Message first = puller.receive(5000);
        assertEquals(0, first.getIntProperty("n"));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> stats(name).inFlight() == 1 && stats(name).depth() == 5);

        Session other = startedConnection().createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer taker = other.createConsumer(q);
        receiveNumbered(taker, 1, 4);
        assertNull(taker.receive(200));
        first.acknowledge();
        await().atMost(Duration.ofSeconds(5)).until(() -> stats(name).depth() == 0);
    }

    @ParameterizedTest(name = "persistent broker={0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("a producer of non-persistent messages (or of any message, on a broker without a store) to a "
            + "queue over its memory limit waits until consumers catch up, however long past the request timeout; "
            + "nothing is lost, nothing duplicated")
    void producerIsHeldBackWhileTheQueueIsFull(boolean persistentBroker) throws Exception {
        int deliveryMode = persistentBroker ? DeliveryMode.NON_PERSISTENT : DeliveryMode.PERSISTENT;
        int limit = 32 * 1024;
        int sendWindow = 4 * 1024;
        int total = 300;
        try (WrenBroker small = Broker.startDedicated(b -> b.maxFrameSize(16 * 1024)
                .maxDestinationMemory(limit).sendWindow(sendWindow).persistent(persistentBroker))) {
            // A request timeout far shorter than the hold: a held send must not give up on a message the broker has.
            ConnectionFactory f = new WrenConnectionFactory(Broker.url(small, "requestTimeout=200"));
            String name = uniqueName();
            Session ps = track(f.createConnection()).createSession(Session.AUTO_ACKNOWLEDGE);
            Queue q = ps.createQueue(name);
            MessageProducer p = ps.createProducer(q);
            p.setDeliveryMode(deliveryMode);
            NumberedSender sender = new NumberedSender(ps, p, total, 1000);

            // Nobody consumes: the producer stops, blocked in send, well short of the end, and stays there.
            await().atMost(Duration.ofSeconds(10)).until(() -> sender.isDone() || sender.isBlocked());
            int stalledAt = sender.sent();
            assertTrue(stalledAt < total, "the producer sent all " + total + " messages without being held back");
            // No progress for a while: held back. (Not the thread's state: a timed wait inside send wakes now and
            // then, and on a loaded machine the thread may be seen runnable at such a moment.)
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                    .until(() -> sender.sent() == stalledAt && !sender.isDone());
            DestinationStats held = small.queueStats(name).orElseThrow();
            assertTrue(held.memoryBytes() > limit, "held back before reaching the limit: " + held);
            assertTrue(held.memoryBytes() <= limit + 2L * sendWindow + 4096, "not bounded: " + held);

            Connection cc = track(f.createConnection());
            cc.start();
            MessageConsumer consumer = cc.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(q);
            receiveNumbered(consumer, 0, total);
            sender.finish(Duration.ofSeconds(10));
            assertNull(consumer.receive(200));
            assertEquals(total, sender.sent());
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> small.queueStats(name).orElseThrow().depth() == 0);
        }
    }

    @Test
    @DisplayName("persistent messages to a queue over its memory limit are paged to the store: the producer goes "
            + "on, the broker's memory stays bounded, and consumers get every message once, in order")
    void persistentMessagesOverTheLimitArePagedNotHeldBack() throws Exception {
        int limit = 32 * 1024;
        int total = 300;
        try (WrenBroker small = Broker.startDedicated(b -> b.maxFrameSize(16 * 1024).maxDestinationMemory(limit))) {
            ConnectionFactory f = new WrenConnectionFactory(Broker.url(small, null));
            String name = uniqueName();
            Session ps = track(f.createConnection()).createSession(Session.AUTO_ACKNOWLEDGE);
            Queue q = ps.createQueue(name);
            MessageProducer p = ps.createProducer(q);
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            NumberedSender sender = new NumberedSender(ps, p, total, 1000);
            sender.finish(Duration.ofSeconds(30));

            DestinationStats held = small.queueStats(name).orElseThrow();
            assertEquals(total, held.depth(), "every message is held: " + held);
            assertTrue(held.memoryBytes() <= limit + 2 * 1024, "memory not bounded: " + held);

            Connection cc = track(f.createConnection());
            cc.start();
            MessageConsumer consumer = cc.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(q);
            receiveNumbered(consumer, 0, total);
            assertNull(consumer.receive(200));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> small.queueStats(name).orElseThrow().depth() == 0);
        }
    }
}
