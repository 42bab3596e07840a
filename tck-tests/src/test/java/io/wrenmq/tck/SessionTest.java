package io.wrenmq.tck;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jakarta Messaging 3.1, section 6.2: sessions, their modes, factories, temporary destinations and closing. */
@DisplayName("Session (spec 6.2)")
class SessionTest extends JmsTestSupport {

    @ParameterizedTest(name = "mode {0}")
    @ValueSource(ints = {Session.AUTO_ACKNOWLEDGE, Session.CLIENT_ACKNOWLEDGE, Session.DUPS_OK_ACKNOWLEDGE})
    @DisplayName("6.2.10: every way of creating a session reports the acknowledgement mode it was given")
    void sessionReportsItsAcknowledgeMode(int mode) throws Exception {
        Connection c = connection();
        List<Session> sessions = List.of(c.createSession(mode), c.createSession(false, mode),
                ((QueueConnection) c).createQueueSession(false, mode),
                ((TopicConnection) c).createTopicSession(false, mode));
        for (Session s : sessions) {
            assertEquals(mode, s.getAcknowledgeMode());
            assertFalse(s.getTransacted());
        }
        assertEquals(Session.AUTO_ACKNOWLEDGE, c.createSession().getAcknowledgeMode());
    }

    @Test
    @DisplayName("6.2: createSession refuses a mode that is none of the defined ones, and SESSION_TRANSACTED as the "
            + "acknowledgement mode of a session that is not transacted")
    void invalidSessionModeIsRefused() throws Exception {
        Connection c = connection();
        assertThrows(JMSException.class, () -> c.createSession(42));
        assertThrows(JMSException.class, () -> c.createSession(-1));
        assertThrows(JMSException.class, () -> c.createSession(false, 42));
        assertThrows(JMSException.class, () -> c.createSession(false, Session.SESSION_TRANSACTED));
        assertThrows(JMSException.class,
                () -> ((QueueConnection) c).createQueueSession(false, Session.SESSION_TRANSACTED));
        assertThrows(JMSException.class,
                () -> ((TopicConnection) c).createTopicSession(false, Session.SESSION_TRANSACTED));
        assertTrue(c.createSession(true, 42).getTransacted(), "transacted: the acknowledgement mode is ignored");
    }

    @Test
    @DisplayName("6.2.4: the message factories create each kind of message, empty or with the body given, and "
            + "each kind crosses the broker as itself")
    void messageFactoriesCreateEveryKind() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        assertNull(s.createTextMessage().getText());
        assertNull(s.createObjectMessage().getObject());
        TextMessage text = s.createTextMessage("text");
        ObjectMessage object = s.createObjectMessage(new ArrayList<>(List.of("object")));
        BytesMessage bytes = s.createBytesMessage();
        bytes.writeBytes(new byte[] {1, 2, 3});
        MapMessage map = s.createMapMessage();
        map.setInt("n", 7);
        StreamMessage stream = s.createStreamMessage();
        stream.writeString("stream");
        Message plain = s.createMessage();
        plain.setStringProperty("kind", "plain");

        Queue q = s.createQueue(uniqueName());
        MessageProducer p = s.createProducer(q);
        for (Message m : List.of(text, object, bytes, map, stream, plain)) {
            p.send(m);
        }
        MessageConsumer consumer = s.createConsumer(q);
        assertEquals("text", assertInstanceOf(TextMessage.class, consumer.receive(5000)).getText());
        assertEquals(List.of("object"), assertInstanceOf(ObjectMessage.class, consumer.receive(5000)).getObject());
        BytesMessage b = assertInstanceOf(BytesMessage.class, consumer.receive(5000));
        byte[] body = new byte[3];
        assertEquals(3, b.readBytes(body));
        assertArrayEquals(new byte[] {1, 2, 3}, body);
        assertEquals(7, assertInstanceOf(MapMessage.class, consumer.receive(5000)).getInt("n"));
        assertEquals("stream", assertInstanceOf(StreamMessage.class, consumer.receive(5000)).readString());
        assertEquals("plain", consumer.receive(5000).getStringProperty("kind"));
    }

    @Test
    @DisplayName("6.2.3: createQueue and createTopic name the destination given; the same name is the same "
            + "destination")
    void createQueueAndTopicKeepTheirNames() throws Exception {
        Session s = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        String name = uniqueName();
        Queue q = s.createQueue(name);
        Topic t = s.createTopic(name);
        assertEquals(name, q.getQueueName());
        assertEquals(name, t.getTopicName());
        assertEquals(q, s.createQueue(name));
        assertEquals(t, s.createTopic(name));
        assertFalse(q.equals(t), "a queue and a topic of the same name are different destinations");
    }

    @Test
    @DisplayName("6.2.15: close is idempotent; the session, its producers and consumers then throw "
            + "IllegalStateException; messages stay readable, a received one cannot be acknowledged")
    void closedSessionRefusesEverything() throws Exception {
        Connection c = startedConnection();
        SessionInUse used = SessionInUse.open(c, uniqueName());

        used.session().close();
        used.session().close();
        used.assertClosed();
        // The connection carries on, and the unacknowledged message is there for another session.
        Session other = c.createSession(Session.AUTO_ACKNOWLEDGE);
        assertEquals("received", ((TextMessage) other.createConsumer(used.queue()).receive(5000)).getText());
    }

    @Test
    @DisplayName("6.2.15: closing a session ends a receive blocked in another thread, which returns null")
    void closeEndsABlockedReceive() throws Exception {
        Session s = startedConnection().createSession(Session.AUTO_ACKNOWLEDGE);
        CompletableFuture<Message> got = blockedReceive(s.createConsumer(s.createQueue(uniqueName())), 0);
        s.close();
        assertNull(got.get(5, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("6.2.15: a listener that closes its own session gets IllegalStateException")
    void listenerMayNotCloseItsOwnSession() throws Exception {
        Connection c = connection();
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        List<Class<?>> outcome = new CopyOnWriteArrayList<>();
        s.createConsumer(q).setMessageListener(m -> outcome.add(outcomeOf(s::close)));
        s.createProducer(q).send(s.createTextMessage("x"));
        c.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> outcome.size() == 1);
        assertEquals(IllegalStateException.class, outcome.get(0));
        s.createMessage(); // still open
    }

    @Test
    @DisplayName("6.2.2: a temporary queue serves as JMSReplyTo for a request answered from another connection")
    void temporaryQueueCarriesReplies() throws Exception {
        String service = uniqueName();
        Session requester = startedConnection().createSession(Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue replies = requester.createTemporaryQueue();
        assertNotNull(replies.getQueueName());
        MessageConsumer replyConsumer = requester.createConsumer(replies);
        TextMessage request = requester.createTextMessage("ping");
        request.setJMSReplyTo(replies);
        requester.createProducer(requester.createQueue(service)).send(request);

        Session responder = startedConnection().createSession(Session.AUTO_ACKNOWLEDGE);
        Message got = responder.createConsumer(responder.createQueue(service)).receive(5000);
        TemporaryQueue replyTo = assertInstanceOf(TemporaryQueue.class, got.getJMSReplyTo());
        assertEquals(replies.getQueueName(), replyTo.getQueueName());
        TextMessage reply = responder.createTextMessage("pong");
        reply.setJMSCorrelationID(got.getJMSMessageID());
        responder.createProducer(null).send(replyTo, reply);

        Message answer = replyConsumer.receive(5000);
        assertEquals("pong", ((TextMessage) answer).getText());
        assertEquals(request.getJMSMessageID(), answer.getJMSCorrelationID());
    }

    @Test
    @DisplayName("6.2.2: only the connection of a temporary queue may consume from it, from any of its sessions")
    void onlyItsConnectionConsumesFromATemporaryQueue() throws Exception {
        Connection owner = startedConnection();
        Session s = owner.createSession(Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue temp = s.createTemporaryQueue();
        TextMessage carrier = s.createTextMessage();
        carrier.setJMSReplyTo(temp);
        String name = uniqueName();
        s.createProducer(s.createQueue(name)).send(carrier);

        Session other = startedConnection().createSession(Session.AUTO_ACKNOWLEDGE);
        Queue received = (Queue) other.createConsumer(other.createQueue(name)).receive(5000).getJMSReplyTo();
        assertThrows(InvalidDestinationException.class, () -> other.createConsumer(received));
        assertThrows(InvalidDestinationException.class, () -> other.createConsumer(temp));

        Session sibling = owner.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer mine = sibling.createConsumer(temp);
        other.createProducer(received).send(other.createTextMessage("to the owner"));
        assertEquals("to the owner", ((TextMessage) mine.receive(5000)).getText());
    }

    @Test
    @DisplayName("6.2.2: a temporary queue with a consumer cannot be deleted; once deleted, sends to it fail")
    void deletedTemporaryQueueRefusesMessages() throws Exception {
        Connection owner = startedConnection();
        Session s = owner.createSession(Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue temp = s.createTemporaryQueue();
        MessageConsumer consumer = s.createConsumer(temp);
        // TemporaryQueue.delete: "If there are existing receivers still using it, a JMSException will be thrown."
        assertThrows(JMSException.class, temp::delete);
        s.createProducer(temp).send(s.createTextMessage("still usable"));
        assertEquals("still usable", ((TextMessage) consumer.receive(5000)).getText());

        consumer.close();
        temp.delete();
        assertThrows(InvalidDestinationException.class, () -> s.createProducer(temp).send(s.createMessage()));
        assertThrows(InvalidDestinationException.class, () -> s.createConsumer(temp));
        Session other = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = other.createProducer(null);
        p.setDeliveryMode(DeliveryMode.PERSISTENT);
        assertThrows(InvalidDestinationException.class, () -> p.send(temp, other.createMessage()));
    }

    @Test
    @DisplayName("6.2.2: a temporary queue is deleted with its connection")
    void temporaryQueueEndsWithItsConnection() throws Exception {
        Connection owner = connection();
        TemporaryQueue temp = owner.createSession(Session.AUTO_ACKNOWLEDGE).createTemporaryQueue();
        Session other = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = other.createProducer(null);
        p.send(temp, other.createMessage());

        owner.close();
        assertThrows(InvalidDestinationException.class, () -> p.send(temp, other.createMessage()));
    }

    @Test
    @DisplayName("4.2 / 6.2: a QueueSession and a TopicSession are sessions of their domain")
    void domainSessionsAreSessions() throws Exception {
        Connection c = connection();
        QueueSession qs = ((QueueConnection) c).createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        TopicSession ts = ((TopicConnection) c).createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        String name = uniqueName();
        qs.createSender(qs.createQueue(name)).send(qs.createTextMessage("via QueueSender"));
        c.start();
        assertEquals("via QueueSender",
                ((TextMessage) qs.createReceiver(qs.createQueue(name)).receive(5000)).getText());
        Topic t = ts.createTopic(name);
        MessageConsumer subscriber = ts.createSubscriber(t);
        ts.createPublisher(t).publish(ts.createTextMessage("via TopicPublisher"));
        assertEquals("via TopicPublisher", ((TextMessage) subscriber.receive(5000)).getText());
    }
}
