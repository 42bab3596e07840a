package io.wrenmq.tck;

import io.wrenmq.broker.BrokerConfig;
import io.wrenmq.broker.WrenBroker;
import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Base of the conformance tests that need a broker of their own (settings of their own, or a restart): each test
 * gets a fresh one, on a fresh store, and {@link #factory} points at it.
 */
public abstract class DedicatedBrokerTestSupport extends JmsTestSupport {
    protected static final long RECEIVE_MS = 10_000;
    /** Long enough for a message that should not come to show up if it wrongly did; short enough for many tests. */
    protected static final long NOTHING_MS = 300;

    private Path dataDir;
    protected WrenBroker broker;

    /** The test class's settings on top of the defaults. */
    protected BrokerConfig.Builder configure(BrokerConfig.Builder b) {
        return b;
    }

    @BeforeEach
    void startDedicatedBroker() {
        dataDir = Broker.freshDataDir();
        start();
    }

    @AfterEach
    void stopDedicatedBroker() {
        closeConnections();
        broker.close();
    }

    private void start() {
        broker = Broker.startDedicated(b -> configure(b.dataDir(dataDir)));
        factory = new WrenConnectionFactory(Broker.url(broker, null));
    }

    /** Stops the broker cleanly, its connections closed first, and starts it again on the same store. */
    protected void restart() {
        restart(() -> {
        });
    }

    /** As {@link #restart()}, doing {@code whileStopped} while the broker is down. */
    protected void restart(Runnable whileStopped) {
        closeConnections();
        broker.close();
        whileStopped.run();
        start();
    }

    /**
     * The message the broker moved from {@code origin} to {@code queue} (a dead-letter or expiry queue), taken with
     * a selector on its origin so that other tests' messages there do not interfere.
     */
    protected static Message receiveMoved(Connection c, String queue, String origin) throws JMSException {
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(s.createQueue(queue),
                "JMS_WrenOriginalDestination = '" + origin + "'");
        Message m = consumer.receive(RECEIVE_MS);
        assertNotNull(m, "nothing from " + origin + " in " + queue);
        s.close();
        return m;
    }
}
