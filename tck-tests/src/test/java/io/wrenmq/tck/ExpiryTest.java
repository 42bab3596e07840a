package io.wrenmq.tck;

import io.wrenmq.broker.BrokerConfig;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jakarta Messaging 3.1, section 3.4.9 (JMSExpiration): an expired message is never delivered. Beyond the spec, as
 * Artemis does, the broker moves it to an expiry queue ({@code ExpiryQueue} by default) without its expiration,
 * keeping its id, body and properties and recording where it came from; a destination whose policy names no
 * expiry queue drops it.
 */
@DisplayName("3.4.9 JMSExpiration: expired messages are never delivered and go to the expiry queue")
class ExpiryTest extends DedicatedBrokerTestSupport {
    private static final long TIME_TO_LIVE_MS = 200;

    @Override
    protected BrokerConfig.Builder configure(BrokerConfig.Builder b) {
        return b.set("expiry-scan-period", "100ms").set("policy.drop.#.expiry-queue", "");
    }

    @Test
    @DisplayName("an expired message no consumer takes moves to ExpiryQueue, without its expiration")
    void expiredMessageMovesToTheExpiryQueue() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        MessageProducer p = s.createProducer(q);
        TextMessage sent = s.createTextMessage("stale");
        sent.setStringProperty("kind", "quote");
        p.send(sent, DeliveryMode.PERSISTENT, 4, TIME_TO_LIVE_MS);

        Message expired = receiveFrom(c, q.getQueueName());
        assertEquals(sent.getJMSMessageID(), expired.getJMSMessageID());
        assertEquals("stale", ((TextMessage) expired).getText());
        assertEquals("quote", expired.getStringProperty("kind"));
        assertEquals(0, expired.getJMSExpiration(), "it must not expire again in the expiry queue");
        assertEquals(sent.getJMSExpiration(), expired.getLongProperty("JMS_WrenOriginalExpiration"));
        assertEquals("ExpiryQueue", ((Queue) expired.getJMSDestination()).getQueueName());
        assertNull(s.createConsumer(q).receive(NOTHING_MS), "gone from its own queue");
        assertEquals(1, broker.queueStats(q.getQueueName()).orElseThrow().expired());
    }

    @Test
    @DisplayName("a message that expires in the consumer's prefetch buffer is not handed to the application")
    void messageExpiredInThePrefetchBufferIsNotDelivered() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        MessageConsumer consumer = s.createConsumer(q);
        MessageProducer p = s.createProducer(q);
        p.setTimeToLive(TIME_TO_LIVE_MS);
        p.send(s.createTextMessage("prefetched"));
        long expiration = System.currentTimeMillis() + TIME_TO_LIVE_MS;
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.queueStats(q.getQueueName())
                .map(st -> st.inFlight() == 1).orElse(false));
        await().atMost(Duration.ofSeconds(10)).until(() -> System.currentTimeMillis() > expiration + 50);

        assertNull(consumer.receive(NOTHING_MS), "it expired before the application asked for it");
        assertEquals("prefetched", ((TextMessage) receiveFrom(c, q.getQueueName())).getText());
    }

    @Test
    @DisplayName("with no expiry queue in its policy an expired message is dropped and counted")
    void expiredMessageIsDroppedWithoutAnExpiryQueue() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue("drop." + uniqueName());
        MessageProducer p = s.createProducer(q);
        p.setTimeToLive(TIME_TO_LIVE_MS);
        p.send(s.createTextMessage("dropped"));
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.queueStats(q.getQueueName())
                .map(st -> st.expired() == 1 && st.depth() == 0).orElse(false));
        MessageConsumer expiryQueue = s.createConsumer(s.createQueue("ExpiryQueue"),
                "JMS_WrenOriginalDestination = '" + q.getQueueName() + "'");
        assertNull(expiryQueue.receive(NOTHING_MS));
    }

    @Test
    @DisplayName("an expired message of a durable subscription records the topic and the subscription")
    void durableSubscriptionMessageExpires() throws Exception {
        Connection c = track(factory.createConnection());
        c.setClientID("expiry-client");
        c.start();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = s.createTopic(uniqueName());
        s.createDurableConsumer(t, "away").close();
        MessageProducer p = s.createProducer(t);
        p.setTimeToLive(TIME_TO_LIVE_MS);
        p.send(s.createTextMessage("missed"));
        Message expired = receiveFrom(c, t.getTopicName());
        assertEquals("topic", expired.getStringProperty("JMS_WrenOriginalDestinationKind"));
        assertEquals("away", expired.getStringProperty("JMS_WrenOriginalSubscription"));
        assertNull(s.createDurableConsumer(t, "away").receive(NOTHING_MS));
    }

    @Test
    @DisplayName("a persistent message that expired while the broker was down goes to the expiry queue on restart")
    void messageExpiredAcrossARestart() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        String name = uniqueName();
        MessageProducer p = s.createProducer(s.createQueue(name));
        p.setTimeToLive(1_000);
        p.send(s.createTextMessage("outlived"));
        long expiration = System.currentTimeMillis() + 1_000;
        restart(() -> await().atMost(Duration.ofSeconds(10))
                .until(() -> System.currentTimeMillis() > expiration + 50));

        Connection after = startedConnection();
        Session s2 = after.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertNull(s2.createConsumer(s2.createQueue(name)).receive(NOTHING_MS));
        Message expired = receiveFrom(after, name);
        assertEquals("outlived", ((TextMessage) expired).getText());
        assertTrue(expired.getStringProperty("JMS_WrenDeadLetterCause").contains("expired"));
    }

    private static Message receiveFrom(Connection c, String origin) throws JMSException {
        return receiveMoved(c, "ExpiryQueue", origin);
    }
}
