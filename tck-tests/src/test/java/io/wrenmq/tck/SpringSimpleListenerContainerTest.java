package io.wrenmq.tck;

import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.listener.SimpleMessageListenerContainer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Spring's {@link SimpleMessageListenerContainer}, which, unlike the default container, sets a MessageListener on
 * each consumer and so runs on Wren's own listener threads: a rollback or recover happens inside
 * {@code onMessage}, and a lost connection reaches it only through the ExceptionListener.
 */
class SpringSimpleListenerContainerTest extends JmsTestSupport {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final WrenConnectionFactory wren = new WrenConnectionFactory(Broker.url(null));
    private final List<SimpleMessageListenerContainer> containers = new ArrayList<>();

    @AfterEach
    void stopContainers() {
        containers.forEach(SimpleMessageListenerContainer::shutdown);
        containers.clear();
    }

    private SimpleMessageListenerContainer container(ConnectionFactory factory, String queue, MessageListener l) {
        SimpleMessageListenerContainer c = new SimpleMessageListenerContainer();
        c.setConnectionFactory(factory);
        c.setDestinationName(queue);
        c.setMessageListener(l);
        containers.add(c);
        return c;
    }

    private static void start(SimpleMessageListenerContainer c) {
        c.afterPropertiesSet();
        c.start();
    }

    @Test
    void aTransactedListenerThatThrowsGetsTheMessageAgainFromTheRollback() {
        String queue = uniqueName();
        List<String> attempts = new CopyOnWriteArrayList<>();
        SimpleMessageListenerContainer c = container(wren, queue, failingOnce(attempts));
        c.setSessionTransacted(true);
        c.setErrorHandler(expected -> { });
        start(c);

        new JmsTemplate(wren).convertAndSend(queue, "job");

        await().atMost(WAIT).until(() -> attempts.size() == 2 && Broker.queueDepth(queue) == 0);
        assertEquals(List.of("job redelivered=false", "job redelivered=true"), attempts);
    }

    @Test
    void aClientAcknowledgeListenerThatThrowsGetsTheMessageAgainFromRecover() {
        String queue = uniqueName();
        List<String> attempts = new CopyOnWriteArrayList<>();
        SimpleMessageListenerContainer c = container(wren, queue, failingOnce(attempts));
        c.setSessionAcknowledgeMode(Session.CLIENT_ACKNOWLEDGE);
        c.setErrorHandler(expected -> { });
        start(c);

        new JmsTemplate(wren).convertAndSend(queue, "job");

        await().atMost(WAIT).until(() -> attempts.size() == 2 && Broker.queueDepth(queue) == 0);
        assertEquals(List.of("job redelivered=false", "job redelivered=true"), attempts);
    }

    /** A listener that records each attempt and throws on the first delivery of a message. */
    private static MessageListener failingOnce(List<String> attempts) {
        return m -> {
            boolean redelivered = redelivered(m);
            attempts.add(text(m) + " redelivered=" + redelivered);
            if (!redelivered) {
                throw new IllegalStateException("first attempt fails");
            }
        };
    }

    @Test
    void concurrentConsumersShareAQueueAndEachMessageArrivesOnce() {
        String queue = uniqueName();
        List<String> received = new CopyOnWriteArrayList<>();
        SimpleMessageListenerContainer c = container(wren, queue, m -> received.add(text(m)));
        c.setConcurrentConsumers(3);
        start(c);
        await().atMost(WAIT).until(() -> Broker.queueStats(queue).map(s -> s.consumers()).orElse(0) == 3);

        JmsTemplate t = new JmsTemplate(wren);
        List<String> sent = IntStream.range(0, 60).mapToObj(i -> "m" + i).toList();
        sent.forEach(text -> t.convertAndSend(queue, text));

        await().atMost(WAIT).until(() -> received.size() >= sent.size() && Broker.queueDepth(queue) == 0);
        assertEquals(Set.copyOf(sent), Set.copyOf(received));
        assertEquals(sent.size(), received.size(), "a message arrived twice");
    }

    @Test
    void theContainerReconnectsThroughItsExceptionListenerWhenItsConnectionIsCut() {
        CuttableProxy proxy = new CuttableProxy(Broker.get().port());
        try {
            WrenConnectionFactory throughProxy = new WrenConnectionFactory(proxy.url());
            String queue = uniqueName();
            List<String> received = new CopyOnWriteArrayList<>();
            SimpleMessageListenerContainer c = container(throughProxy, queue, m -> received.add(text(m)));
            start(c);
            JmsTemplate t = new JmsTemplate(wren);
            t.convertAndSend(queue, "before");
            await().atMost(WAIT).until(() -> received.size() == 1);

            proxy.cutAll();
            // Spring's only way to hear of it is the connection's ExceptionListener; it then connects again.
            await().atMost(WAIT).until(() -> Broker.queueStats(queue).map(s -> s.consumers()).orElse(0) == 1
                    && c.isRunning());
            t.convertAndSend(queue, "after");

            await().atMost(WAIT).until(() -> received.size() == 2);
            assertEquals(List.of("before", "after"), received);
        } finally {
            // Before the relay closes, which would cut the container's connection once more.
            stopContainers();
            proxy.close();
        }
    }

    private static boolean redelivered(Message m) {
        try {
            return m.getJMSRedelivered();
        } catch (JMSException e) {
            throw new RuntimeException(e);
        }
    }
}
