package io.wrenmq.tck;

import io.wrenmq.broker.WrenBroker;
import io.wrenmq.broker.core.DestinationStats;
import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jakarta Messaging 3.1, section 6.1: connections, their life cycle, client identifier and metadata. */
@DisplayName("Connection (spec 6.1)")
class ConnectionTest extends JmsTestSupport {

    private static long inFlight(String queue) {
        return Broker.queueStats(queue).map(DestinationStats::inFlight).orElse(0L);
    }

    /**
     * Calls {@code action} while a listener of {@code c}, a started connection, is inside {@code onMessage}, and
     * proves that it did not return before the listener.
     */
    private void assertWaitsForRunningListener(Connection c, Action action, String what) throws Exception {
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean listenerReturned = new AtomicBoolean();
        s.createConsumer(q).setMessageListener(m -> {
            inside.countDown();
            awaitLatch(release);
            listenerReturned.set(true);
        });
        c.createSession(Session.AUTO_ACKNOWLEDGE).createProducer(q).send(s.createTextMessage("slow"));
        assertTrue(inside.await(5, TimeUnit.SECONDS));

        releaseWhenBlocked(release, action);
        assertTrue(listenerReturned.get(), what + " returned while the listener was still running");
    }

    @Test
    @DisplayName("6.1.4: a connection not yet started delivers nothing, to receive or to listeners, though the "
            + "messages have reached it")
    void nothingIsDeliveredBeforeStart() throws Exception {
        String forReceive = uniqueName();
        String forListener = uniqueName();
        Connection c = connection();
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(null);
        p.send(s.createQueue(forReceive), s.createTextMessage("r"));
        p.send(s.createQueue(forListener), s.createTextMessage("l"));
        MessageConsumer receiver = s.createConsumer(s.createQueue(forReceive));
        List<String> heard = new CopyOnWriteArrayList<>();
        c.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(s.createQueue(forListener))
                .setMessageListener(m -> heard.add(text(m)));
        // Both messages are in the client's prefetch buffers: only the stopped connection holds them back.
        await().atMost(Duration.ofSeconds(5)).until(() -> inFlight(forReceive) == 1 && inFlight(forListener) == 1);

        assertNull(receiver.receiveNoWait());
        assertNull(receiver.receive(300));
        assertTrue(heard.isEmpty(), "a listener was called before start: " + heard);

        c.start();
        assertEquals("r", ((TextMessage) receiver.receive(5000)).getText());
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.equals(List.of("l")));
    }

    @Test
    @DisplayName("6.1.5: stop() does not return before a running listener has returned")
    void stopWaitsForRunningListener() throws Exception {
        Connection c = startedConnection();
        assertWaitsForRunningListener(c, c::stop, "stop()");
    }

    @Test
    @DisplayName("6.1.5: a stopped connection holds messages back from listeners and receive; start resumes")
    void stopPausesDeliveryAndStartResumesIt() throws Exception {
        String forListener = uniqueName();
        String forReceive = uniqueName();
        Connection c = startedConnection();
        Session ls = c.createSession(Session.AUTO_ACKNOWLEDGE);
        List<String> heard = new CopyOnWriteArrayList<>();
        ls.createConsumer(ls.createQueue(forListener)).setMessageListener(m -> heard.add(text(m)));
        Session rs = c.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer receiver = rs.createConsumer(rs.createQueue(forReceive));
        Session ps = c.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = ps.createProducer(null);
        p.send(ps.createQueue(forListener), ps.createTextMessage("before stop"));
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 1);

        c.stop();
        c.stop(); // ignored
        p.send(ps.createQueue(forListener), ps.createTextMessage("while stopped"));
        p.send(ps.createQueue(forReceive), ps.createTextMessage("while stopped"));
        await().atMost(Duration.ofSeconds(5)).until(() -> inFlight(forListener) == 1 && inFlight(forReceive) == 1);
        assertNull(receiver.receive(300), "receive returned a message while the connection was stopped");
        assertEquals(List.of("before stop"), heard);

        c.start();
        assertEquals("while stopped", ((TextMessage) receiver.receive(5000)).getText());
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 2);
        assertEquals("while stopped", heard.get(1));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"prefetch=0", "prefetch=1000"})
    @DisplayName("6.1.5: a receive blocked when the connection stops does not return a message until it restarts")
    void blockedReceiveGetsNothingWhileStopped(String options) throws Exception {
        String name = uniqueName();
        Connection c = connection(options);
        c.start();
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(name);
        CompletableFuture<Message> got = blockedReceive(s.createConsumer(q), 10_000);

        c.stop();
        Session ps = c.createSession(Session.AUTO_ACKNOWLEDGE);
        ps.createProducer(q).send(ps.createTextMessage("sent while stopped"));
        await().atMost(Duration.ofSeconds(5)).until(() -> got.isDone() || inFlight(name) == 1);
        assertFalse(got.isDone(), "receive returned while the connection was stopped");
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !got.isDone());

        c.start();
        assertEquals("sent while stopped", ((TextMessage) got.get(5, TimeUnit.SECONDS)).getText());
    }

    @Test
    @DisplayName("6.1.5: a listener that stops or closes its own connection gets IllegalStateException")
    void listenerMayNotStopOrCloseItsOwnConnection() throws Exception {
        Connection c = connection();
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        List<Class<?>> outcomes = new CopyOnWriteArrayList<>();
        List<String> heard = new CopyOnWriteArrayList<>();
        s.createConsumer(q).setMessageListener(m -> {
            outcomes.add(outcomeOf(c::stop));
            outcomes.add(outcomeOf(c::close));
            heard.add(text(m));
        });
        MessageProducer p = c.createSession(Session.AUTO_ACKNOWLEDGE).createProducer(q);
        p.send(s.createTextMessage("first"));
        c.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> outcomes.size() == 2);
        assertEquals(List.of(IllegalStateException.class, IllegalStateException.class), outcomes);

        p.send(s.createTextMessage("second"));
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 2);
    }

    @Test
    @DisplayName("6.1.8: close() does not return before a running listener has returned")
    void closeWaitsForRunningListener() throws Exception {
        Connection c = startedConnection();
        assertWaitsForRunningListener(c, c::close, "close()");
    }

    @Test
    @DisplayName("6.1.8: close() ends a receive blocked in another thread, which returns null")
    void closeEndsABlockedReceive() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        CompletableFuture<Message> got = blockedReceive(s.createConsumer(s.createQueue(uniqueName())), 0);
        c.close();
        assertNull(got.get(5, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("6.1.8: close is idempotent; the connection and its sessions, producers and consumers then throw "
            + "IllegalStateException; messages stay readable, a received one cannot be acknowledged")
    void closedConnectionRefusesEverything() throws Exception {
        Connection c = startedConnection();
        SessionInUse used = SessionInUse.open(c, uniqueName());

        c.close();
        c.close();
        assertAll(
                () -> assertThrows(IllegalStateException.class, () -> c.createSession(Session.AUTO_ACKNOWLEDGE)),
                () -> assertThrows(IllegalStateException.class, () -> c.createSession(false, Session.AUTO_ACKNOWLEDGE)),
                () -> assertThrows(IllegalStateException.class, c::createSession),
                () -> assertThrows(IllegalStateException.class, c::start),
                () -> assertThrows(IllegalStateException.class, c::stop),
                () -> assertThrows(IllegalStateException.class, c::getClientID),
                () -> assertThrows(IllegalStateException.class, () -> c.setClientID(uniqueName())),
                () -> assertThrows(IllegalStateException.class, c::getMetaData),
                () -> assertThrows(IllegalStateException.class, c::getExceptionListener),
                () -> assertThrows(IllegalStateException.class, () -> c.setExceptionListener(e -> { })));
        used.assertClosed();
    }

    @Test
    @DisplayName("6.1.8: closing a connection does not acknowledge what its CLIENT_ACKNOWLEDGE sessions received")
    void closeDoesNotAcknowledgeClientAcknowledgedMessages() throws Exception {
        String name = uniqueName();
        Connection c = startedConnection();
        Session s = c.createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue q = s.createQueue(name);
        s.createProducer(q).send(s.createTextMessage("unacknowledged"));
        assertNotNull(s.createConsumer(q).receive(5000));
        c.close();

        Session other = startedConnection().createSession(Session.AUTO_ACKNOWLEDGE);
        Message again = other.createConsumer(q).receive(5000);
        assertNotNull(again, "the unacknowledged message was lost");
        assertEquals("unacknowledged", ((TextMessage) again).getText());
        assertTrue(again.getJMSRedelivered());
    }

    @Test
    @DisplayName("6.1.7: the ExceptionListener is told once when the broker goes away; the connection then fails")
    void exceptionListenerIsCalledOnceWhenTheBrokerGoesAway() throws Exception {
        WrenBroker dedicated = Broker.startDedicated(b -> b);
        try {
            Connection c = track(new WrenConnectionFactory(Broker.url(dedicated, null)).createConnection());
            List<JMSException> reported = new CopyOnWriteArrayList<>();
            c.setExceptionListener(reported::add);
            c.start();
            Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(uniqueName()));
            CompletableFuture<Message> blocked = blockedReceive(consumer, 0);

            dedicated.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> reported.size() == 1);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> reported.size() == 1);
            assertNotNull(reported.get(0).getMessage());

            // A receive that was waiting is not left hanging, whether it returns null or throws.
            try {
                assertNull(blocked.get(5, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                assertInstanceOf(JMSException.class, e.getCause().getCause());
            }
            assertThrows(JMSException.class, () -> c.createSession(Session.AUTO_ACKNOWLEDGE));
            c.close();
        } finally {
            dedicated.close();
        }
    }

    @Test
    @DisplayName("6.1.6: ConnectionMetaData names Jakarta Messaging 3.1, the provider and the JMSX properties")
    void metaDataDescribesVersionAndProvider() throws Exception {
        ConnectionMetaData md = connection().getMetaData();
        assertEquals("3.1", md.getJMSVersion());
        assertEquals(3, md.getJMSMajorVersion());
        assertEquals(1, md.getJMSMinorVersion());
        assertEquals("Wren", md.getJMSProviderName());
        assertFalse(md.getProviderVersion().isBlank());
        assertTrue(md.getProviderMajorVersion() >= 0 && md.getProviderMinorVersion() >= 0);
        List<String> jmsx = Collections.list(md.getJMSXPropertyNames());
        assertTrue(jmsx.containsAll(List.of("JMSXDeliveryCount", "JMSXGroupID", "JMSXGroupSeq")), jmsx.toString());
    }

    @Test
    @DisplayName("6.1.2: setClientID right after creation sets it; once set, or after any other action, it is "
            + "IllegalStateException")
    void clientIdIsSetBeforeAnyOtherAction() throws Exception {
        String id = uniqueName();
        Connection c = connection();
        assertNull(c.getClientID());
        c.setClientID(id);
        assertEquals(id, c.getClientID());
        assertThrows(IllegalStateException.class, () -> c.setClientID(id + ".again"));

        Connection used = connection();
        used.createSession(Session.AUTO_ACKNOWLEDGE);
        assertThrows(IllegalStateException.class, () -> used.setClientID(uniqueName()));
        Connection started = connection();
        started.start();
        assertThrows(IllegalStateException.class, () -> started.setClientID(uniqueName()));
    }

    @Test
    @DisplayName("6.1.2: a client id in use by another connection is InvalidClientIDException; free again once "
            + "that connection closes")
    void duplicateClientIdIsRefused() throws Exception {
        String id = uniqueName();
        Connection first = connection();
        first.setClientID(id);
        Connection second = connection();
        assertThrows(InvalidClientIDException.class, () -> second.setClientID(id));

        first.close();
        Connection third = connection();
        third.setClientID(id);
        assertEquals(id, third.getClientID());
    }

    @Test
    @DisplayName("6.1.2: a client id is unique across the broker however it was set: by setClientID it keeps a "
            + "factory's connection out, and by a factory it refuses setClientID, with InvalidClientIDException")
    void clientIdIsUniqueHoweverItWasSet() throws Exception {
        String setByApplication = uniqueName();
        connection().setClientID(setByApplication);
        WrenConnectionFactory f = new WrenConnectionFactory(Broker.url(null));
        f.setClientID(setByApplication);
        assertThrows(InvalidClientIDException.class, () -> track(f.createConnection()));
        assertThrows(InvalidClientIDException.class, () -> track(f.createQueueConnection()));
        assertThrows(InvalidClientIDException.class, () -> track(f.createTopicConnection()));

        String setByFactory = uniqueName();
        WrenConnectionFactory g = new WrenConnectionFactory(Broker.url(null));
        g.setClientID(setByFactory);
        track(g.createConnection());
        Connection c = connection();
        assertThrows(InvalidClientIDException.class, () -> c.setClientID(setByFactory));
        assertNull(c.getClientID());
    }

    @Test
    @DisplayName("6.1.2: a client id set on the factory is the connection's; the application cannot change it, and "
            + "a second connection from that factory is refused")
    void administrativeClientIdCannotBeChanged() throws Exception {
        String id = uniqueName();
        WrenConnectionFactory f = new WrenConnectionFactory(Broker.url(null));
        f.setClientID(id);
        Connection c = track(f.createConnection());
        assertEquals(id, c.getClientID());
        assertThrows(IllegalStateException.class, () -> c.setClientID(id));
        assertThrows(IllegalStateException.class, () -> c.setClientID(uniqueName()));
        assertThrows(InvalidClientIDException.class, () -> track(f.createConnection()));
    }
}
