package io.wrenmq.tck;

import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.ConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jms.annotation.EnableJms;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.jms.config.DefaultJmsListenerContainerFactory;
import org.springframework.jms.config.JmsListenerEndpointRegistry;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.listener.DefaultMessageListenerContainer;
import org.springframework.jms.support.JmsHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.handler.annotation.SendTo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code @JmsListener} methods under {@code @EnableJms}, in an application context whose only JMS bean of ours is a
 * {@link WrenConnectionFactory}: what a Spring application declares, unchanged but for that bean.
 */
class SpringJmsListenerTest extends SpringTestSupport {
    private AnnotationConfigApplicationContext context;
    private String inbox;
    private String requests;
    private String replies;
    private String work;

    @BeforeEach
    void startContext() {
        inbox = uniqueName();
        requests = uniqueName();
        replies = uniqueName();
        work = uniqueName();
        context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("names", Map.of(
                "wren.url", Broker.url(null),
                "test.inbox", inbox,
                "test.requests", requests,
                "test.replies", replies,
                "test.work", work)));
        context.register(JmsConfig.class, Listeners.class);
        context.refresh();
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    @Test
    void anAnnotatedMethodReceivesThePayloadAndHeaders() {
        context.getBean(JmsTemplate.class).convertAndSend(inbox, "hello", m -> {
            m.setStringProperty("region", "eu");
            m.setJMSCorrelationID("c-1");
            return m;
        });

        Listeners listeners = context.getBean(Listeners.class);
        await().atMost(WAIT).until(() -> listeners.inbox.size() == 1);
        assertEquals(List.of("hello from eu (c-1)"), listeners.inbox);
    }

    @Test
    void aReturnValueIsSentToTheSendToDestination() {
        JmsTemplate template = context.getBean(JmsTemplate.class);
        template.convertAndSend(requests, "ping");

        assertEquals("PING", template.receiveAndConvert(replies));
    }

    @Test
    void aReturnValueGoesToJmsReplyToBeforeSendTo() throws Exception {
        JmsTemplate template = context.getBean(JmsTemplate.class);

        jakarta.jms.Message reply = template.sendAndReceive(requests, s -> s.createTextMessage("pong"));

        assertEquals("PONG", text(reply));
    }

    @Test
    void concurrencyTwoToFourStartsTwoConsumersAndAddsMoreUnderLoad() {
        DefaultMessageListenerContainer container = (DefaultMessageListenerContainer) context
                .getBean(JmsListenerEndpointRegistry.class).getListenerContainer("work");
        assertEquals(2, container.getConcurrentConsumers());
        assertEquals(4, container.getMaxConcurrentConsumers());
        await().atMost(WAIT).until(() -> queueConsumers(work) == 2);

        Listeners listeners = context.getBean(Listeners.class);
        JmsTemplate template = context.getBean(JmsTemplate.class);
        List<String> sent = IntStream.range(0, 20).mapToObj(i -> "job" + i).toList();
        sent.forEach(job -> template.convertAndSend(work, job));

        // Both consumers are busy in the listener, so the container starts another one.
        await().atMost(WAIT).until(() -> container.getActiveConsumerCount() > 2 && queueConsumers(work) > 2);
        listeners.releaseWork.countDown();
        await().atMost(WAIT).until(() -> listeners.work.size() >= sent.size() && Broker.queueDepth(work) == 0);
        assertEquals(Set.copyOf(sent), Set.copyOf(listeners.work));
        assertEquals(sent.size(), listeners.work.size(), "a job ran twice");
    }

    @Configuration
    @EnableJms
    static class JmsConfig {
        @Bean
        ConnectionFactory connectionFactory(org.springframework.core.env.Environment env) {
            return new WrenConnectionFactory(env.getRequiredProperty("wren.url"));
        }

        @Bean
        DefaultJmsListenerContainerFactory jmsListenerContainerFactory(ConnectionFactory connectionFactory) {
            DefaultJmsListenerContainerFactory factory = new DefaultJmsListenerContainerFactory();
            factory.setConnectionFactory(connectionFactory);
            factory.setReceiveTimeout(SpringContainers.RECEIVE_TIMEOUT_MS);
            return factory;
        }

        @Bean
        JmsTemplate jmsTemplate(ConnectionFactory connectionFactory) {
            JmsTemplate template = new JmsTemplate(connectionFactory);
            template.setReceiveTimeout(5_000);
            return template;
        }
    }

    static class Listeners {
        final List<String> inbox = new CopyOnWriteArrayList<>();
        final List<String> work = new CopyOnWriteArrayList<>();
        final CountDownLatch releaseWork = new CountDownLatch(1);

        @JmsListener(destination = "${test.inbox}")
        void onInbox(@Payload String body, @Header("region") String region,
                     @Header(JmsHeaders.CORRELATION_ID) String correlationId) {
            inbox.add(body + " from " + region + " (" + correlationId + ")");
        }

        @JmsListener(destination = "${test.requests}")
        @SendTo("${test.replies}")
        String upperCase(String request) {
            return request.toUpperCase();
        }

        @JmsListener(id = "work", destination = "${test.work}", concurrency = "2-4")
        void onWork(String job) {
            awaitLatch(releaseWork);
            work.add(job);
        }
    }
}
