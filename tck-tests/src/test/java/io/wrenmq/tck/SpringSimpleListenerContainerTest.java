package io.wrenmq.tck;

import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.listener.SimpleMessageListenerContainer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Spring's {@link SimpleMessageListenerContainer}, which, unlike the default container, sets a MessageListener on
 * each consumer and so runs on Wren's own listener threads: a rollback or recover happens inside
 * {@code onMessage}, and a lost connection reaches it only through the ExceptionListener.
 */
class SpringSimpleListenerContainerTest extends SpringTestSupport {
    @Test
    void aTransactedListenerThatThrowsGetsTheMessageAgainFromTheRollback() {
        String queue = uniqueName();
        SimpleMessageListenerContainer c = containers.simpleContainer(wren, queue);
        c.setSessionTransacted(true);

        assertAFailedListenerGetsTheMessageAgain(c, queue);
    }

    @Test
    void aClientAcknowledgeListenerThatThrowsGetsTheMessageAgainFromRecover() {
        String queue = uniqueName();
        SimpleMessageListenerContainer c = containers.simpleContainer(wren, queue);
        c.setSessionAcknowledgeMode(Session.CLIENT_ACKNOWLEDGE);

        assertAFailedListenerGetsTheMessageAgain(c, queue);
    }

    @Test
    void concurrentConsumersShareAQueueAndEachMessageArrivesOnce() {
        String queue = uniqueName();
        List<String> received = new CopyOnWriteArrayList<>();
        SimpleMessageListenerContainer c = containers.simpleContainer(wren, queue);
        c.setMessageListener(recordingTo(received));
        c.setConcurrentConsumers(3);
        containers.start(c);
        await().atMost(WAIT).until(() -> queueConsumers(queue) == 3);

        sendAndAwaitEachOnce(queue, 60, received);
    }

    @Test
    void theContainerReconnectsThroughItsExceptionListenerWhenItsConnectionIsCut() {
        CuttableProxy proxy = new CuttableProxy(Broker.get().port());
        try {
            WrenConnectionFactory throughProxy = new WrenConnectionFactory(proxy.url());
            String queue = uniqueName();
            List<String> received = new CopyOnWriteArrayList<>();
            SimpleMessageListenerContainer c = containers.simpleContainer(throughProxy, queue);
            c.setMessageListener(recordingTo(received));
            containers.start(c);
            JmsTemplate t = new JmsTemplate(wren);
            t.convertAndSend(queue, "before");
            await().atMost(WAIT).until(() -> received.size() == 1);

            proxy.cutAll();
            // Spring's only way to hear of it is the connection's ExceptionListener; it then connects again.
            await().atMost(WAIT).until(() -> queueConsumers(queue) == 1 && c.isRunning());
            t.convertAndSend(queue, "after");

            await().atMost(WAIT).until(() -> received.size() == 2);
            assertEquals(List.of("before", "after"), received);
        } finally {
            // Before the relay closes, which would cut the container's connection once more.
            stopContainers();
            proxy.close();
        }
    }
}
