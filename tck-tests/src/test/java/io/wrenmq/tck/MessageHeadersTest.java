package io.wrenmq.tck;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jakarta Messaging 3.1, section 3.4: the header fields, as set by send and seen by the consumer. */
@DisplayName("Message header fields (spec 3.4)")
class MessageHeadersTest extends MessageTestSupport {
    private Queue queue;
    private MessageProducer producer;
    private MessageConsumer consumer;

    @BeforeEach
    void openQueue() throws JMSException {
        queue = session.createQueue(uniqueName());
        producer = session.createProducer(queue);
        consumer = session.createConsumer(queue);
    }

    private Message next() throws JMSException {
        return receive(consumer, Message.class);
    }

    /** Asserts that a send-time header lies between the clock readings taken just before and after send. */
    private static void assertSendTime(long before, long actual, long after, String what) {
        assertTrue(before <= actual && actual <= after, what + " " + actual + " is not within [" + before + ", "
                + after + "]");
    }

    @Test
    @DisplayName("JMSDestination is the queue or topic the message was sent to (3.4.1)")
    void destinationIsWhereTheMessageWasSent() throws Exception {
        Message sent = session.createMessage();
        producer.send(sent);
        Queue receivedQueue = assertInstanceOf(Queue.class, next().getJMSDestination());
        assertEquals(queue.getQueueName(), receivedQueue.getQueueName());
        assertEquals(queue.getQueueName(), ((Queue) sent.getJMSDestination()).getQueueName(), "set by send");

        Topic topic = session.createTopic(uniqueName());
        MessageConsumer subscriber = session.createConsumer(topic);
        session.createProducer(topic).send(session.createMessage());
        Topic receivedTopic = assertInstanceOf(Topic.class, receive(subscriber, Message.class).getJMSDestination());
        assertEquals(topic.getTopicName(), receivedTopic.getTopicName());
    }

    @Test
    @DisplayName("JMSDeliveryMode is the producer's, PERSISTENT by default, or the one given to send (3.4.2)")
    void deliveryModeIsTheOneSentWith() throws Exception {
        producer.send(session.createMessage());
        assertEquals(DeliveryMode.PERSISTENT, next().getJMSDeliveryMode());

        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        producer.send(session.createMessage());
        assertEquals(DeliveryMode.NON_PERSISTENT, next().getJMSDeliveryMode());

        producer.send(session.createMessage(), DeliveryMode.PERSISTENT, 4, 0);
        assertEquals(DeliveryMode.PERSISTENT, next().getJMSDeliveryMode());
    }

    @Test
    @DisplayName("JMSMessageID starts with \"ID:\", is unique, and the sender's message carries it too (3.4.3)")
    void messageIdIsPrefixedAndUnique() throws Exception {
        MessageProducer other = session.createProducer(queue);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            Message sent = session.createMessage();
            (i % 2 == 0 ? producer : other).send(sent);
            Message received = next();
            String id = received.getJMSMessageID();
            assertNotNull(id);
            assertTrue(id.startsWith("ID:"), id);
            assertEquals(id, sent.getJMSMessageID(), "send sets the id on the sender's message");
            assertTrue(ids.add(id), "duplicate id " + id);
        }
        Session otherSession = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Message fromAnotherConnection = otherSession.createMessage();
        otherSession.createProducer(queue).send(fromAnotherConnection);
        assertFalse(ids.contains(next().getJMSMessageID()), "ids are unique across connections");
    }

    @Test
    @DisplayName("with setDisableMessageID, JMSMessageID is null, or a normal id if the hint is ignored (3.4.3)")
    void disabledMessageIdIsNullOrNormal() throws Exception {
        producer.setDisableMessageID(true);
        producer.send(session.createMessage());
        producer.send(session.createMessage());
        String first = next().getJMSMessageID();
        String second = next().getJMSMessageID();
        if (first != null || second != null) {
            assertTrue(first != null && first.startsWith("ID:") && second != null && second.startsWith("ID:"),
                    "an id, if any, is a normal one: " + first + ", " + second);
            assertNotEquals(first, second);
        }
    }

    @Test
    @DisplayName("JMSTimestamp is the time send was called, or 0 with setDisableMessageTimestamp (3.4.4)")
    void timestampIsTheSendTime() throws Exception {
        long before = System.currentTimeMillis();
        Message sent = session.createMessage();
        producer.send(sent);
        long after = System.currentTimeMillis();
        assertSendTime(before, next().getJMSTimestamp(), after, "JMSTimestamp");
        assertSendTime(before, sent.getJMSTimestamp(), after, "JMSTimestamp of the sender's message");

        producer.setDisableMessageTimestamp(true);
        before = System.currentTimeMillis();
        producer.send(session.createMessage());
        after = System.currentTimeMillis();
        long disabled = next().getJMSTimestamp();
        if (disabled != 0) {
            assertSendTime(before, disabled, after, "a timestamp, if the hint is ignored,");
        }
    }

    @Test
    @DisplayName("JMSCorrelationID arrives as set, as a String or as bytes; null when not set (3.4.5)")
    void correlationIdArrivesAsSet() throws Exception {
        Message m = session.createMessage();
        m.setJMSCorrelationID("order-42");
        producer.send(m);
        assertEquals("order-42", next().getJMSCorrelationID());

        byte[] correlation = {0, 1, 2, (byte) 0xff, 127};
        Message b = session.createMessage();
        b.setJMSCorrelationIDAsBytes(correlation);
        producer.send(b);
        assertArrayEquals(correlation, next().getJMSCorrelationIDAsBytes());

        Message id = session.createMessage();
        producer.send(id);
        Message withMessageId = session.createMessage();
        withMessageId.setJMSCorrelationID(id.getJMSMessageID());
        producer.send(withMessageId);
        Message received = next();
        assertNull(received.getJMSCorrelationID());
        assertNull(received.getJMSCorrelationIDAsBytes());
        assertEquals(received.getJMSMessageID(), next().getJMSCorrelationID(), "a message id as correlation id");
    }

    @Test
    @DisplayName("JMSReplyTo: a queue arrives as that queue, and a reply sent to it arrives (3.4.6)")
    void replyToQueue() throws Exception {
        Queue replies = session.createQueue(uniqueName());
        assertReplyArrives(replies, session.createConsumer(replies));
    }

    @Test
    @DisplayName("JMSReplyTo: a topic arrives as that topic, and a reply sent to it arrives (3.4.6)")
    void replyToTopic() throws Exception {
        Topic replies = session.createTopic(uniqueName());
        assertReplyArrives(replies, session.createConsumer(replies));
    }

    @Test
    @DisplayName("JMSReplyTo: a temporary queue arrives as such, and a reply sent to it arrives (3.4.6)")
    void replyToTemporaryQueue() throws Exception {
        TemporaryQueue replies = session.createTemporaryQueue();
        Destination received = assertReplyArrives(replies, session.createConsumer(replies));
        assertInstanceOf(TemporaryQueue.class, received);
    }

    /**
     * Sends a request naming {@code replyTo} to a queue of its own; a responder on another connection answers to the
     * JMSReplyTo it received, and the answer must reach {@code replies}. Returns the JMSReplyTo the responder saw.
     */
    private Destination assertReplyArrives(Destination replyTo, MessageConsumer replies) throws Exception {
        Queue requests = session.createQueue(uniqueName());
        Message request = session.createTextMessage("request");
        request.setJMSReplyTo(replyTo);
        session.createProducer(requests).send(request);

        Session responder = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Message received = receive(responder.createConsumer(requests), Message.class);
        Destination answerTo = received.getJMSReplyTo();
        assertNotNull(answerTo);
        if (replyTo instanceof Queue q) {
            assertEquals(q.getQueueName(), assertInstanceOf(Queue.class, answerTo).getQueueName());
        } else {
            assertEquals(((Topic) replyTo).getTopicName(), assertInstanceOf(Topic.class, answerTo).getTopicName());
        }
        TextMessage reply = responder.createTextMessage("reply");
        reply.setJMSCorrelationID(received.getJMSMessageID());
        responder.createProducer(answerTo).send(reply);

        TextMessage answer = receive(replies, TextMessage.class);
        assertEquals("reply", answer.getText());
        assertEquals(request.getJMSMessageID(), answer.getJMSCorrelationID());
        return answerTo;
    }

    @Test
    @DisplayName("JMSReplyTo is null when not set (3.4.6)")
    void replyToIsNullWhenNotSet() throws Exception {
        producer.send(session.createMessage());
        assertNull(next().getJMSReplyTo());
    }

    @Test
    @DisplayName("JMSRedelivered is false and JMSXDeliveryCount 1 on first delivery (3.4.7, 3.5.11)")
    void firstDeliveryIsNotRedelivered() throws Exception {
        producer.send(session.createMessage());
        Message received = next();
        assertFalse(received.getJMSRedelivered());
        assertEquals(1, received.getIntProperty("JMSXDeliveryCount"));
    }

    @Test
    @DisplayName("JMSType arrives as set; null when not set (3.4.8)")
    void typeArrivesAsSet() throws Exception {
        Message m = session.createMessage();
        m.setJMSType("com.example.Order");
        producer.send(m);
        assertEquals("com.example.Order", next().getJMSType());
        producer.send(session.createMessage());
        assertNull(next().getJMSType());
    }

    @Test
    @DisplayName("JMSExpiration is 0 without a time-to-live, else send time plus time-to-live (3.4.9)")
    void expirationIsSendTimePlusTimeToLive() throws Exception {
        producer.send(session.createMessage());
        assertEquals(0, next().getJMSExpiration());

        long ttl = 60_000;
        long before = System.currentTimeMillis();
        Message sent = session.createMessage();
        producer.send(sent, DeliveryMode.PERSISTENT, 4, ttl);
        long after = System.currentTimeMillis();
        assertSendTime(before + ttl, next().getJMSExpiration(), after + ttl, "JMSExpiration");
        assertSendTime(before + ttl, sent.getJMSExpiration(), after + ttl, "JMSExpiration of the sender's message");

        producer.setTimeToLive(ttl);
        before = System.currentTimeMillis();
        producer.send(session.createMessage());
        after = System.currentTimeMillis();
        assertSendTime(before + ttl, next().getJMSExpiration(), after + ttl, "JMSExpiration by setTimeToLive");
    }

    @Test
    @DisplayName("JMSPriority is 4 by default, else the producer's or the one given to send (3.4.10)")
    void priorityIsTheOneSentWith() throws Exception {
        producer.send(session.createMessage());
        assertEquals(4, next().getJMSPriority());
        producer.setPriority(7);
        producer.send(session.createMessage());
        assertEquals(7, next().getJMSPriority());
        producer.send(session.createMessage(), DeliveryMode.PERSISTENT, 0, 0);
        assertEquals(0, next().getJMSPriority());
    }

    @Test
    @DisplayName("JMSDeliveryTime is the send time plus the delivery delay (3.4.13)")
    void deliveryTimeIsSendTimePlusDelay() throws Exception {
        long before = System.currentTimeMillis();
        producer.send(session.createMessage());
        long after = System.currentTimeMillis();
        assertSendTime(before, next().getJMSDeliveryTime(), after, "JMSDeliveryTime without a delay");

        long delay = 200;
        producer.setDeliveryDelay(delay);
        before = System.currentTimeMillis();
        Message sent = session.createMessage();
        producer.send(sent);
        after = System.currentTimeMillis();
        assertSendTime(before + delay, next().getJMSDeliveryTime(), after + delay, "JMSDeliveryTime");
        assertSendTime(before + delay, sent.getJMSDeliveryTime(), after + delay,
                "JMSDeliveryTime of the sender's message");
    }

    @Test
    @DisplayName("values the application set on the fields that send sets are replaced by send (3.4.11)")
    void sendOverridesTheFieldsItSets() throws Exception {
        Queue elsewhere = session.createQueue(uniqueName());
        Message m = session.createMessage();
        m.setJMSDestination(elsewhere);
        m.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        m.setJMSExpiration(12_345);
        m.setJMSPriority(9);
        m.setJMSMessageID("ID:chosen-by-the-application");
        m.setJMSTimestamp(1);
        m.setJMSDeliveryTime(2);
        m.setJMSRedelivered(true);
        long before = System.currentTimeMillis();
        producer.send(m);
        long after = System.currentTimeMillis();

        Message received = next();
        assertEquals(queue.getQueueName(), ((Queue) received.getJMSDestination()).getQueueName());
        assertEquals(DeliveryMode.PERSISTENT, received.getJMSDeliveryMode());
        assertEquals(0, received.getJMSExpiration());
        assertEquals(4, received.getJMSPriority());
        assertNotEquals("ID:chosen-by-the-application", received.getJMSMessageID());
        assertTrue(received.getJMSMessageID().startsWith("ID:"));
        assertSendTime(before, received.getJMSTimestamp(), after, "JMSTimestamp");
        assertSendTime(before, received.getJMSDeliveryTime(), after, "JMSDeliveryTime");
        assertFalse(received.getJMSRedelivered(), "JMSRedelivered is the provider's to set on delivery");
        assertEquals(0, Broker.queueDepth(elsewhere.getQueueName()),
                "JMSDestination set by the application is ignored");
    }
}
