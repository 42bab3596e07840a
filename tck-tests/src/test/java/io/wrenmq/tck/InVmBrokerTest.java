package io.wrenmq.tck;

import io.wrenmq.broker.BrokerConfig;
import io.wrenmq.broker.BrokerStartException;
import io.wrenmq.broker.InVmBrokers;
import io.wrenmq.broker.WrenBroker;
import io.wrenmq.jms.WrenConnectionFactory;
import io.wrenmq.jms.jndi.WrenInitialContextFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import javax.naming.Context;
import javax.naming.InitialContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-VM broker behind {@code vm://name}, as a user's own tests use it: started by the first connection, shared
 * by every connection to the name, stopped when the last one closes (unless started explicitly), persistent or
 * memory-only as the URL says. Everything goes through the standard API; {@link InVmBrokers} is the admin hook
 * that shows which brokers run.
 */
@DisplayName("In-VM broker: vm://name")
class InVmBrokerTest {
    private static final long RECEIVE_MS = 10_000;
    private static final long NOTHING_MS = 300;
    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir
    Path tempDir;
    private final List<Connection> connections = new ArrayList<>();
    private String name;

    @AfterEach
    void closeConnections() throws JMSException {
        for (Connection c : connections) {
            c.close();
        }
    }

    /** A broker name no other test uses. */
    private String uniqueName(TestInfo info) {
        name = info.getTestMethod().orElseThrow().getName() + "-" + NAMES.incrementAndGet();
        return name;
    }

    private Connection open(String url) throws JMSException {
        return open(new WrenConnectionFactory(url));
    }

    private Connection open(ConnectionFactory cf) throws JMSException {
        Connection c = cf.createConnection();
        connections.add(c);
        c.start();
        return c;
    }

    private void close(Connection c) throws JMSException {
        connections.remove(c);
        c.close();
    }

    private static void send(Connection c, String queue, String text) throws JMSException {
        try (Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            s.createProducer(s.createQueue(queue)).send(s.createTextMessage(text));
        }
    }

    private static String receive(Connection c, String queue, long timeoutMs) throws JMSException {
        try (Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            TextMessage m = (TextMessage) s.createConsumer(s.createQueue(queue)).receive(timeoutMs);
            return m == null ? null : m.getText();
        }
    }

    private WrenBroker running() {
        return InVmBrokers.find(name).orElseThrow(() -> new AssertionError("no in-VM broker " + name + " runs"));
    }

    /** Whether a thread of the in-VM broker or of a client connection to it is alive. */
    private boolean threadsOf(String vmName) {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .anyMatch(t -> t.startsWith("wren-vm-") || t.endsWith("vm://" + vmName));
    }

    @Test
    @DisplayName("a vm:// factory starts a broker in this JVM and carries messages through it")
    void sendsAndReceivesThroughAnInVmBroker(TestInfo info) throws Exception {
        String url = "vm://" + uniqueName(info) + "?persistent=false";
        Connection c = open(url);
        send(c, "orders", "hello");
        assertEquals("hello", receive(c, "orders", RECEIVE_MS));
        assertEquals(url, running().url().replace("vm://" + name, url));
        assertTrue(InVmBrokers.names().contains(name));
        assertThrows(IllegalStateException.class, () -> running().port(), "an implicit broker opens no TCP port");
    }

    @Test
    @DisplayName("two factories with the same name share one broker")
    void factoriesOfOneNameShareABroker(TestInfo info) throws Exception {
        String url = "vm://" + uniqueName(info) + "?persistent=false";
        Connection producer = open(new WrenConnectionFactory(url));
        Connection consumer = open(new WrenConnectionFactory("vm://" + name + "?prefetch=0"));
        send(producer, "shared", "one broker");
        assertEquals("one broker", receive(consumer, "shared", RECEIVE_MS));
        assertEquals(2, running().connectionCount());
    }

    @Test
    @DisplayName("persistent=false keeps nothing once the broker stopped: a new broker of the name starts empty")
    void memoryOnlyBrokerKeepsNothingAcrossARestart(TestInfo info) throws Exception {
        String url = "vm://" + uniqueName(info) + "?persistent=false&dataDir=" + tempDir;
        Connection first = open(url);
        send(first, "kept", "persistent, but in memory only");
        close(first);
        assertTrue(InVmBrokers.find(name).isEmpty());
        assertNull(receive(open(url), "kept", NOTHING_MS));
        try (var files = Files.list(tempDir)) {
            assertEquals(0, files.count(), "a memory-only broker writes no store");
        }
    }

    @Test
    @DisplayName("by default the broker is persistent: a persistent message survives a stop and start of the name")
    void persistentBrokerKeepsPersistentMessagesAcrossARestart(TestInfo info) throws Exception {
        String url = "vm://" + uniqueName(info) + "?dataDir=" + tempDir.resolve("store");
        Connection first = open(url);
        try (Session s = first.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            Queue q = s.createQueue("kept");
            s.createProducer(q).send(s.createTextMessage("survives"));
            var nonPersistent = s.createProducer(q);
            nonPersistent.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            nonPersistent.send(s.createTextMessage("lost"));
        }
        close(first);
        assertTrue(InVmBrokers.find(name).isEmpty());
        assertTrue(Files.exists(tempDir.resolve("store").resolve("wren-store.mv.db")));
        Connection second = open(url);
        assertEquals("survives", receive(second, "kept", RECEIVE_MS));
        assertNull(receive(second, "kept", NOTHING_MS));
    }

    @Test
    @DisplayName("the broker stops when the last vm:// connection closes, and leaves no thread behind")
    void lastConnectionToCloseStopsTheBroker(TestInfo info) throws Exception {
        String url = "vm://" + uniqueName(info) + "?persistent=false";
        Connection a = open(url);
        JMSContext context = new WrenConnectionFactory(url).createContext();
        context.createProducer().send(context.createQueue("q"), "from a context");
        WrenBroker broker = running();
        close(a);
        assertSame(broker, running(), "a connection still holds it");
        context.close();
        assertTrue(InVmBrokers.find(name).isEmpty());
        assertFalse(InVmBrokers.names().contains(name));
        await().atMost(Duration.ofSeconds(5)).until(() -> !threadsOf(name));
        Connection again = open(url);
        assertNull(receive(again, "q", NOTHING_MS), "a new broker started, empty");
        assertNotSame(broker, running());
    }

    @Test
    @DisplayName("a broker started explicitly with a name serves vm:// clients and runs until it is closed")
    void explicitlyStartedBrokerOutlivesItsClients(TestInfo info) throws Exception {
        uniqueName(info);
        try (WrenBroker broker = WrenBroker.start(BrokerConfig.builder().name(name).host("127.0.0.1").port(0)
                .persistent(false).build())) {
            assertSame(broker, running());
            Connection overTcp = open(broker.url());
            send(overTcp, "both", "over TCP");
            Connection inVm = open("vm://" + name + "?create=false");
            assertEquals("over TCP", receive(inVm, "both", RECEIVE_MS));
            close(inVm);
            close(overTcp);
            assertSame(broker, running(), "closing its clients does not stop an explicit broker");
            BrokerStartException taken = assertThrows(BrokerStartException.class, () -> WrenBroker.start(
                    BrokerConfig.builder().name(name).tcp(false).persistent(false).build()));
            assertTrue(taken.getMessage().contains("a broker named '" + name + "' already runs"),
                    taken.getMessage());
        }
        assertTrue(InVmBrokers.find(name).isEmpty());
    }

    @Test
    @DisplayName("closing an in-VM broker fails its clients' connections; the next vm:// connection starts a new one")
    void closingTheBrokerFailsItsInVmClients(TestInfo info) throws Exception {
        String url = "vm://" + uniqueName(info) + "?persistent=false";
        Connection c = open(url);
        CompletableFuture<JMSException> failure = new CompletableFuture<>();
        c.setExceptionListener(failure::complete);
        WrenBroker broker = running();
        broker.close();
        assertTrue(failure.get(10, TimeUnit.SECONDS).getMessage().contains("shutting down"));
        assertTrue(InVmBrokers.find(name).isEmpty());
        close(c);
        assertTrue(InVmBrokers.find(name).isEmpty(), "closing a failed connection starts nothing");
        Connection next = open(url);
        send(next, "q", "to a new broker");
        assertEquals("to a new broker", receive(next, "q", RECEIVE_MS));
        assertNotSame(broker, running());
    }

    @Test
    @DisplayName("connections opened at once from many threads to a new name get one broker")
    void concurrentFirstConnectionsStartOneBroker(TestInfo info) throws Exception {
        String url = "vm://" + uniqueName(info) + "?persistent=false";
        int threads = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Connection>> opened = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int n = i;
            opened.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                    Connection c = new WrenConnectionFactory(url).createConnection();
                    send(c, "together", "from " + n);
                    return c;
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, task -> new Thread(task, "opener-" + n).start()));
        }
        go.countDown();
        for (CompletableFuture<Connection> f : opened) {
            connections.add(f.get(30, TimeUnit.SECONDS));
        }
        assertEquals(threads, running().connectionCount());
        Set<String> received = new HashSet<>();
        Connection reader = open(url);
        for (int i = 0; i < threads; i++) {
            String text = receive(reader, "together", RECEIVE_MS);
            assertNotNull(text, "every sender reached the same broker; got only " + received);
            received.add(text);
        }
        assertEquals(threads, received.size());
    }

    @Test
    @DisplayName("a vm:// URL that cannot be served gives a JMSException that says why")
    void unusableVmUrlsFailClearly(TestInfo info) throws Exception {
        String absent = uniqueName(info);
        JMSException notRunning = assertThrows(JMSException.class,
                () -> new WrenConnectionFactory("vm://" + absent + "?create=false").createConnection());
        assertEquals("cannot connect to the in-VM broker vm://" + absent + ": no broker named '" + absent
                + "' runs in this JVM, and create=false", notRunning.getMessage());

        Path notADirectory = Files.writeString(tempDir.resolve("a-file"), "not a directory");
        JMSException noStore = assertThrows(JMSException.class,
                () -> new WrenConnectionFactory("vm://" + absent + "?dataDir=" + notADirectory.resolve("store"))
                        .createConnection());
        assertTrue(noStore.getMessage().startsWith("cannot connect to the in-VM broker vm://" + absent
                + ": cannot open the store"), noStore.getMessage());
        assertTrue(InVmBrokers.find(absent).isEmpty(), "a broker that failed to start is not registered");

        IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
                () -> new WrenConnectionFactory("vm://no name"));
        assertTrue(malformed.getMessage().contains("vm://name"), malformed.getMessage());
        IllegalArgumentException badOption = assertThrows(IllegalArgumentException.class,
                () -> new WrenConnectionFactory("vm://x?persistent=maybe"));
        assertEquals("option persistent=maybe is not true or false", badOption.getMessage());
    }

    @Test
    @DisplayName("jndi.properties with connectionFactory.cf=vm://localhost?broker.persistent=false, ActiveMQ style")
    void jndiFactoryWithAnActiveMqStyleVmUrl() throws Exception {
        name = "localhost";
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, WrenInitialContextFactory.class.getName());
        env.put("connectionFactory.cf", "vm://localhost?broker.persistent=false");
        env.put("queue.jms/Orders", "orders");
        Context ctx = new InitialContext(env);
        try {
            Connection c = open((ConnectionFactory) ctx.lookup("cf"));
            try (Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                Queue q = (Queue) ctx.lookup("jms/Orders");
                s.createProducer(q).send(s.createTextMessage("looked up"));
                MessageConsumer consumer = s.createConsumer(q);
                Message m = consumer.receive(RECEIVE_MS);
                assertEquals("looked up", ((TextMessage) m).getText());
            }
            assertFalse(running().config().persistent());
        } finally {
            ctx.close();
        }
    }
}
