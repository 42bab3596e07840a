package io.wrenmq.tck;

import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.junit.jupiter.api.AfterEach;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.listener.AbstractMessageListenerContainer;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Base of the tests that run Spring's JMS support on Wren: the one bean of ours a Spring application declares, a
 * {@link WrenConnectionFactory} for the shared broker, and listener containers shut down after each test.
 */
abstract class SpringTestSupport extends JmsTestSupport {
    static final Duration WAIT = Duration.ofSeconds(10);

    protected final WrenConnectionFactory wren = new WrenConnectionFactory(Broker.url(null));
    protected final SpringContainers containers = new SpringContainers();

    @AfterEach
    void stopContainers() {
        containers.stopAll();
    }

    /**
     * Sends {@code count} numbered messages to {@code queue}, waits until the queue is empty and {@code received}
     * has as many, and checks that each arrived exactly once, in whatever order concurrent consumers took them.
     */
    void sendAndAwaitEachOnce(String queue, int count, List<String> received) {
        JmsTemplate t = new JmsTemplate(wren);
        List<String> sent = numbered(count);
        sent.forEach(text -> t.convertAndSend(queue, text));

        await().atMost(WAIT).until(() -> received.size() >= sent.size() && Broker.queueDepth(queue) == 0);
        assertEquals(Set.copyOf(sent), Set.copyOf(received));
        assertEquals(sent.size(), received.size(), "a message arrived twice");
    }

    /**
     * Starts {@code container} on {@code queue} with a listener that throws on a message's first delivery, sends
     * one, and checks that the container's session got it back (by rollback or recover) flagged redelivered, and
     * that the second attempt consumed it.
     */
    void assertAFailedListenerGetsTheMessageAgain(AbstractMessageListenerContainer container, String queue) {
        List<String> attempts = new CopyOnWriteArrayList<>();
        container.setErrorHandler(expected -> { });
        container.setMessageListener(failingOnce(attempts));
        containers.start(container);

        new JmsTemplate(wren).convertAndSend(queue, "job");

        await().atMost(WAIT).until(() -> attempts.size() == 2 && Broker.queueDepth(queue) == 0);
        assertEquals(List.of("job redelivered=false count=1", "job redelivered=true count=2"), attempts);
    }

    /** A listener that adds the text of each message to {@code received}. */
    static MessageListener recordingTo(List<String> received) {
        return m -> received.add(text(m));
    }

    /**
     * A listener that records each attempt as "text redelivered=flag count=JMSXDeliveryCount" and throws on a message's first delivery,
     * so that a container must get it back (rollback, recover) for the second attempt to succeed.
     */
    static MessageListener failingOnce(List<String> attempts) {
        return m -> {
            boolean redelivered = redelivered(m);
            attempts.add(text(m) + " redelivered=" + redelivered + " count=" + deliveryCount(m));
            if (!redelivered) {
                throw new IllegalStateException("first attempt fails");
            }
        };
    }

    static boolean redelivered(Message m) {
        try {
            return m.getJMSRedelivered();
        } catch (JMSException e) {
            throw new RuntimeException(e);
        }
    }

    static int deliveryCount(Message m) {
        try {
            return m.getIntProperty("JMSXDeliveryCount");
        } catch (JMSException e) {
            throw new RuntimeException(e);
        }
    }

    static int queueConsumers(String queue) {
        return Broker.queueStats(queue).map(s -> s.consumers()).orElse(0);
    }

    static int topicConsumers(String topic) {
        return Broker.topicStats(topic).map(s -> s.consumers()).orElse(0);
    }

    /** "m0" … "m{count-1}". */
    static List<String> numbered(int count) {
        return IntStream.range(0, count).mapToObj(i -> "m" + i).toList();
    }
}
