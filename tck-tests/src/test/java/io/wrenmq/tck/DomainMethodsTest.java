package io.wrenmq.tck;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Jakarta Messaging 3.1, section 9.2 "Method inheritance across messaging domains": a QueueSession and a
 * TopicSession inherit from Session methods of the other domain, and calling one of those listed in Table 9-1 must
 * throw IllegalStateException (chapter 10 repeats it: "IllegalStateException also must be called when a domain
 * inappropriate method is called").
 */
@DisplayName("Methods of the other domain (spec 9.2, Table 9-1)")
class DomainMethodsTest extends JmsTestSupport {

    @Test
    @DisplayName("a QueueSession refuses the topic methods of Table 9-1 with IllegalStateException, and still "
            + "serves queues")
    void queueSessionRefusesTopicMethods() throws Exception {
        Connection c = startedConnection();
        Topic topic = c.createSession(Session.AUTO_ACKNOWLEDGE).createTopic(uniqueName());
        QueueSession qs = ((QueueConnection) c).createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        assertAll(
                () -> assertThrows(IllegalStateException.class, () -> qs.createDurableSubscriber(topic, "d")),
                () -> assertThrows(IllegalStateException.class,
                        () -> qs.createDurableSubscriber(topic, "d", null, false)),
                () -> assertThrows(IllegalStateException.class, () -> qs.createDurableConsumer(topic, "d")),
                () -> assertThrows(IllegalStateException.class,
                        () -> qs.createDurableConsumer(topic, "d", null, false)),
                () -> assertThrows(IllegalStateException.class, () -> qs.createSharedConsumer(topic, "s")),
                () -> assertThrows(IllegalStateException.class, () -> qs.createSharedConsumer(topic, "s", null)),
                () -> assertThrows(IllegalStateException.class, () -> qs.createSharedDurableConsumer(topic, "d")),
                () -> assertThrows(IllegalStateException.class,
                        () -> qs.createSharedDurableConsumer(topic, "d", null)),
                () -> assertThrows(IllegalStateException.class, qs::createTemporaryTopic),
                () -> assertThrows(IllegalStateException.class, () -> qs.createTopic(uniqueName())),
                () -> assertThrows(IllegalStateException.class, () -> qs.unsubscribe("d")));

        Queue q = qs.createQueue(uniqueName());
        qs.createSender(q).send(qs.createTextMessage("queues still work"));
        assertEquals("queues still work", ((TextMessage) qs.createReceiver(q).receive(5000)).getText());
        qs.createBrowser(q).close();
        qs.createTemporaryQueue().delete();
    }

    @Test
    @DisplayName("a TopicSession refuses the queue methods of Table 9-1 with IllegalStateException, and still "
            + "serves topics")
    void topicSessionRefusesQueueMethods() throws Exception {
        Connection c = startedConnection();
        Queue queue = c.createSession(Session.AUTO_ACKNOWLEDGE).createQueue(uniqueName());
        TopicSession ts = ((TopicConnection) c).createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        assertAll(
                () -> assertThrows(IllegalStateException.class, () -> ts.createBrowser(queue)),
                () -> assertThrows(IllegalStateException.class, () -> ts.createBrowser(queue, "a = 1")),
                () -> assertThrows(IllegalStateException.class, () -> ts.createQueue(uniqueName())),
                () -> assertThrows(IllegalStateException.class, ts::createTemporaryQueue));

        Topic t = ts.createTopic(uniqueName());
        TopicSubscriber subscriber = ts.createSubscriber(t);
        ts.createPublisher(t).publish(ts.createTextMessage("topics still work"));
        assertEquals("topics still work", ((TextMessage) subscriber.receive(5000)).getText());
        ts.createTemporaryTopic().delete();
    }

    @Test
    @DisplayName("a QueueConnection refuses the topic connection-consumer methods of Table 9-1 with "
            + "IllegalStateException")
    void queueConnectionRefusesTopicMethods() throws Exception {
        QueueConnection qc = track(((QueueConnectionFactory) factory).createQueueConnection());
        Topic topic = qc.createSession(Session.AUTO_ACKNOWLEDGE).createTopic(uniqueName());
        assertAll(
                () -> assertThrows(IllegalStateException.class,
                        () -> qc.createDurableConnectionConsumer(topic, "d", null, null, 1)),
                () -> assertThrows(IllegalStateException.class,
                        () -> qc.createSharedConnectionConsumer(topic, "s", null, null, 1)),
                () -> assertThrows(IllegalStateException.class,
                        () -> qc.createSharedDurableConnectionConsumer(topic, "d", null, null, 1)));
    }

    @Test
    @DisplayName("a Session of the unified API has every method of both domains")
    void unifiedSessionServesBothDomains() throws Exception {
        Session s = startedConnection().createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        Topic t = s.createTopic(uniqueName());
        s.createBrowser(q).close();
        s.createTemporaryQueue().delete();
        s.createTemporaryTopic().delete();
        s.createSharedConsumer(t, uniqueName()).close();
        String durable = uniqueName();
        s.createSharedDurableConsumer(t, durable).close();
        s.unsubscribe(durable);
    }
}
