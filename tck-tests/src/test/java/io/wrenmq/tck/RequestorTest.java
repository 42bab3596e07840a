package io.wrenmq.tck;

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

    /** What {@code QueueRequestor} and {@code TopicRequestor} have in common. */
    @FunctionalInterface
    private interface Requestor {
        Message request(Message message) throws JMSException;
    }

    /**
     * Asks each text through {@code requestor}, on a thread of its own so that a reply that never comes fails the
     * test rather than hangs it, and checks that the reply answers that request.
     */
    private static void assertEachAnswered(Session s, Requestor requestor, String... texts) throws Exception {
        for (String text : texts) {
            TextMessage request = s.createTextMessage(text);
            Message reply = CompletableFuture.supplyAsync(() -> {
                try {
                    return requestor.request(request);
                } catch (JMSException e) {
                    throw new RuntimeException(e);
                }
            }, THREAD_PER_TASK).get(10, TimeUnit.SECONDS);
            assertEquals("re: " + text, ((TextMessage) reply).getText());
            assertEquals(request.getJMSMessageID(), reply.getJMSCorrelationID());
        }
    }

    /** After a requestor's {@code close()}: its session is closed, and nothing can be sent to where it was answered. */
    private void assertClosedWithItsDestination(Session requestorSession, Destination replyTo) throws JMSException {
        assertThrows(IllegalStateException.class, requestorSession::createTextMessage,
                "the requestor's session is still open");
        Session other = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidDestinationException.class,
                () -> other.createProducer(replyTo).send(other.createTextMessage("too late")));
    }

    @Test
    @DisplayName("4.1.8: request sends with a temporary queue as JMSReplyTo and returns the reply; one requestor "
            + "serves request after request")
    void queueRequestorReturnsEachReply() throws Exception {
        Queue service = connection().createSession(Session.AUTO_ACKNOWLEDGE).createQueue(uniqueName());
        List<Destination> replyTos = respondTo(service);
        QueueSession s = ((QueueConnection) startedConnection()).createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        QueueRequestor requestor = new QueueRequestor(s, service);

        assertEachAnswered(s, requestor::request, "first", "second", "third");
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
        assertEachAnswered(s, requestor::request, "ping");

        requestor.close();
        assertClosedWithItsDestination(s, replyTos.get(0));
        // Its connection carries on.
        c.createQueueSession(false, Session.AUTO_ACKNOWLEDGE).createTemporaryQueue().delete();
    }

    @Test
    @DisplayName("4.2.10: request publishes with a temporary topic as JMSReplyTo and returns the reply; one "
            + "requestor serves request after request")
    void topicRequestorReturnsEachReply() throws Exception {
        Topic service = connection().createSession(Session.AUTO_ACKNOWLEDGE).createTopic(uniqueName());
        List<Destination> replyTos = respondTo(service);
        TopicSession s = ((TopicConnection) startedConnection()).createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        TopicRequestor requestor = new TopicRequestor(s, service);

        assertEachAnswered(s, requestor::request, "first", "second");
        TemporaryTopic replyTopic = assertInstanceOf(TemporaryTopic.class, replyTos.get(0));
        assertEquals(List.of(replyTopic, replyTopic), replyTos);
        requestor.close();
    }

    @Test
    @DisplayName("4.2.10: close() closes the requestor's session and deletes its temporary topic")
    void topicRequestorCloseDeletesItsTemporaryTopic() throws Exception {
        Topic service = connection().createSession(Session.AUTO_ACKNOWLEDGE).createTopic(uniqueName());
        List<Destination> replyTos = respondTo(service);
        TopicSession s = ((TopicConnection) startedConnection()).createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        TopicRequestor requestor = new TopicRequestor(s, service);
        assertEachAnswered(s, requestor::request, "ping");

        requestor.close();
        assertClosedWithItsDestination(s, replyTos.get(0));
    }
}
