package io.wrenmq.tck;

import io.wrenmq.broker.WrenBroker;
import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.MessageListener;
import org.junit.jupiter.api.Test;
import org.springframework.jms.connection.JmsTransactionManager;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.listener.DefaultMessageListenerContainer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What a {@link DefaultMessageListenerContainer} does to its connection over its life: stopped and started again,
 * a consumer opened and closed for every receive, a {@code JmsTemplate} joining the listener's transaction, and a
 * broker that goes away and comes back.
 */
class SpringListenerLifecycleTest extends SpringTestSupport {
    @Test
    void aStoppedContainerReceivesNothingUntilStartedAgain() {
        String queue = uniqueName();
        List<String> received = new CopyOnWriteArrayList<>();
        DefaultMessageListenerContainer c = containers.container(wren, queue);
        c.setMessageListener(recordingTo(received));
        containers.start(c);
        JmsTemplate t = new JmsTemplate(wren);
        t.convertAndSend(queue, "before-stop");
        await().atMost(WAIT).until(() -> received.size() == 1);

        c.stop();
        t.convertAndSend(queue, "while-stopped");
        // The container's consumer stays open, its connection stopped: the message waits at the broker or in it.
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> received.size() == 1);
        c.start();

        await().atMost(WAIT).until(() -> received.size() == 2 && Broker.queueDepth(queue) == 0);
        assertEquals(List.of("before-stop", "while-stopped"), received);
    }

    @Test
    void withATransactionManagerEachReceiveHasItsOwnConsumerAndNothingIsLostOrFlagged() {
        String queue = uniqueName();
        List<String> received = new CopyOnWriteArrayList<>();
        DefaultMessageListenerContainer c = containers.container(wren, queue);
        // Spring's default with a transaction manager: no caching, a connection, session and consumer per receive.
        c.setTransactionManager(new JmsTransactionManager(wren));
        c.setMessageListener((MessageListener) m -> received.add(text(m) + (redelivered(m) ? " redelivered" : "")));
        containers.start(c);

        JmsTemplate t = new JmsTemplate(wren);
        List<String> sent = numbered(20);
        sent.forEach(text -> t.convertAndSend(queue, text));

        await().atMost(WAIT).until(() -> received.size() >= sent.size() && Broker.queueDepth(queue) == 0);
        assertEquals(sent, received);
    }

    @Test
    void aTemplateInsideATransactedListenerSendsInTheListenersTransaction() {
        String in = uniqueName();
        String out = uniqueName();
        AtomicInteger attempts = new AtomicInteger();
        JmsTemplate t = new JmsTemplate(wren);
        DefaultMessageListenerContainer c = containers.container(wren, in);
        c.setSessionTransacted(true);
        c.setErrorHandler(expected -> { });
        c.setMessageListener((MessageListener) m -> {
            // Spring hands the template the container's transacted session, so this send rolls back with it.
            t.convertAndSend(out, text(m) + "-" + attempts.incrementAndGet());
            if (attempts.get() == 1) {
                throw new IllegalStateException("first attempt fails");
            }
        });
        containers.start(c);

        t.convertAndSend(in, "job");

        await().atMost(WAIT).until(() -> attempts.get() == 2 && Broker.queueDepth(in) == 0);
        JmsTemplate reader = new JmsTemplate(wren);
        reader.setReceiveTimeout(5_000);
        assertEquals("job-2", reader.receiveAndConvert(out));
        reader.setReceiveTimeout(JmsTemplate.RECEIVE_TIMEOUT_NO_WAIT);
        assertNull(reader.receiveAndConvert(out));
    }

    @Test
    void aContainerReconnectsAfterTheBrokerRestarts() {
        Path dataDir = Broker.freshDataDir();
        WrenBroker broker = Broker.startDedicated(b -> b.dataDir(dataDir));
        int port = broker.port();
        try {
            WrenConnectionFactory factory = new WrenConnectionFactory(Broker.url(broker, null));
            String queue = uniqueName();
            List<String> received = new CopyOnWriteArrayList<>();
            DefaultMessageListenerContainer c = containers.container(factory, queue);
            c.setRecoveryInterval(100);
            c.setMessageListener(recordingTo(received));
            containers.start(c);
            JmsTemplate t = new JmsTemplate(factory);
            t.convertAndSend(queue, "before");
            await().atMost(WAIT).until(() -> received.size() == 1);

            broker.close();
            broker = Broker.startDedicated(b -> b.dataDir(dataDir).port(port));
            t.convertAndSend(queue, "after");

            await().atMost(WAIT).until(() -> received.size() == 2);
            assertEquals(List.of("before", "after"), received);
        } finally {
            containers.stopAll();
            broker.close();
        }
    }

}
