package io.wrenmq.tck;

import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Jakarta Messaging 3.1, sections 4.1.6 "TemporaryQueue", 4.2.7 "Temporary topics" and 6.2.2 "Creating temporary
 * destinations": a temporary destination is unique to its connection, which alone may consume from it, lives no
 * longer than that connection, and cannot be deleted while it has consumers. {@link SessionTest} covers the
 * temporary queue through the classic API; this covers the temporary topic, and both through JMSContext.
 */
@DisplayName("Temporary destinations (spec 4.1.6, 4.2.7, 6.2.2)")
class TemporaryDestinationTest extends ContextTestSupport {

    private static Session session(Connection c) throws JMSException {
        return c.createSession(Session.AUTO_ACKNOWLEDGE);
    }

    /** A destination as another connection knows it: from the JMSReplyTo of a message it received. */
    private <D extends jakarta.jms.Destination> D asReceivedElsewhere(D temp, Class<D> type) throws JMSException {
        Session sender = session(connection());
        String carrierQueue = uniqueName();
        TextMessage carrier = sender.createTextMessage();
        carrier.setJMSReplyTo(temp);
        sender.createProducer(sender.createQueue(carrierQueue)).send(carrier);
        Session receiver = session(startedConnection());
        Message got = receiver.createConsumer(receiver.createQueue(carrierQueue)).receive(5000);
        return assertInstanceOf(type, got.getJMSReplyTo());
    }

    @Test
    @DisplayName("6.2.2: each temporary queue or topic is a new destination of its own")
    void eachTemporaryDestinationIsUnique() throws Exception {
        Connection c = startedConnection();
        Session s = session(c);
        TemporaryQueue q1 = s.createTemporaryQueue();
        TemporaryQueue q2 = s.createTemporaryQueue();
        TemporaryQueue onOtherConnection = session(connection()).createTemporaryQueue();
        assertNotEquals(q1.getQueueName(), q2.getQueueName());
        assertNotEquals(q1.getQueueName(), onOtherConnection.getQueueName());
        TemporaryTopic t1 = s.createTemporaryTopic();
        TemporaryTopic t2 = s.createTemporaryTopic();
        assertNotEquals(t1.getTopicName(), t2.getTopicName());

        MessageConsumer fromQ2 = s.createConsumer(q2);
        s.createProducer(q1).send(s.createTextMessage("for q1"));
        assertNull(fromQ2.receive(300), "a message to one temporary queue reached another");
        assertEquals("for q1", ((TextMessage) s.createConsumer(q1).receive(5000)).getText());
    }

    @Test
    @DisplayName("4.2.7, 6.2.2: only the connection of a temporary topic may subscribe to it, from any of its "
            + "sessions; another gets InvalidDestinationException")
    void onlyItsConnectionSubscribesToATemporaryTopic() throws Exception {
        Connection owner = startedConnection();
        TemporaryTopic temp = session(owner).createTemporaryTopic();
        Topic received = asReceivedElsewhere(temp, Topic.class);

        Session other = session(startedConnection());
        assertThrows(InvalidDestinationException.class, () -> other.createConsumer(received));
        assertThrows(InvalidDestinationException.class, () -> other.createConsumer(temp));
        assertThrows(InvalidDestinationException.class, () -> other.createConsumer(temp, null, true));

        MessageConsumer sibling = session(owner).createConsumer(temp);
        other.createProducer(received).send(other.createTextMessage("to the owner"));
        assertEquals("to the owner", ((TextMessage) sibling.receive(5000)).getText());
    }

    @Test
    @DisplayName("TemporaryTopic.delete: with a subscriber it is JMSException and the topic still works; once "
            + "deleted, publishing to it or subscribing is InvalidDestinationException")
    void aTemporaryTopicWithSubscribersCannotBeDeleted() throws Exception {
        Connection owner = startedConnection();
        Session s = session(owner);
        TemporaryTopic temp = s.createTemporaryTopic();
        MessageConsumer subscriber = s.createConsumer(temp);
        assertThrows(JMSException.class, temp::delete);
        s.createProducer(temp).send(s.createTextMessage("still there"));
        assertEquals("still there", ((TextMessage) subscriber.receive(5000)).getText());

        subscriber.close();
        temp.delete();
        assertThrows(InvalidDestinationException.class, () -> s.createProducer(temp).send(s.createMessage()));
        assertThrows(InvalidDestinationException.class, () -> s.createConsumer(temp));
        Session other = session(connection());
        assertThrows(InvalidDestinationException.class,
                () -> other.createProducer(null).send(temp, other.createMessage()));
    }

    @Test
    @DisplayName("4.2.7: a temporary topic is deleted with its connection")
    void aTemporaryTopicEndsWithItsConnection() throws Exception {
        Connection owner = connection();
        TemporaryTopic temp = session(owner).createTemporaryTopic();
        Session other = session(connection());
        MessageProducer p = other.createProducer(null);
        p.send(temp, other.createMessage());

        owner.close();
        assertThrows(InvalidDestinationException.class, () -> p.send(temp, other.createMessage()));
    }

    @Test
    @DisplayName("a temporary queue without consumers may be deleted while it holds messages")
    void aTemporaryQueueHoldingMessagesMayBeDeleted() throws Exception {
        Session s = session(startedConnection());
        TemporaryQueue temp = s.createTemporaryQueue();
        s.createProducer(temp).send(s.createTextMessage("dropped"));
        temp.delete();
        assertThrows(InvalidDestinationException.class, () -> s.createConsumer(temp));
    }

    @Test
    @DisplayName("JMSContext: only a context on the creating connection may consume from a temporary queue or "
            + "topic; another gets InvalidDestinationRuntimeException")
    void onlyContextsOfItsConnectionConsume() {
        JMSContext owner = context();
        TemporaryQueue queue = owner.createTemporaryQueue();
        TemporaryTopic topic = owner.createTemporaryTopic();
        JMSContext stranger = context();
        assertThrows(InvalidDestinationRuntimeException.class, () -> stranger.createConsumer(queue));
        assertThrows(InvalidDestinationRuntimeException.class, () -> stranger.createConsumer(topic));

        JMSContext sibling = tracked(owner.createContext(JMSContext.AUTO_ACKNOWLEDGE));
        JMSConsumer fromTopic = sibling.createConsumer(topic);
        stranger.createProducer().send(queue, "queued").send(topic, "published");
        assertEquals("queued", sibling.createConsumer(queue).receiveBody(String.class, 5000));
        assertEquals("published", fromTopic.receiveBody(String.class, 5000));
    }

    @Test
    @DisplayName("JMSContext: deleting a temporary queue or topic with a consumer is JMSException (delete is a "
            + "method of the destination); once deleted, sending to it is InvalidDestinationRuntimeException")
    void contextTemporaryDestinationsFollowTheDeleteRules() throws Exception {
        JMSContext ctx = context();
        TemporaryQueue queue = ctx.createTemporaryQueue();
        TemporaryTopic topic = ctx.createTemporaryTopic();
        JMSConsumer onQueue = ctx.createConsumer(queue);
        JMSConsumer onTopic = ctx.createConsumer(topic);
        assertThrows(JMSException.class, queue::delete);
        assertThrows(JMSException.class, topic::delete);

        onQueue.close();
        onTopic.close();
        queue.delete();
        topic.delete();
        JMSContext other = context();
        assertThrows(InvalidDestinationRuntimeException.class, () -> other.createProducer().send(queue, "late"));
        assertThrows(InvalidDestinationRuntimeException.class, () -> other.createProducer().send(topic, "late"));
        assertThrows(JMSRuntimeException.class, () -> ctx.createConsumer(queue));
    }
}
