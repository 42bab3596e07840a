package io.wrenmq.tck;

import io.wrenmq.broker.ConnectionLimits;
import io.wrenmq.broker.WrenBroker;
import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The limits a broker puts on its clients ({@link ConnectionLimits}): each refuses the request past it with the
 * exception the README names and a reason naming the option, and leaves the connection, and everyone else, working.
 */
@DisplayName("Limits: connections, sessions, consumers, selector length")
class LimitsTest extends JmsTestSupport {
    private WrenBroker broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private ConnectionFactory limited(int connections, int sessions, int consumers, int selectorLength) {
        broker = Broker.startDedicated(b -> b.persistent(false)
                .limits(new ConnectionLimits(connections, sessions, consumers, selectorLength)));
        return new WrenConnectionFactory(Broker.url(broker, null));
    }

    /** The connection still carries a message: a refusal did not break it. */
    private void assertStillWorks(Connection c) throws Exception {
        c.start();
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        MessageConsumer consumer = s.createConsumer(q);
        MessageProducer p = s.createProducer(q);
        p.send(s.createTextMessage("still here"));
        assertEquals("still here", ((TextMessage) consumer.receive(10_000)).getText());
        consumer.close();
        s.close();
    }

    @Test
    @DisplayName("a connection beyond max-connections is refused with ResourceAllocationException; once one closes "
            + "another is let in")
    void connectionsBeyondTheLimitAreRefused() throws Exception {
        ConnectionFactory f = limited(2, 10, 10, 100);
        Connection first = track(f.createConnection());
        Connection second = track(f.createConnection());
        ResourceAllocationException e = assertThrows(ResourceAllocationException.class, f::createConnection);
        assertTrue(e.getMessage().contains("max-connections"), e.getMessage());
        assertStillWorks(first);
        assertEquals(2, broker.connectionCount());

        second.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.connectionCount() == 1);
        assertStillWorks(track(f.createConnection()));
    }

    @Test
    @DisplayName("a session beyond max-sessions-per-connection is refused; the connection keeps its others")
    void sessionsBeyondTheLimitAreRefused() throws Exception {
        ConnectionFactory f = limited(10, 2, 10, 100);
        Connection c = track(f.createConnection());
        Session kept = c.createSession(Session.AUTO_ACKNOWLEDGE);
        Session closing = c.createSession(Session.AUTO_ACKNOWLEDGE);
        ResourceAllocationException e = assertThrows(ResourceAllocationException.class,
                () -> c.createSession(Session.AUTO_ACKNOWLEDGE));
        assertTrue(e.getMessage().contains("max-sessions-per-connection"), e.getMessage());
        kept.createProducer(kept.createQueue(uniqueName())).send(kept.createMessage());
        closing.close();
        // One closed: room for one more, which assertStillWorks takes.
        assertStillWorks(c);
        assertStillWorks(track(f.createConnection()));
    }

    @Test
    @DisplayName("a consumer beyond max-consumers-per-connection is refused; closing one makes room")
    void consumersBeyondTheLimitAreRefused() throws Exception {
        ConnectionFactory f = limited(10, 10, 2, 100);
        Connection c = track(f.createConnection());
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        MessageConsumer one = s.createConsumer(q);
        s.createConsumer(s.createTopic(uniqueName()));
        ResourceAllocationException e = assertThrows(ResourceAllocationException.class, () -> s.createConsumer(q));
        assertTrue(e.getMessage().contains("max-consumers-per-connection"), e.getMessage());
        one.close();
        assertStillWorks(c);
    }

    @Test
    @DisplayName("a selector longer than max-selector-length is refused with InvalidSelectorException")
    void selectorsBeyondTheLimitAreRefused() throws Exception {
        ConnectionFactory f = limited(10, 10, 10, 40);
        Connection c = track(f.createConnection());
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        String longSelector = "colour = 'red' OR colour = 'green' OR colour = 'blue'";
        InvalidSelectorException e = assertThrows(InvalidSelectorException.class,
                () -> s.createConsumer(q, longSelector));
        assertTrue(e.getMessage().contains("max-selector-length"), e.getMessage());
        assertThrows(InvalidSelectorException.class, () -> s.createBrowser(q, longSelector).getEnumeration());
        s.createConsumer(q, "colour = 'red'").close();
        assertStillWorks(c);
    }
}
