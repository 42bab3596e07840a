package io.wrenmq.tck;

import io.wrenmq.broker.ConnectionLimits;
import io.wrenmq.broker.WrenBroker;
import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

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
    private ConnectionFactory limitedFactory;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /** Starts a broker with these limits; @return a connection to it */
    private Connection limited(int connections, int sessions, int consumers, int selectorLength) throws JMSException {
        broker = Broker.startDedicated(b -> b.persistent(false)
                .limits(new ConnectionLimits(connections, sessions, consumers, selectorLength)));
        limitedFactory = new WrenConnectionFactory(Broker.url(broker, null));
        return track(limitedFactory.createConnection());
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

    /** The request fails with {@code type}, and the reason names the option to raise. */
    private static void assertRefused(Class<? extends JMSException> type, String option, Executable request) {
        JMSException e = assertThrows(type, request);
        assertTrue(e.getMessage().contains(option), e.getMessage());
    }

    @Test
    @DisplayName("a connection beyond max-connections is refused with ResourceAllocationException; once one closes "
            + "another is let in")
    void connectionsBeyondTheLimitAreRefused() throws Exception {
        Connection first = limited(2, 10, 10, 100);
        Connection second = track(limitedFactory.createConnection());
        assertRefused(ResourceAllocationException.class, ConnectionLimits.MAX_CONNECTIONS,
                limitedFactory::createConnection);
        assertStillWorks(first);
        assertEquals(2, broker.connectionCount());

        second.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.connectionCount() == 1);
        assertStillWorks(track(limitedFactory.createConnection()));
    }

    @Test
    @DisplayName("a session beyond max-sessions-per-connection is refused; the connection keeps its others")
    void sessionsBeyondTheLimitAreRefused() throws Exception {
        Connection c = limited(10, 2, 10, 100);
        Session kept = c.createSession(Session.AUTO_ACKNOWLEDGE);
        Session closing = c.createSession(Session.AUTO_ACKNOWLEDGE);
        assertRefused(ResourceAllocationException.class, ConnectionLimits.MAX_SESSIONS,
                () -> c.createSession(Session.AUTO_ACKNOWLEDGE));
        kept.createProducer(kept.createQueue(uniqueName())).send(kept.createMessage());
        closing.close();
        // One closed: room for one more, which assertStillWorks takes.
        assertStillWorks(c);
        assertStillWorks(track(limitedFactory.createConnection()));
    }

    @Test
    @DisplayName("a consumer beyond max-consumers-per-connection is refused; closing one makes room")
    void consumersBeyondTheLimitAreRefused() throws Exception {
        Session s = limited(10, 10, 2, 100).createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        MessageConsumer one = s.createConsumer(q);
        s.createConsumer(s.createTopic(uniqueName()));
        assertRefused(ResourceAllocationException.class, ConnectionLimits.MAX_CONSUMERS, () -> s.createConsumer(q));
        one.close();
        s.createConsumer(q).close();
        assertStillWorks(track(limitedFactory.createConnection()));
    }

    @Test
    @DisplayName("a selector longer than max-selector-length is refused with InvalidSelectorException")
    void selectorsBeyondTheLimitAreRefused() throws Exception {
        Connection c = limited(10, 10, 10, 40);
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        String longSelector = "colour = 'red' OR colour = 'green' OR colour = 'blue'";
        assertRefused(InvalidSelectorException.class, ConnectionLimits.MAX_SELECTOR_LENGTH,
                () -> s.createConsumer(q, longSelector));
        assertThrows(InvalidSelectorException.class, () -> s.createBrowser(q, longSelector).getEnumeration());
        s.createConsumer(q, "colour = 'red'").close();
        assertStillWorks(c);
    }
}
