package io.wrenmq.jms.jndi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;
import java.util.Hashtable;
import java.util.List;

/**
 * JNDI for standalone programs: an initial context whose connection factories, queues and topics are described by
 * the environment, that is {@code jndi.properties} on the classpath or the map given to
 * {@code new InitialContext(env)} (JNDI takes only its own {@code java.naming.*} properties from system
 * properties). With only this class set,
 *
 * <pre>
 * java.naming.factory.initial=io.wrenmq.jms.jndi.WrenInitialContextFactory
 * </pre>
 *
 * {@code ConnectionFactory}, {@code QueueConnectionFactory} and {@code TopicConnectionFactory} connect to
 * {@code java.naming.provider.url}, or to {@code tcp://localhost:61700}. More is bound with
 * {@code connectionFactory.NAME=tcp://host:port?clientID=...}, {@code queue.NAME=queueName} and
 * {@code topic.NAME=topicName} (see {@link EnvironmentBindings}), and {@code dynamicQueues/NAME} and
 * {@code dynamicTopics/NAME} look up any queue or topic without configuration. The same properties as the ActiveMQ,
 * Artemis and Qpid JMS context factories, so that a program written for one of those runs with only its
 * {@code jndi.properties} changed.
 *
 * <p>The context is read-only, and makes no connection itself: an unknown name is a
 * {@link javax.naming.NameNotFoundException}, a malformed property a {@link javax.naming.ConfigurationException}
 * when the context is created.
 */
public final class WrenInitialContextFactory implements InitialContextFactory {
    private static final Logger log = LoggerFactory.getLogger(WrenInitialContextFactory.class);

    /** JNDI instantiates initial context factories by reflection. */
    public WrenInitialContextFactory() {
    }

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
        Hashtable<?, ?> env = environment == null ? new Hashtable<>() : environment;
        NameSpace names = EnvironmentBindings.read(env);
        log.debug("JNDI context with bindings {}", names.children(List.of()).keySet());
        return new ReadOnlyContext(env, names, List.of());
    }
}
