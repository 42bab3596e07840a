package io.wrenmq.tck;

import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueRequestor;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicRequestor;
import jakarta.jms.TopicSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Jakarta Messaging 3.1, sections 4.1.8 "QueueRequestor" and 4.2.10 "TopicRequestor": the API's request/reply
 * helpers, which reply through a temporary destination of their own, work against Wren, and {@code close()}
 * closes their session and deletes that destination.
 */
@DisplayName("QueueRequestor and TopicRequestor (spec 4.1.8, 4.2.10)")
class RequestorTest extends JmsTestSupport {

    /**
     * Answers each request on another connection: "re: " and the request's text, to its JMSReplyTo, correlated by
     * its message ID. Records where each request asked to be answered.
     */
    private List<Destination> respondTo(Destination service) throws JMSException {
        List<Destination> replyTos = new CopyOnWriteArrayList<>();
        Session s = startedConnection().createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer replies = s.createProducer(null);
        s.createConsumer(service).setMessageListener(request -> {
            try {
                replyTos.add(request.getJMSReplyTo());
                TextMessage reply = s.createTextMessage("re: " + ((TextMessage) request).getText());
                reply.setJMSCorrelationID(request.getJMSMessageID());
                replies.send(request.getJMSReplyTo(), reply);
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
        });
        return replyTos;
    }

    /** Something that blocks until answered, such as {@code request}. */
    @FunctionalInterface
    private interface Request {
        Message call() throws JMSException;
    }

    /** Makes {@code request} on a thread of its own, so that a reply that never comes fails the test, not hangs it. */
    private static Message within10Seconds(Request request) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return request.call();
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
        }, THREAD_PER_TASK).get(10, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("4.1.8: request sends with a temporary queue as JMSReplyTo and returns the reply; one requestor "
            + "serves request after request")
    void queueRequestorReturnsEachReply() throws Exception {
        Queue service = connection().createSession(Session.AUTO_ACKNOWLEDGE).createQueue(uniqueName());
        List<Destination> replyTos = respondTo(service);
        QueueConnection c = (QueueConnection) startedConnection();
        QueueSession s = c.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        QueueRequestor requestor = new QueueRequestor(s, service);

        for (String text : List.of("first", "second", "third")) {
            TextMessage request = s.createTextMessage(text);
            Message reply = within10Seconds(() -> requestor.request(request));
            assertEquals("re: " + text, ((TextMessage) reply).getText());
            assertEquals(request.getJMSMessageID(), reply.getJMSCorrelationID());
        }
        assertEquals(3, replyTos.size());
        TemporaryQueue replyQueue = assertInstanceOf(TemporaryQueue.class, replyTos.get(0));
        assertEquals(List.of(replyQueue, replyQueue, replyQueue), replyTos);
        requestor.close();
    }

    @Test
    @DisplayName("4.1.8: close() closes the requestor's session and deletes its temporary queue")
    void queueRequestorCloseDeletesItsTemporaryQueue() throws Exception {
        Queue service = connection().createSession(Session.AUTO_ACKNOWLEDGE).createQueue(uniqueName());
        List<Destination> replyTos = respondTo(service);
        QueueConnection c = (QueueConnection) startedConnection();
        QueueSession s = c.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        QueueRequestor requestor = new QueueRequestor(s, service);
        within10Seconds(() -> requestor.request(s.createTextMessage("ping")));

        requestor.close();
        assertThrows(IllegalStateException.class, s::createTextMessage, "the requestor's session is still open");
        Session other = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        Destination replyQueue = replyTos.get(0);
        assertThrows(InvalidDestinationException.class,
                () -> other.createProducer(replyQueue).send(other.createTextMessage("too late")));
        // Its connection carries on.
        c.createQueueSession(false, Session.AUTO_ACKNOWLEDGE).createTemporaryQueue().delete();
    }

    @Test
    @DisplayName("4.2.10: request publishes with a temporary topic as JMSReplyTo and returns the reply; one "
            + "requestor serves request after request")
    void topicRequestorReturnsEachReply() throws Exception {
        Topic service = connection().createSession(Session.AUTO_ACKNOWLEDGE).createTopic(uniqueName());
        List<Destination> replyTos = respondTo(service);
        TopicConnection c = (TopicConnection) startedConnection();
        TopicSession s = c.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        TopicRequestor requestor = new TopicRequestor(s, service);

        for (String text : List.of("first", "second")) {
            TextMessage request = s.createTextMessage(text);
            Message reply = within10Seconds(() -> requestor.request(request));
            assertEquals("re: " + text, ((TextMessage) reply).getText());
            assertEquals(request.getJMSMessageID(), reply.getJMSCorrelationID());
        }
        TemporaryTopic replyTopic = assertInstanceOf(TemporaryTopic.class, replyTos.get(0));
        assertEquals(List.of(replyTopic, replyTopic), replyTos);
        requestor.close();
    }

    @Test
    @DisplayName("4.2.10: close() closes the requestor's session and deletes its temporary topic")
    void topicRequestorCloseDeletesItsTemporaryTopic() throws Exception {
        Topic service = connection().createSession(Session.AUTO_ACKNOWLEDGE).createTopic(uniqueName());
        List<Destination> replyTos = respondTo(service);
        Connection c = startedConnection();
        TopicSession s = ((TopicConnection) c).createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        TopicRequestor requestor = new TopicRequestor(s, service);
        within10Seconds(() -> requestor.request(s.createTextMessage("ping")));

        requestor.close();
        assertThrows(IllegalStateException.class, s::createTextMessage, "the requestor's session is still open");
        Session other = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        Destination replyTopic = replyTos.get(0);
        assertThrows(InvalidDestinationException.class,
                () -> other.createProducer(replyTopic).send(other.createTextMessage("too late")));
    }
}
