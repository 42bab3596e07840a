package io.wrenmq.jms.jndi;

import io.wrenmq.jms.WrenConnectionFactory;
import io.wrenmq.jms.WrenDestination;
import io.wrenmq.jms.WrenQueue;
import io.wrenmq.jms.WrenTopic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.naming.CompositeName;
import javax.naming.ConfigurationException;
import javax.naming.Reference;
import javax.naming.StringRefAddr;
import javax.naming.spi.NamingManager;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * References of Wren's JMS objects, and what {@link WrenObjectFactory} builds from them and from resource
 * attributes as a container passes them (a Tomcat {@code <Resource>} arrives as a reference whose class name is its
 * {@code type} and whose string attributes are its XML attributes, the container's own among them).
 */
class WrenObjectFactoryTest {
    private final WrenObjectFactory objectFactory = new WrenObjectFactory();

    private static WrenConnectionFactory configuredFactory() {
        WrenConnectionFactory f = new WrenConnectionFactory("tcp://broker.example:61701?prefetch=7");
        f.setUser("alice");
        f.setPassword("secret");
        f.setClientID("billing");
        f.setDeserializationAllowList("com.acme.model");
        f.setDeserializationDenyList("com.acme.model.internal");
        f.setTrustAllPackages(true);
        return f;
    }

    private static void assertSameSettings(WrenConnectionFactory expected, Object actual) {
        WrenConnectionFactory f = assertInstanceOf(WrenConnectionFactory.class, actual);
        assertEquals(expected.getBrokerUrl(), f.getBrokerUrl());
        assertEquals(expected.getUser(), f.getUser());
        assertEquals(expected.getPassword(), f.getPassword());
        assertEquals(expected.getClientID(), f.getClientID());
        assertEquals(expected.getDeserializationAllowList(), f.getDeserializationAllowList());
        assertEquals(expected.getDeserializationDenyList(), f.getDeserializationDenyList());
        assertEquals(expected.isTrustAllPackages(), f.isTrustAllPackages());
    }

    /** A reference as Tomcat makes one from a {@code <Resource>} element. */
    private static Reference resource(String type, String... attributes) {
        Reference ref = new Reference(type);
        ref.add(new StringRefAddr("description", null));
        ref.add(new StringRefAddr("scope", "Shareable"));
        ref.add(new StringRefAddr("auth", "Container"));
        ref.add(new StringRefAddr("singleton", "true"));
        ref.add(new StringRefAddr("factory", WrenObjectFactory.class.getName()));
        for (int i = 0; i < attributes.length; i += 2) {
            ref.add(new StringRefAddr(attributes[i], attributes[i + 1]));
        }
        return ref;
    }

    private Object build(Reference ref) throws Exception {
        return objectFactory.getObjectInstance(ref, new CompositeName("jms/x"), null, null);
    }

    @SuppressWarnings("unchecked")
    private static <T> T serializeRoundTrip(T object) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    @DisplayName("a connection factory's reference names WrenObjectFactory, which rebuilds it with every setting")
    void connectionFactoryReferenceRoundTrip() throws Exception {
        WrenConnectionFactory f = configuredFactory();
        Reference ref = f.getReference();
        assertEquals(WrenObjectFactory.class.getName(), ref.getFactoryClassName());
        // NamingManager is what a JNDI provider calls on a stored reference: it loads the factory the reference names.
        assertSameSettings(f, NamingManager.getObjectInstance(ref, null, null, null));
        assertSameSettings(new WrenConnectionFactory(), NamingManager.getObjectInstance(
                new WrenConnectionFactory().getReference(), null, null, null));
    }

    @Test
    @DisplayName("queues and topics rebuild from their references equal to themselves, temporary ones as plain ones")
    void destinationReferenceRoundTrip() throws Exception {
        for (WrenDestination d : new WrenDestination[] {new WrenQueue("orders"), new WrenTopic("news/eu")}) {
            assertEquals(d, NamingManager.getObjectInstance(d.getReference(), null, null, null));
        }
    }

    @Test
    @DisplayName("connection factories and destinations survive serialization with every setting")
    void serializationRoundTrip() throws Exception {
        WrenConnectionFactory f = configuredFactory();
        assertSameSettings(f, serializeRoundTrip(f));
        assertEquals(new WrenQueue("orders"), serializeRoundTrip(new WrenQueue("orders")));
        assertEquals(new WrenTopic("news"), serializeRoundTrip(new WrenTopic("news")));
    }

    @Test
    @DisplayName("a container resource of type WrenConnectionFactory, with ActiveMQ's attribute spellings")
    void connectionFactoryFromActiveMqStyleAttributes() throws Exception {
        Object built = build(resource(WrenConnectionFactory.class.getName(), "brokerURL",
                "tcp://broker.example:61701?prefetch=7", "userName", "alice", "password", "secret",
                "clientID", "billing", "deserializationAllowList", "com.acme.model", "deserializationDenyList",
                "com.acme.model.internal", "trustAllPackages", "true"));
        assertSameSettings(configuredFactory(), built);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jakarta.jms.ConnectionFactory", "jakarta.jms.QueueConnectionFactory",
            "jakarta.jms.TopicConnectionFactory", "javax.jms.ConnectionFactory"})
    @DisplayName("a resource typed by a JMS connection factory interface, with any case of brokerUrl or Qpid's remoteURI")
    void connectionFactoryFromInterfaceType(String type) throws Exception {
        WrenConnectionFactory f = (WrenConnectionFactory) build(resource(type, "BROKERURL", "tcp://h:1", "user", "u"));
        assertEquals("tcp://h:1", f.getBrokerUrl());
        assertEquals("u", f.getUser());
        f = (WrenConnectionFactory) build(resource(type, "remoteURI", "tcp://h:2"));
        assertEquals("tcp://h:2", f.getBrokerUrl());
        assertNull(f.getUser());
    }

    @Test
    @DisplayName("a connection factory resource without a URL connects to the default one")
    void connectionFactoryWithoutUrl() throws Exception {
        assertEquals(WrenConnectionFactory.DEFAULT_URL,
                ((WrenConnectionFactory) build(resource("jakarta.jms.ConnectionFactory"))).getBrokerUrl());
    }

    @Test
    @DisplayName("queues and topics by physicalName (ActiveMQ), address (Artemis, Qpid) or name")
    void destinationsFromAttributes() throws Exception {
        assertEquals(new WrenQueue("orders"), build(resource("jakarta.jms.Queue", "physicalName", "orders")));
        assertEquals(new WrenQueue("orders"), build(resource(WrenQueue.class.getName(), "address", "orders")));
        assertEquals(new WrenQueue("orders"), build(resource("javax.jms.Queue", "name", "orders")));
        assertEquals(new WrenTopic("news"), build(resource("jakarta.jms.Topic", "physicalName", "news")));
        assertEquals(new WrenTopic("news"), build(resource(WrenTopic.class.getName(), "ADDRESS", "news")));
    }

    @Test
    @DisplayName("a destination resource without a name, or a broker URL that does not parse, says what is wrong")
    void invalidAttributesAreConfigurationErrors() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> build(resource("jakarta.jms.Queue", "physicalname", " ")));
        assertTrue(e.getMessage().contains("physicalName"), e.getMessage());
        e = assertThrows(ConfigurationException.class,
                () -> build(resource("jakarta.jms.ConnectionFactory", "brokerURL", "amqp://h:5672")));
        assertTrue(e.getMessage().contains("jms/x") && e.getMessage().contains("amqp"), e.getMessage());
    }

    @Test
    @DisplayName("a JMS type it cannot build is an error naming what it builds; other types are left to others")
    void unsupportedAndForeignTypes() throws Exception {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> build(resource("jakarta.jms.XAConnectionFactory", "brokerURL", "tcp://h:1")));
        assertTrue(e.getMessage().contains("XAConnectionFactory")
                && e.getMessage().contains("jakarta.jms.ConnectionFactory"), e.getMessage());
        assertNull(build(resource("javax.sql.DataSource", "url", "jdbc:h2:mem:x")));
        assertNull(objectFactory.getObjectInstance("not a reference", null, null, null));
    }
}
