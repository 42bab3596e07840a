package io.wrenmq.tck;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Base of the conformance tests: a connection factory for the shared {@link Broker}, destination names unique to
 * the test, and connections that are closed after each test whatever happened.
 */
public abstract class JmsTestSupport {
    private static final AtomicInteger NAMES = new AtomicInteger();

    protected ConnectionFactory factory;
    private final List<Connection> connections = new ArrayList<>();
    private String testName;

    @BeforeEach
    void setUpSupport(TestInfo info) {
        factory = Broker.connectionFactory();
        testName = getClass().getSimpleName() + "." + info.getTestMethod().map(m -> m.getName()).orElse("test");
    }

    @AfterEach
    void closeConnections() {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (JMSException | RuntimeException e) {
                // Closing what a test left behind must not hide the test's own outcome.
            }
        }
        connections.clear();
    }

    /** A destination name no other test uses. */
    protected String uniqueName() {
        return testName + "." + NAMES.incrementAndGet();
    }

    /** A new connection, closed after the test; not started. */
    protected Connection connection() throws JMSException {
        return track(factory.createConnection());
    }

    /** A new connection with URL options (e.g. "prefetch=0"), closed after the test; not started. */
    protected Connection connection(String urlOptions) throws JMSException {
        return track(Broker.connectionFactory(urlOptions).createConnection());
    }

    /** A started connection, closed after the test. */
    protected Connection startedConnection() throws JMSException {
        Connection c = connection();
        c.start();
        return c;
    }

    protected <C extends Connection> C track(C c) {
        connections.add(c);
        return c;
    }
}
