package io.wrenmq.tck;

import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.listener.DefaultMessageListenerContainer;
import org.springframework.jms.listener.adapter.MessageListenerAdapter;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spring's {@code JmsTemplate} over nothing but a {@link WrenConnectionFactory}, configured the way a Spring
 * application does it: every call opens a connection, a session and a producer or consumer, and closes them again.
 */
class SpringJmsTemplateTest extends SpringTestSupport {
    private JmsTemplate template() {
        JmsTemplate t = new JmsTemplate(wren);
        t.setReceiveTimeout(5_000);
        return t;
    }

    @Test
    void convertsEachKindOfBodyThroughAQueue() {
        JmsTemplate t = template();
        String queue = uniqueName();
        t.convertAndSend(queue, "hello");
        t.convertAndSend(queue, Map.of("count", 3, "name", "wren"));
        t.convertAndSend(queue, new byte[] {1, 2, 3});
        t.convertAndSend(queue, List.of("a", "b"));

        assertEquals("hello", t.receiveAndConvert(queue));
        assertEquals(Map.of("count", 3, "name", "wren"), t.receiveAndConvert(queue));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) t.receiveAndConvert(queue));
        assertEquals(List.of("a", "b"), t.receiveAndConvert(queue));
        t.setReceiveTimeout(JmsTemplate.RECEIVE_TIMEOUT_NO_WAIT);
        assertNull(t.receiveAndConvert(queue));
    }

    @Test
    void publishesToATopicThatATemplateIsSubscribedTo() throws Exception {
        JmsTemplate t = template();
        t.setPubSubDomain(true);
        String topic = uniqueName();
        CompletableFuture<Object> received = CompletableFuture.supplyAsync(() -> t.receiveAndConvert(topic),
                THREAD_PER_TASK);
        await().atMost(Duration.ofSeconds(5)).until(() -> topicConsumers(topic) == 1);

        t.convertAndSend(topic, "news");

        assertEquals("news", received.get());
        assertEquals(1, Broker.topicStats(topic).orElseThrow().enqueued());
    }

    @Test
    void aTransactedTemplateCommitsEachSendAndEachReceive() {
        JmsTemplate t = template();
        t.setSessionTransacted(true);
        String queue = uniqueName();

        t.convertAndSend(queue, "one");
        t.convertAndSend(queue, "two");
        assertEquals(2, Broker.queueDepth(queue));
        assertEquals("one", t.receiveAndConvert(queue));
        assertEquals("two", t.receiveAndConvert(queue));

        assertEquals(0, Broker.queueDepth(queue));
    }

    @Test
    void explicitQosSetsDeliveryModePriorityAndTimeToLive() throws Exception {
        JmsTemplate t = template();
        t.setExplicitQosEnabled(true);
        t.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        t.setPriority(7);
        t.setTimeToLive(60_000);
        String queue = uniqueName();
        long before = System.currentTimeMillis();

        t.convertAndSend(queue, "urgent");
        Message m = t.receive(queue);

        assertNotNull(m);
        assertEquals(DeliveryMode.NON_PERSISTENT, m.getJMSDeliveryMode());
        assertEquals(7, m.getJMSPriority());
        assertTrue(m.getJMSExpiration() >= before + 60_000, "expiration " + m.getJMSExpiration());
        assertTrue(m.getJMSExpiration() <= System.currentTimeMillis() + 60_000, "expiration " + m.getJMSExpiration());
    }

    @Test
    void withoutExplicitQosTheProducerDefaultsApply() throws Exception {
        JmsTemplate t = template();
        String queue = uniqueName();

        t.convertAndSend(queue, "plain");
        Message m = t.receive(queue);

        assertNotNull(m);
        assertEquals(DeliveryMode.PERSISTENT, m.getJMSDeliveryMode());
        assertEquals(Message.DEFAULT_PRIORITY, m.getJMSPriority());
        assertEquals(0, m.getJMSExpiration());
    }

    @Test
    void aMessagePostProcessorSetsPropertiesAndHeaders() throws Exception {
        JmsTemplate t = template();
        String queue = uniqueName();

        t.convertAndSend(queue, "order", m -> {
            m.setStringProperty("region", "eu");
            m.setIntProperty("lines", 4);
            m.setJMSCorrelationID("order-17");
            m.setJMSType("Order");
            return m;
        });
        Message m = t.receive(queue);

        assertInstanceOf(TextMessage.class, m);
        assertEquals("order", ((TextMessage) m).getText());
        assertEquals("eu", m.getStringProperty("region"));
        assertEquals(4, m.getIntProperty("lines"));
        assertEquals("order-17", m.getJMSCorrelationID());
        assertEquals("Order", m.getJMSType());
        assertFalse(m.getJMSRedelivered());
    }

    @Test
    void aSelectorPicksTheMessagesTheTemplateReceives() {
        JmsTemplate t = template();
        String queue = uniqueName();
        t.convertAndSend(queue, "for-us", m -> {
            m.setStringProperty("to", "us");
            return m;
        });
        t.convertAndSend(queue, "for-them", m -> {
            m.setStringProperty("to", "them");
            return m;
        });

        assertEquals("for-them", t.receiveSelectedAndConvert(queue, "to = 'them'"));
        assertEquals("for-us", t.receiveAndConvert(queue));
    }

    @Test
    void sendAndReceiveGetsTheReplyOnATemporaryQueue() throws Exception {
        String queue = uniqueName();
        // The other side: Spring's adapter answers to JMSReplyTo with what the handler returns.
        DefaultMessageListenerContainer responder = containers.container(wren, queue);
        responder.setMessageListener(new MessageListenerAdapter(new Object() {
            @SuppressWarnings("unused")
            public String handleMessage(String text) {
                return text.toUpperCase();
            }
        }));
        containers.start(responder);

        JmsTemplate t = template();
        Message reply = t.sendAndReceive(queue, session -> session.createTextMessage("ping"));

        assertNotNull(reply, "no reply within the receive timeout");
        assertEquals("PING", ((TextMessage) reply).getText());
        assertEquals(0, Broker.queueDepth(queue));
    }

    @Test
    void browsesAQueueWithoutConsumingIt() {
        JmsTemplate t = template();
        String queue = uniqueName();
        t.convertAndSend(queue, "first");
        t.convertAndSend(queue, "second");

        Integer seen = t.browse(queue, (session, browser) -> java.util.Collections.list(browser.getEnumeration())
                .size());

        assertEquals(2, seen);
        assertEquals("first", t.receiveAndConvert(queue));
    }

}
