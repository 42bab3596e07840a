package io.wrenmq.tck;

import io.wrenmq.broker.WrenBroker;
import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.connection.SessionProxy;
import org.springframework.jms.connection.SingleConnectionFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.listener.DefaultMessageListenerContainer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Spring's {@link CachingConnectionFactory} and {@link SingleConnectionFactory} wrapped around a
 * {@link WrenConnectionFactory}: one connection for everything, and sessions, producers and consumers that outlive
 * the {@code JmsTemplate} call that made them. A broker of the class's own, so that its connection count is ours.
 */
class SpringCachingConnectionFactoryTest extends SpringTestSupport {
    private static WrenBroker broker;

    private SingleConnectionFactory caching;

    @BeforeAll
    static void startBroker() {
        broker = Broker.startDedicated(b -> b);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void noConnectionsYet() {
        await().atMost(WAIT).until(() -> broker.connectionCount() == 0);
    }

    @AfterEach
    void closeFactory() {
        stopContainers();
        if (caching != null) {
            caching.destroy();
        }
        await().atMost(WAIT).until(() -> broker.connectionCount() == 0);
    }

    private WrenConnectionFactory wren() {
        return new WrenConnectionFactory(Broker.url(broker, null));
    }

    private CachingConnectionFactory cachingFactory() {
        CachingConnectionFactory f = new CachingConnectionFactory(wren());
        caching = f;
        return f;
    }

    private static JmsTemplate template(jakarta.jms.ConnectionFactory factory) {
        JmsTemplate t = new JmsTemplate(factory);
        t.setReceiveTimeout(5_000);
        return t;
    }

    @Test
    void templateCallsReuseOneConnectionSessionProducerAndConsumer() {
        JmsTemplate t = template(cachingFactory());
        String queue = uniqueName();

        Session first = t.execute(session -> ((SessionProxy) session).getTargetSession());
        String producer = t.execute(session -> session.createProducer(session.createQueue(queue)).toString());
        for (int i = 0; i < 10; i++) {
            t.convertAndSend(queue, "m" + i);
            assertEquals("m" + i, t.receiveAndConvert(queue));
        }
        Session last = t.execute(session -> ((SessionProxy) session).getTargetSession());
        // A cached producer is a new wrapper each time; its text names the provider's producer inside.
        String producerAgain = t.execute(session -> session.createProducer(session.createQueue(queue)).toString());

        assertSame(first, last);
        assertEquals(producer, producerAgain);
        assertEquals(1, broker.connectionCount());
        // The cached consumer stays open between receive calls: one, not one per call.
        assertEquals(1, broker.queueStats(queue).orElseThrow().consumers());
    }

    @Test
    void aTransactedCachedSessionRollsBackWhatATemplateCallLeftUncommitted() {
        JmsTemplate t = template(cachingFactory());
        t.setSessionTransacted(true);
        String queue = uniqueName();

        assertThrows(IllegalStateException.class, () -> t.execute(session -> {
            session.createProducer(session.createQueue(queue)).send(session.createTextMessage("never"));
            throw new IllegalStateException("the call fails before JmsTemplate commits");
        }, true));
        t.convertAndSend(queue, "committed");

        assertEquals("committed", t.receiveAndConvert(queue));
        t.setReceiveTimeout(JmsTemplate.RECEIVE_TIMEOUT_NO_WAIT);
        assertNull(t.receiveAndConvert(queue));
        assertEquals(0, broker.queueStats(queue).orElseThrow().depth());
    }

    @Test
    void aContainerCachingItsConsumerConsumesThroughTheCachingFactory() {
        CachingConnectionFactory f = cachingFactory();
        String queue = uniqueName();
        List<String> received = new CopyOnWriteArrayList<>();
        DefaultMessageListenerContainer c = containers.container(f, queue);
        c.setCacheLevel(DefaultMessageListenerContainer.CACHE_CONSUMER);
        c.setSessionTransacted(true);
        c.setMessageListener(recordingTo(received));
        containers.start(c);

        JmsTemplate t = template(f);
        for (int i = 0; i < 20; i++) {
            t.convertAndSend(queue, "m" + i);
        }

        await().atMost(WAIT).until(() -> received.size() == 20
                && broker.queueStats(queue).orElseThrow().depth() == 0);
        assertEquals("m0", received.get(0));
        assertEquals("m19", received.get(19));
        assertEquals(1, broker.connectionCount());
        assertEquals(1, broker.queueStats(queue).orElseThrow().consumers());
    }

    @Test
    void aDurableSubscriberThroughTheCachingFactoryCatchesUpAfterARestart() {
        CachingConnectionFactory f = cachingFactory();
        f.setClientId(uniqueName());
        String topic = uniqueName();
        List<String> received = new CopyOnWriteArrayList<>();
        JmsTemplate publisher = template(f);
        publisher.setPubSubDomain(true);

        DefaultMessageListenerContainer first = durable(f, topic, received);
        containers.start(first);
        first.shutdown();
        publisher.convertAndSend(topic, "while-stopped");
        containers.start(durable(f, topic, received));

        await().atMost(WAIT).until(() -> received.size() == 1);
        assertEquals(List.of("while-stopped"), received);
        assertEquals(1, broker.connectionCount());
    }

    private DefaultMessageListenerContainer durable(CachingConnectionFactory f, String topic, List<String> received) {
        DefaultMessageListenerContainer c = containers.container(f, topic);
        c.setPubSubDomain(true);
        c.setSubscriptionDurable(true);
        c.setSubscriptionName("audit");
        c.setMessageListener(recordingTo(received));
        return c;
    }

    @Test
    void theCachingFactoryConnectsAgainAfterItsConnectionIsCut() {
        try (CuttableProxy proxy = new CuttableProxy(broker.port())) {
            CachingConnectionFactory f = new CachingConnectionFactory(new WrenConnectionFactory(proxy.url()));
            caching = f;
            String queue = uniqueName();
            List<String> received = new CopyOnWriteArrayList<>();
            DefaultMessageListenerContainer c = containers.container(f, queue);
            c.setRecoveryInterval(100);
            c.setMessageListener(recordingTo(received));
            containers.start(c);
            JmsTemplate t = template(f);
            t.convertAndSend(queue, "before");
            await().atMost(WAIT).until(() -> received.size() == 1);

            proxy.cutAll();
            // The factory drops the broken connection when its ExceptionListener hears of it, the container when
            // its receive fails; both then connect again, through the one new shared connection.
            await().atMost(WAIT).until(() -> broker.queueStats(queue).orElseThrow().consumers() == 1
                    && c.isRegisteredWithDestination());
            t.convertAndSend(queue, "after");

            await().atMost(WAIT).until(() -> received.size() == 2);
            assertEquals(List.of("before", "after"), received);
            assertEquals(1, broker.connectionCount());
            // Before the relay closes, which would cut the new connection too.
            containers.stopAll();
            f.destroy();
        }
    }

    @Test
    void aSingleConnectionFactorySharesOneConnectionBetweenTemplateAndContainer() {
        SingleConnectionFactory f = new SingleConnectionFactory(wren());
        caching = f;
        String queue = uniqueName();
        List<String> received = new CopyOnWriteArrayList<>();
        DefaultMessageListenerContainer c = containers.container(f, queue);
        c.setSessionAcknowledgeMode(Session.CLIENT_ACKNOWLEDGE);
        c.setMessageListener(recordingTo(received));
        containers.start(c);

        JmsTemplate t = template(f);
        for (int i = 0; i < 5; i++) {
            t.convertAndSend(queue, "m" + i);
        }
        await().atMost(WAIT).until(() -> received.size() == 5
                && broker.queueStats(queue).orElseThrow().depth() == 0);
        assertEquals(1, broker.connectionCount());
        // The container closes what it opened on the shared connection, but not the connection itself.
        c.shutdown();
        t.convertAndSend(queue, "after-shutdown");

        assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), received);
        assertEquals("after-shutdown", t.receiveAndConvert(queue));
        assertEquals(1, broker.connectionCount());
    }
}
