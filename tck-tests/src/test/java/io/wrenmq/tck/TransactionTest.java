package io.wrenmq.tck;

import io.wrenmq.broker.WrenBroker;
import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionRolledBackException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jakarta Messaging 3.1, section 6.2.7: local transactions of a transacted session. */
@DisplayName("Local transactions (spec 6.2.7)")
class TransactionTest extends JmsTestSupport {

    private static void send(Session s, Queue q, int mode, String... texts) throws Exception {
        MessageProducer p = s.createProducer(q);
        p.setDeliveryMode(mode);
        for (String t : texts) {
            p.send(s.createTextMessage(t));
        }
    }

    private Session plainSession() throws Exception {
        return startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @ParameterizedTest(name = "deliveryMode={0}")
    @ValueSource(ints = {DeliveryMode.PERSISTENT, DeliveryMode.NON_PERSISTENT})
    @DisplayName("messages sent in a transaction are invisible until commit, then all arrive in order")
    void sendsAreInvisibleUntilCommit(int mode) throws Exception {
        Queue q = plainSession().createQueue(uniqueName());
        Session tx = startedConnection().createSession(true, Session.SESSION_TRANSACTED);
        send(tx, q, mode, "a", "b", "c");
        MessageConsumer consumer = plainSession().createConsumer(q);
        assertNull(consumer.receive(300), "a message was visible before commit");
        assertEquals(0, Broker.queueDepth(q.getQueueName()));
        tx.commit();
        assertEquals("a", text(consumer.receive(5000)));
        assertEquals("b", text(consumer.receive(5000)));
        assertEquals("c", text(consumer.receive(5000)));
    }

    @Test
    @DisplayName("rollback discards what the transaction sent")
    void rollbackDiscardsSends() throws Exception {
        Queue q = plainSession().createQueue(uniqueName());
        Session tx = startedConnection().createSession(true, Session.SESSION_TRANSACTED);
        send(tx, q, DeliveryMode.PERSISTENT, "dropped");
        tx.rollback();
        send(tx, q, DeliveryMode.PERSISTENT, "kept");
        tx.commit();
        MessageConsumer consumer = plainSession().createConsumer(q);
        assertEquals("kept", text(consumer.receive(5000)));
        assertNull(consumer.receive(300));
    }

    @Test
    @DisplayName("messages received in a transaction are acknowledged by commit, not before")
    void receivesAreAcknowledgedByCommit() throws Exception {
        Session plain = plainSession();
        Queue q = plain.createQueue(uniqueName());
        send(plain, q, DeliveryMode.PERSISTENT, "a", "b");
        Session tx = startedConnection().createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = tx.createConsumer(q);
        assertEquals("a", text(consumer.receive(5000)));
        assertEquals("b", text(consumer.receive(5000)));
        assertEquals(2, Broker.queueDepth(q.getQueueName()), "acknowledged before commit");
        tx.commit();
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.queueDepth(q.getQueueName()) == 0);
    }

    @Test
    @DisplayName("rollback redelivers what the transaction received, in order, flagged, with the count raised")
    void rollbackRedeliversReceivesFlagged() throws Exception {
        Session plain = plainSession();
        Queue q = plain.createQueue(uniqueName());
        send(plain, q, DeliveryMode.PERSISTENT, "a", "b", "c");
        Session tx = startedConnection().createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = tx.createConsumer(q);
        assertEquals("a", text(consumer.receive(5000)));
        assertEquals("b", text(consumer.receive(5000)));
        tx.rollback();
        Message a = consumer.receive(5000);
        assertEquals("a", text(a));
        assertTrue(a.getJMSRedelivered());
        assertEquals(2, a.getIntProperty("JMSXDeliveryCount"));
        assertEquals("b", text(consumer.receive(5000)));
        Message c = consumer.receive(5000);
        assertEquals("c", text(c));
        assertFalse(c.getJMSRedelivered(), "c was never handed to the application");
        tx.commit();
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.queueDepth(q.getQueueName()) == 0);
    }

    @Test
    @DisplayName("a commit covers sends and receives on several destinations together")
    void commitSpansDestinations() throws Exception {
        Session plain = plainSession();
        Queue in = plain.createQueue(uniqueName());
        Queue out1 = plain.createQueue(uniqueName());
        Queue out2 = plain.createQueue(uniqueName());
        send(plain, in, DeliveryMode.PERSISTENT, "order");
        Session tx = startedConnection().createSession(true, Session.SESSION_TRANSACTED);
        Message order = tx.createConsumer(in).receive(5000);
        assertNotNull(order);
        send(tx, out1, DeliveryMode.PERSISTENT, "invoice");
        send(tx, out2, DeliveryMode.NON_PERSISTENT, "shipment");
        tx.commit();
        assertEquals("invoice", text(plain.createConsumer(out1).receive(5000)));
        assertEquals("shipment", text(plain.createConsumer(out2).receive(5000)));
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.queueDepth(in.getQueueName()) == 0);
    }

    @Test
    @DisplayName("closing a transacted session rolls back: its sends are dropped, its receives come back")
    void closingATransactedSessionRollsBack() throws Exception {
        Session plain = plainSession();
        Queue q = plain.createQueue(uniqueName());
        Queue out = plain.createQueue(uniqueName());
        send(plain, q, DeliveryMode.PERSISTENT, "a");
        Session tx = startedConnection().createSession(true, Session.SESSION_TRANSACTED);
        assertEquals("a", text(tx.createConsumer(q).receive(5000)));
        send(tx, out, DeliveryMode.PERSISTENT, "never");
        tx.close();
        Message again = plain.createConsumer(q).receive(5000);
        assertEquals("a", text(again));
        assertTrue(again.getJMSRedelivered());
        assertNull(plain.createConsumer(out).receive(300));
    }

    @Test
    @DisplayName("commit and rollback outside a transaction, recover inside one: IllegalStateException")
    void wrongSessionKindIsRefused() throws Exception {
        Session plain = plainSession();
        assertThrows(IllegalStateException.class, plain::commit);
        assertThrows(IllegalStateException.class, plain::rollback);
        Session tx = startedConnection().createSession(Session.SESSION_TRANSACTED);
        assertTrue(tx.getTransacted());
        assertEquals(Session.SESSION_TRANSACTED, tx.getAcknowledgeMode());
        assertThrows(IllegalStateException.class, tx::recover);
    }

    @Test
    @DisplayName("Message.acknowledge() in a transacted session does nothing: only commit acknowledges")
    void acknowledgeDoesNothingInATransaction() throws Exception {
        Session plain = plainSession();
        Queue q = plain.createQueue(uniqueName());
        send(plain, q, DeliveryMode.PERSISTENT, "a");
        Session tx = startedConnection().createSession(true, Session.SESSION_TRANSACTED);
        Message m = tx.createConsumer(q).receive(5000);
        m.acknowledge();
        tx.rollback();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                .until(() -> Broker.queueDepth(q.getQueueName()) == 1);
    }

    @Test
    @DisplayName("a listener of a transacted session commits what it consumed and sent")
    void listenerCommits() throws Exception {
        Session plain = plainSession();
        Queue in = plain.createQueue(uniqueName());
        Queue out = plain.createQueue(uniqueName());
        Connection c = connection();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer forward = tx.createProducer(out);
        List<String> seen = new CopyOnWriteArrayList<>();
        tx.createConsumer(in).setMessageListener(m -> {
            try {
                seen.add(text(m));
                forward.send(tx.createTextMessage(text(m).toUpperCase()));
                tx.commit();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        c.start();
        send(plain, in, DeliveryMode.PERSISTENT, "x", "y");
        MessageConsumer results = plain.createConsumer(out);
        assertEquals("X", text(results.receive(5000)));
        assertEquals("Y", text(results.receive(5000)));
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.queueDepth(in.getQueueName()) == 0);
        assertEquals(List.of("x", "y"), List.copyOf(seen));
    }

    @Test
    @DisplayName("JMSContext in SESSION_TRANSACTED mode commits and rolls back")
    void contextTransactions() throws Exception {
        Queue q = plainSession().createQueue(uniqueName());
        try (JMSContext ctx = factory.createContext(JMSContext.SESSION_TRANSACTED)) {
            assertTrue(ctx.getTransacted());
            ctx.createProducer().send(q, "dropped");
            ctx.rollback();
            ctx.createProducer().send(q, "kept");
            ctx.commit();
            assertEquals("kept", ctx.createConsumer(q).receiveBody(String.class, 5000));
            ctx.commit();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.queueDepth(q.getQueueName()) == 0);
    }

    @Test
    @DisplayName("a committed transaction survives a broker restart, sends and acknowledgements together")
    void committedTransactionSurvivesARestart() throws Exception {
        Path data = Broker.freshDataDir();
        String in = uniqueName();
        String out = uniqueName();
        try (WrenBroker first = Broker.startDedicated(b -> b.dataDir(data))) {
            ConnectionFactory f = new WrenConnectionFactory(Broker.url(first, null));
            try (Connection c = f.createConnection()) {
                c.start();
                Session plain = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                send(plain, plain.createQueue(in), DeliveryMode.PERSISTENT, "request");
                Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
                assertEquals("request", text(tx.createConsumer(tx.createQueue(in)).receive(5000)));
                send(tx, tx.createQueue(out), DeliveryMode.PERSISTENT, "reply");
                tx.commit();
            }
        }
        try (WrenBroker second = Broker.startDedicated(b -> b.dataDir(data))) {
            ConnectionFactory f = new WrenConnectionFactory(Broker.url(second, null));
            try (Connection c = f.createConnection()) {
                c.start();
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                assertNull(s.createConsumer(s.createQueue(in)).receive(300), "the consumed request came back");
                TextMessage reply = (TextMessage) s.createConsumer(s.createQueue(out)).receive(5000);
                assertEquals("reply", text(reply));
            }
        }
    }

    @Test
    @DisplayName("a transaction larger than the broker holds cannot commit: TransactionRolledBackException")
    void oversizedTransactionIsRolledBack() throws Exception {
        try (WrenBroker small = Broker.startDedicated(b -> b.maxFrameSize(16 * 1024).maxDestinationMemory(64 * 1024))) {
            ConnectionFactory f = new WrenConnectionFactory(Broker.url(small, null));
            Connection c = track(f.createConnection());
            c.start();
            Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
            Queue q = tx.createQueue(uniqueName());
            MessageProducer p = tx.createProducer(q);
            for (int i = 0; i < 20; i++) {
                p.send(tx.createTextMessage("x".repeat(8 * 1024)));
            }
            assertThrows(TransactionRolledBackException.class, tx::commit);
            p.send(tx.createTextMessage("small"));
            tx.commit();
            Session plain = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = plain.createConsumer(q);
            assertEquals("small", text(consumer.receive(5000)));
            assertNull(consumer.receive(300));
        }
    }
}
