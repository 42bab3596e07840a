package io.wrenmq.tck;

import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.listener.DefaultMessageListenerContainer;
import org.springframework.jms.listener.SessionAwareMessageListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Spring's {@link DefaultMessageListenerContainer} consuming from Wren with nothing but a
 * {@link WrenConnectionFactory}: transacted, CLIENT_ACKNOWLEDGE, several consumers, durable and shared
 * subscriptions.
 */
class SpringListenerContainerTest extends SpringTestSupport {
    @Test
    void aTransactedContainerRollsBackWhenTheListenerThrowsAndTheRedeliverySucceeds() {
        String queue = uniqueName();
        DefaultMessageListenerContainer c = containers.container(wren, queue);
        c.setSessionTransacted(true);

        assertAFailedListenerGetsTheMessageAgain(c, queue);
    }

    @Test
    void aTransactedContainerCommitsWhatTheListenerSendsWithTheMessageItConsumed() {
        String in = uniqueName();
        String out = uniqueName();
        AtomicInteger attempts = new AtomicInteger();
        DefaultMessageListenerContainer c = containers.container(wren, in);
        c.setSessionTransacted(true);
        c.setErrorHandler(expected -> { });
        // A SessionAwareMessageListener sends on the container's own session, so its send is part of the transaction.
        c.setMessageListener((SessionAwareMessageListener<Message>) (m, session) -> {
            session.createProducer(session.createQueue(out)).send(session.createTextMessage(text(m) + "-out"));
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("rolls back the send too");
            }
        });
        containers.start(c);

        new JmsTemplate(wren).convertAndSend(in, "job");

        await().atMost(WAIT).until(() -> attempts.get() == 2 && Broker.queueDepth(in) == 0);
        JmsTemplate reader = new JmsTemplate(wren);
        reader.setReceiveTimeout(5_000);
        assertEquals("job-out", reader.receiveAndConvert(out));
        reader.setReceiveTimeout(JmsTemplate.RECEIVE_TIMEOUT_NO_WAIT);
        assertNull(reader.receiveAndConvert(out), "the rolled-back send was delivered");
    }

    @Test
    void aClientAcknowledgeContainerAcknowledgesWhatTheListenerTook() {
        String queue = uniqueName();
        List<String> received = new CopyOnWriteArrayList<>();
        DefaultMessageListenerContainer c = containers.container(wren, queue);
        c.setSessionAcknowledgeMode(Session.CLIENT_ACKNOWLEDGE);
        c.setMessageListener(recordingTo(received));
        containers.start(c);

        JmsTemplate t = new JmsTemplate(wren);
        for (int i = 0; i < 5; i++) {
            t.convertAndSend(queue, "m" + i);
        }

        await().atMost(WAIT).until(() -> received.size() == 5 && Broker.queueDepth(queue) == 0);
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), received);
    }

    @Test
    void aClientAcknowledgeContainerRecoversWhenTheListenerThrows() {
        String queue = uniqueName();
        DefaultMessageListenerContainer c = containers.container(wren, queue);
        c.setSessionAcknowledgeMode(Session.CLIENT_ACKNOWLEDGE);

        assertAFailedListenerGetsTheMessageAgain(c, queue);
    }

    @Test
    void concurrentConsumersShareAQueueAndEachMessageArrivesOnce() {
        String queue = uniqueName();
        List<String> received = new CopyOnWriteArrayList<>();
        DefaultMessageListenerContainer c = containers.container(wren, queue);
        c.setConcurrentConsumers(3);
        c.setMessageListener(recordingTo(received));
        containers.start(c);
        await().atMost(WAIT).until(() -> queueConsumers(queue) == 3);

        sendAndAwaitEachOnce(queue, 60, received);
    }

    @Test
    void aDurableSubscriptionOfAContainerKeepsWhatIsPublishedWhileItIsStopped() {
        String topic = uniqueName();
        WrenConnectionFactory withClientId = new WrenConnectionFactory(Broker.url(null));
        withClientId.setClientID(uniqueName());
        List<String> received = new CopyOnWriteArrayList<>();
        JmsTemplate publisher = new JmsTemplate(wren);
        publisher.setPubSubDomain(true);

        DefaultMessageListenerContainer first = durableContainer(withClientId, topic, received);
        containers.start(first);
        publisher.convertAndSend(topic, "while-running");
        await().atMost(WAIT).until(() -> received.contains("while-running"));
        first.shutdown();

        publisher.convertAndSend(topic, "while-stopped");
        DefaultMessageListenerContainer second = durableContainer(withClientId, topic, received);
        containers.start(second);

        await().atMost(WAIT).until(() -> received.size() == 2);
        assertEquals(List.of("while-running", "while-stopped"), received);
    }

    private DefaultMessageListenerContainer durableContainer(WrenConnectionFactory factory, String topic,
                                                             List<String> received) {
        DefaultMessageListenerContainer c = containers.container(factory, topic);
        c.setPubSubDomain(true);
        c.setSubscriptionDurable(true);
        c.setSubscriptionName("orders-audit");
        c.setMessageListener(recordingTo(received));
        return c;
    }

    @Test
    void aSharedSubscriptionSplitsATopicBetweenTwoContainers() {
        String topic = uniqueName();
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        containers.start(sharedContainer(topic, first));
        containers.start(sharedContainer(topic, second));
        await().atMost(WAIT).until(() -> topicConsumers(topic) == 2);

        JmsTemplate publisher = new JmsTemplate(wren);
        publisher.setPubSubDomain(true);
        List<String> sent = numbered(40);
        sent.forEach(text -> publisher.convertAndSend(topic, text));

        await().atMost(WAIT).until(() -> first.size() + second.size() >= sent.size());
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        assertEquals(Set.copyOf(sent), Set.copyOf(all));
        assertEquals(sent.size(), all.size(), "a message went to both consumers of the shared subscription");
        assertFalse(first.isEmpty() && second.isEmpty());
    }

    private DefaultMessageListenerContainer sharedContainer(String topic, List<String> received) {
        DefaultMessageListenerContainer c = containers.container(wren, topic);
        c.setPubSubDomain(true);
        c.setSubscriptionShared(true);
        c.setSubscriptionName("split");
        c.setMessageListener(recordingTo(received));
        return c;
    }

    @Test
    void aSharedDurableSubscriptionOutlivesItsContainers() {
        String topic = uniqueName();
        List<String> received = new CopyOnWriteArrayList<>();
        JmsTemplate publisher = new JmsTemplate(wren);
        publisher.setPubSubDomain(true);

        DefaultMessageListenerContainer first = sharedContainer(topic, received);
        first.setSubscriptionDurable(true);
        containers.start(first);
        first.shutdown();
        publisher.convertAndSend(topic, "while-stopped");

        DefaultMessageListenerContainer second = sharedContainer(topic, received);
        second.setSubscriptionDurable(true);
        containers.start(second);

        await().atMost(WAIT).until(() -> received.size() == 1);
        assertEquals(List.of("while-stopped"), received);
    }

}
