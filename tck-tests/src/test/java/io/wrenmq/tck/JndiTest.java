package io.wrenmq.tck;

import io.wrenmq.jms.WrenConnectionFactory;
import io.wrenmq.jms.jndi.WrenInitialContextFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.Referenceable;
import javax.naming.spi.NamingManager;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.concurrent.Callable;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * JNDI for standalone programs, as an application written for ActiveMQ, Artemis or Qpid JMS uses it: everything
 * looked up through {@code new InitialContext()} from a {@code jndi.properties} on the classpath, or from the
 * environment map, and used against the broker.
 */
@DisplayName("JNDI: jndi.properties and the InitialContext environment")
class JndiTest extends JmsTestSupport {

    private static final String FACTORY = "java.naming.factory.initial=" + WrenInitialContextFactory.class.getName();

    /** An initial context from the given properties map: the programmatic form. */
    private static Context context(String... properties) throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, WrenInitialContextFactory.class.getName());
        for (int i = 0; i < properties.length; i += 2) {
            env.put(properties[i], properties[i + 1]);
        }
        return new InitialContext(env);
    }

    /**
     * Runs {@code use} with a {@code jndi.properties} of these lines on the classpath, as JNDI finds it: through the
     * thread's context class loader, which here sees one more directory.
     */
    private static <T> T withJndiProperties(String lines, Callable<T> use) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "jndi")), "classpath-");
        Files.writeString(dir.resolve("jndi.properties"), lines);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, previous)) {
            thread.setContextClassLoader(loader);
            return use.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Sends {@code text} to {@code destination} and receives it there, both on a connection of {@code factory},
     * closed again so that its consumer takes nothing more.
     */
    private static void roundTrip(ConnectionFactory factory, Destination destination, String text)
            throws JMSException {
        try (Connection c = factory.createConnection()) {
            c.start();
            Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(destination);
            s.createProducer(destination).send(s.createTextMessage(text));
            TextMessage m = (TextMessage) consumer.receive(5000);
            assertNotNull(m, "no message through " + destination);
            assertEquals(text, m.getText());
        }
    }

    @Test
    @DisplayName("a jndi.properties on the classpath binds the provider URL's factory and named queues and topics")
    void jndiPropertiesOnTheClasspath() throws Exception {
        String queue = uniqueName();
        String topic = uniqueName();
        Context ctx = withJndiProperties(FACTORY + "\njava.naming.provider.url=" + Broker.url(null)
                + "\nqueue.jms/orders=" + queue + "\ntopic.news=" + topic + "\n", InitialContext::new);
        ConnectionFactory cf = (ConnectionFactory) ctx.lookup("ConnectionFactory");
        roundTrip(cf, (Queue) ctx.lookup("jms/orders"), "to the queue");
        roundTrip((ConnectionFactory) ctx.lookup("TopicConnectionFactory"), (Topic) ctx.lookup("news"), "to the topic");
        assertEquals(queue, ((Queue) ctx.lookup("jms/orders")).getQueueName());
        ctx.close();
    }

    @Test
    @DisplayName("a jndi.properties naming only the factory class binds ConnectionFactory to tcp://localhost:61700")
    void onlyTheFactoryClass() throws Exception {
        Context ctx = withJndiProperties(FACTORY + "\n", InitialContext::new);
        for (String name : new String[] {"ConnectionFactory", "QueueConnectionFactory", "TopicConnectionFactory"}) {
            assertEquals("tcp://localhost:61700", ((WrenConnectionFactory) ctx.lookup(name)).getBrokerUrl());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"clientID=%s&prefetch=0", "jms.clientID=%s&jms.prefetchPolicy.all=0"})
    @DisplayName("connectionFactory.NAME=URL: the URL's client id and prefetch apply to its connections")
    void urlOptionsApplyToConnections(String options) throws Exception {
        String queue = uniqueName();
        String clientId = uniqueName();
        Context ctx = context("connectionFactory.jms/cf", Broker.url(String.format(options, clientId)),
                "queue.jms/work", queue);
        Connection c = track(((ConnectionFactory) ctx.lookup("jms/cf")).createConnection());
        assertEquals(clientId, c.getClientID());

        c.start();
        Session s = c.createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue q = (Queue) ctx.lookup("jms/work");
        for (int i = 0; i < 3; i++) {
            s.createProducer(q).send(s.createTextMessage("m" + i));
        }
        MessageConsumer consumer = s.createConsumer(q);
        assertNotNull(consumer.receive(5000));
        // prefetch=0: the consumer holds only the message it asked for; with a window it would hold all three.
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                .until(() -> Broker.queueStats(queue).orElseThrow().inFlight() == 1);
    }

    @Test
    @DisplayName("dynamicQueues/NAME and dynamicTopics/NAME reach the broker's destinations of that name")
    void dynamicDestinations() throws Exception {
        String name = uniqueName();
        Context ctx = context(Context.PROVIDER_URL, Broker.url(null));
        ConnectionFactory cf = (ConnectionFactory) ctx.lookup("QueueConnectionFactory");
        roundTrip(cf, (Queue) ctx.lookup("dynamicQueues/" + name), "dynamic queue");
        roundTrip(cf, (Topic) ctx.lookup("dynamicTopics/" + name), "dynamic topic");
        // The same queue as by its name: what a program sends through JNDI, another receives without it.
        Connection c = startedConnection();
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer byName = s.createConsumer(s.createQueue(name));
        s.createProducer((Queue) ctx.lookup("dynamicQueues/" + name)).send(s.createTextMessage("x"));
        assertEquals("x", ((TextMessage) byName.receive(5000)).getText());
    }

    @Test
    @DisplayName("a name nothing is bound to is NameNotFoundException")
    void unknownNameIsNotFound() throws Exception {
        Context ctx = context("queue.orders", "orders");
        assertThrows(NameNotFoundException.class, () -> ctx.lookup("invoices"));
        assertThrows(NameNotFoundException.class, () -> ctx.lookup("jms/orders"));
    }

    @Test
    @DisplayName("a factory and a queue rebuilt from their references, or from serialized copies, still work")
    void referencesAndSerializedCopiesWork() throws Exception {
        String queue = uniqueName();
        Context ctx = context("connectionFactory.cf", Broker.url("clientID=" + uniqueName()), "queue.q", queue);
        Object cf = ctx.lookup("cf");
        Object q = ctx.lookup("q");
        roundTrip((ConnectionFactory) rebuild(cf), (Queue) rebuild(q), "through references");
        roundTrip((ConnectionFactory) serializedCopy(cf), (Queue) serializedCopy(q), "through serialized copies");
    }

    private static Object rebuild(Object referenceable) throws Exception {
        return NamingManager.getObjectInstance(((Referenceable) referenceable).getReference(), null, null, null);
    }

    private static Object serializedCopy(Object object) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(object);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return in.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
