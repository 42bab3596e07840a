package io.wrenmq.jms.client;

import io.wrenmq.jms.client.spi.DuplexStream;
import io.wrenmq.jms.client.spi.InVmConnector;
import jakarta.jms.JMSException;

import java.io.IOException;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the {@link InVmConnector} the broker jar provides and opens {@code vm://} connections through it. Looked up
 * through the thread's context class loader first (an application server's web application may hold the broker
 * jar), then through the client's own.
 */
final class InVmConnectors {
    /** The artifact a user must add; error texts are an API, so it is named in full. */
    static final String BROKER_ARTIFACT = "io.wrenmq:wren-broker";

    /** Once found, kept: the lookup reads every jar's service files. A failed lookup is repeated next time. */
    private static volatile InVmConnector found;

    private InVmConnectors() {
    }

    /**
     * A new connection to the in-VM broker {@code url} names.
     *
     * @throws JMSException naming the missing jar when the broker is not on the classpath, or saying why the
     *         broker gave no connection
     */
    static DuplexStream connect(BrokerUrl url) throws JMSException {
        InVmConnector connector = connector(url);
        try {
            return connector.connect(url.host(), url.brokerOptions());
        } catch (IOException | RuntimeException e) {
            throw Exceptions.withCause(new JMSException("cannot connect to the in-VM broker " + url.address() + ": "
                    + e.getMessage()), e);
        }
    }

    private static InVmConnector connector(BrokerUrl url) throws JMSException {
        InVmConnector c = found;
        if (c != null) {
            return c;
        }
        try {
            c = first(ServiceLoader.load(InVmConnector.class));
            if (c == null) {
                c = first(ServiceLoader.load(InVmConnector.class, InVmConnector.class.getClassLoader()));
            }
        } catch (ServiceConfigurationError e) {
            throw Exceptions.withCause(new JMSException(url.address() + " needs the in-VM broker from "
                    + BROKER_ARTIFACT + ", which failed to load: " + e.getMessage()), e);
        }
        if (c == null) {
            throw new JMSException(url.address() + " needs a broker in this JVM, but the broker jar is not on the "
                    + "classpath: add " + BROKER_ARTIFACT + " (the same version as this client), or connect to a "
                    + "broker with tcp://host:port");
        }
        found = c;
        return c;
    }

    private static InVmConnector first(ServiceLoader<InVmConnector> loader) {
        Iterator<InVmConnector> it = loader.iterator();
        return it.hasNext() ? it.next() : null;
    }
}
