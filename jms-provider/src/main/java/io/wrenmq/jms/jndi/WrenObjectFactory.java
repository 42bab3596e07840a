package io.wrenmq.jms.jndi;

import io.wrenmq.jms.WrenConnectionFactory;
import io.wrenmq.jms.WrenDestination;
import io.wrenmq.jms.WrenQueue;
import io.wrenmq.jms.WrenTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.NamingException;
import javax.naming.Reference;
import javax.naming.StringRefAddr;
import javax.naming.spi.ObjectFactory;
import java.util.Hashtable;
import java.util.Set;

/**
 * Builds connection factories, queues and topics from JNDI {@link Reference}s: the ones Wren's own objects give
 * ({@link WrenConnectionFactory#getReference()}, {@link WrenDestination#getReference()}), and the resource
 * references a container makes from its configuration, such as a Tomcat {@code <Resource>} in {@code context.xml}:
 *
 * <pre>{@code
 * <Resource name="jms/ConnectionFactory" auth="Container" type="io.wrenmq.jms.WrenConnectionFactory"
 *           factory="io.wrenmq.jms.jndi.WrenObjectFactory" brokerURL="tcp://broker:61700?prefetch=100"/>
 * <Resource name="jms/Orders" auth="Container" type="jakarta.jms.Queue"
 *           factory="io.wrenmq.jms.jndi.WrenObjectFactory" physicalName="orders"/>
 * }</pre>
 *
 * <p>The reference's class name (Tomcat's {@code type}) says what to build: {@code WrenConnectionFactory} or
 * {@code jakarta.jms.ConnectionFactory}, {@code QueueConnectionFactory}, {@code TopicConnectionFactory};
 * {@code WrenQueue} or {@code jakarta.jms.Queue}; {@code WrenTopic} or {@code jakarta.jms.Topic}. Attributes are
 * matched ignoring case and accept the spellings ActiveMQ, Artemis and Qpid JMS users write: the broker URL as
 * {@code brokerURL} or {@code remoteURI}, {@code user} or {@code userName}, {@code password}, {@code clientID},
 * {@code deserializationAllowList}, {@code deserializationDenyList}, {@code trustAllPackages}; a destination's name as {@code physicalName}, {@code address} or {@code name}. Other attributes are ignored with
 * a warning, since a misspelt one would otherwise quietly fall back to a default.
 *
 * <p>Stateless and thread-safe.
 */
public final class WrenObjectFactory implements ObjectFactory {
    private static final Logger log = LoggerFactory.getLogger(WrenObjectFactory.class);

    private static final String BROKER_URL = "brokerUrl";
    private static final String REMOTE_URI = "remoteURI";
    private static final String USER = "user";
    private static final String USER_NAME = "userName";
    private static final String PASSWORD = "password";
    private static final String CLIENT_ID = "clientID";
    private static final String ALLOW_LIST = "deserializationAllowList";
    private static final String DENY_LIST = "deserializationDenyList";
    private static final String TRUST_ALL = "trustAllPackages";
    private static final String PHYSICAL_NAME = "physicalName";
    private static final String ADDRESS = "address";
    private static final String NAME = "name";

    /** Containers instantiate object factories by reflection. */
    public WrenObjectFactory() {
    }

    /** The reference {@link WrenConnectionFactory#getReference()} returns: its URL, and what else is set. */
    public static Reference referenceTo(WrenConnectionFactory factory) {
        Reference ref = new Reference(WrenConnectionFactory.class.getName(), WrenObjectFactory.class.getName(), null);
        ref.add(new StringRefAddr(BROKER_URL, factory.getBrokerUrl()));
        addIfSet(ref, USER, factory.getUser());
        addIfSet(ref, PASSWORD, factory.getPassword());
        addIfSet(ref, CLIENT_ID, factory.getClientID());
        addIfSet(ref, ALLOW_LIST, factory.getDeserializationAllowList());
        addIfSet(ref, DENY_LIST, factory.getDeserializationDenyList());
        addIfSet(ref, TRUST_ALL, factory.isTrustAllPackages() ? "true" : null);
        return ref;
    }

    /**
     * The reference {@link WrenDestination#getReference()} returns: a queue or topic by name. A temporary one is
     * referred to as the queue or topic of its name, since it cannot outlive its connection anyway.
     */
    public static Reference referenceTo(WrenDestination destination) {
        Class<?> type = destination.kind().isTopic() ? WrenTopic.class : WrenQueue.class;
        Reference ref = new Reference(type.getName(), WrenObjectFactory.class.getName(), null);
        ref.add(new StringRefAddr(NAME, destination.getName()));
        return ref;
    }

    private static void addIfSet(Reference ref, String type, String value) {
        if (value != null) {
            ref.add(new StringRefAddr(type, value));
        }
    }

    /**
     * @return the object {@code obj} refers to, or null if {@code obj} is not a reference to a type this factory
     *         builds (so that JNDI may try another factory)
     * @throws NamingException if the reference names a JMS type this factory cannot build, or its attributes are
     *         invalid; the message says which and why
     */
    @Override
    public Object getObjectInstance(Object obj, Name name, Context nameCtx, Hashtable<?, ?> environment)
            throws NamingException {
        if (!(obj instanceof Reference ref)) {
            return null;
        }
        String type = ref.getClassName();
        ResourceAttributes attributes = new ResourceAttributes(ref);
        return switch (BindableType.of(type)) {
            case CONNECTION_FACTORY -> connectionFactory(attributes, name);
            case QUEUE -> new WrenQueue(destinationName(attributes, name, "queue"));
            case TOPIC -> new WrenTopic(destinationName(attributes, name, "topic"));
            case FOREIGN -> null;
            case UNSUPPORTED -> throw new ConfigurationException("WrenObjectFactory cannot build a " + type
                    + (name == null ? "" : " for " + name) + "; it builds " + BindableType.supported());
        };
    }

    private static WrenConnectionFactory connectionFactory(ResourceAttributes attributes, Name name)
            throws NamingException {
        warnUnexpected(attributes, name, BROKER_URL, REMOTE_URI, USER, USER_NAME, PASSWORD, CLIENT_ID, ALLOW_LIST,
                DENY_LIST, TRUST_ALL);
        String url = attributes.first(BROKER_URL, REMOTE_URI);
        WrenConnectionFactory factory;
        try {
            factory = url == null ? new WrenConnectionFactory() : new WrenConnectionFactory(url);
            factory.setDeserializationAllowList(attributes.first(ALLOW_LIST));
            factory.setDeserializationDenyList(attributes.first(DENY_LIST));
        } catch (IllegalArgumentException e) {
            ConfigurationException ce = new ConfigurationException("connection factory"
                    + (name == null ? "" : " " + name) + ": " + e.getMessage());
            ce.setRootCause(e);
            throw ce;
        }
        factory.setUser(attributes.first(USER, USER_NAME));
        factory.setPassword(attributes.first(PASSWORD));
        factory.setClientID(attributes.first(CLIENT_ID));
        factory.setTrustAllPackages(Boolean.parseBoolean(attributes.first(TRUST_ALL)));
        return factory;
    }

    private static String destinationName(ResourceAttributes attributes, Name name, String what)
            throws ConfigurationException {
        warnUnexpected(attributes, name, PHYSICAL_NAME, ADDRESS, NAME);
        String destination = attributes.first(PHYSICAL_NAME, ADDRESS, NAME);
        if (destination == null) {
            throw new ConfigurationException("the " + what + (name == null ? "" : " " + name)
                    + " has no name: give it as the attribute physicalName (or address, or name)");
        }
        return destination;
    }

    private static void warnUnexpected(ResourceAttributes attributes, Name name, String... read) {
        Set<String> unexpected = attributes.unexpected(read);
        if (!unexpected.isEmpty()) {
            log.warn("JNDI resource {}: ignoring attributes {}; WrenObjectFactory reads {} here",
                    name == null ? "" : name, unexpected, String.join(", ", read));
        }
    }
}
