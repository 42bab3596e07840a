package io.wrenmq.tck;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;

/**
 * Base of the tests of the simplified API: contexts on the shared {@link Broker}, closed after each test whatever
 * happened.
 */
abstract class ContextTestSupport extends JmsTestSupport {
    /** A new AUTO_ACKNOWLEDGE context with a connection of its own, closed after the test. */
    protected JMSContext context() {
        return tracked(factory.createContext());
    }

    /** A new context in {@code sessionMode}, closed after the test. */
    protected JMSContext context(int sessionMode) {
        return tracked(factory.createContext(sessionMode));
    }

    /** A new context in {@code sessionMode} from a factory with URL options (e.g. "prefetch=0"). */
    protected JMSContext context(String urlOptions, int sessionMode) {
        ConnectionFactory f = Broker.connectionFactory(urlOptions);
        return tracked(f.createContext(sessionMode));
    }
}
