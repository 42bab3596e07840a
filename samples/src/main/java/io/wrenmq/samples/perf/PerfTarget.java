package io.wrenmq.samples.perf;

import io.wrenmq.jms.WrenConnectionFactory;
import io.wrenmq.samples.JndiEnvironment;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;

import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * What the perf tool talks to: a connection factory and a destination, found in JNDI (any provider) or, without
 * JNDI, Wren's factory on a URL so that the tool runs out of the box.
 */
final class PerfTarget {
    private final ConnectionFactory connectionFactory;
    private final Destination lookedUp;
    private final PerfOptions options;

    private PerfTarget(ConnectionFactory connectionFactory, Destination lookedUp, PerfOptions options) {
        this.connectionFactory = connectionFactory;
        this.lookedUp = lookedUp;
        this.options = options;
    }

    static PerfTarget resolve(PerfOptions options) throws Exception {
        if (!options.usesJndi()) {
            return new PerfTarget(new WrenConnectionFactory(options.url()), null, options);
        }
        try {
            Context jndi = new InitialContext(JndiEnvironment.load(options.jndi().isEmpty() ? null : options.jndi()));
            try {
                ConnectionFactory cf = (ConnectionFactory) jndi.lookup(options.connectionFactory());
                boolean byName = !options.isQueueUri() && !options.isTopicUri();
                Destination destination = byName ? (Destination) jndi.lookup(options.destination()) : null;
                return new PerfTarget(cf, destination, options);
            } finally {
                jndi.close();
            }
        } catch (NamingException e) {
            throw new IllegalStateException("JNDI lookup failed: " + e, e);
        }
    }

    ConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    /** A session as the options ask: transacted (committed in batches by its user) or auto-acknowledge. */
    Session openSession(Connection connection) throws JMSException {
        return options.transacted() ? connection.createSession(true, Session.SESSION_TRANSACTED)
                : connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    /** The destination for {@code session}: the one found in JNDI, or one created by name through the session. */
    Destination destination(Session session) throws JMSException {
        if (lookedUp != null) {
            return lookedUp;
        }
        return options.isTopicUri() ? session.createTopic(options.destinationName())
                : session.createQueue(options.destinationName());
    }

    /** Every consumer of a topic gets every message; of a queue, each message goes to one consumer. */
    boolean isTopic() {
        if (lookedUp != null) {
            return lookedUp instanceof Topic && !(lookedUp instanceof Queue);
        }
        return options.isTopicUri();
    }

    String describe() {
        String where = options.usesJndi() ? "JNDI " + options.connectionFactory() + " ("
                + connectionFactory.getClass().getName() + ")" : options.url();
        String what = lookedUp != null ? options.destination() + " = " + lookedUp
                : options.destination();
        return what + " at " + where;
    }
}
