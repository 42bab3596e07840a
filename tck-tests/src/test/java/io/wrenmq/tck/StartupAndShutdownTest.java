package io.wrenmq.tck;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import io.wrenmq.jms.WrenConnectionFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker as an operator runs it, in a process of its own: SIGTERM stops it cleanly, losing nothing that was
 * acknowledged; a broker that cannot start says which and why, in one line, and exits non-zero.
 */
@DisplayName("Start-up and shutdown of the broker process")
class StartupAndShutdownTest {
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(60);

    @Test
    @DisplayName("SIGTERM with persistent sends in flight: clients are told the broker is shutting down, it exits "
            + "0, and every send that returned is there after a restart")
    void sigtermLosesNoAcknowledgedSend(@TempDir Path dir) throws Exception {
        try (BrokerProcess broker = new BrokerProcess(dir, List.of("-Xmx256m"), List.of())) {
            broker.start();
            ConnectionFactory f = new WrenConnectionFactory(broker.url(null));
            Set<String> returned = ConcurrentHashMap.newKeySet();
            List<CompletableFuture<JMSException>> told = new ArrayList<>();
            List<CompletableFuture<Void>> senders = new ArrayList<>();
            List<Connection> connections = new ArrayList<>();
            try {
                for (int t = 0; t < 3; t++) {
                    Connection c = f.createConnection();
                    connections.add(c);
                    CompletableFuture<JMSException> listener = new CompletableFuture<>();
                    c.setExceptionListener(listener::complete);
                    told.add(listener);
                    String prefix = "sender" + t + "-";
                    Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
                    MessageProducer p = s.createProducer(s.createQueue("shutdown"));
                    senders.add(CompletableFuture.runAsync(() -> sendUntilFailure(s, p, prefix, returned),
                            JmsTestSupport.THREAD_PER_TASK));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> returned.size() >= 300);

                assertEquals(0, broker.stop(), "exit status after SIGTERM");
                for (CompletableFuture<Void> s : senders) {
                    s.get(30, TimeUnit.SECONDS);
                }
                for (CompletableFuture<JMSException> l : told) {
                    JMSException e = l.get(30, TimeUnit.SECONDS);
                    assertTrue(e.getMessage().contains("shutting down"), e.getMessage());
                }
            } finally {
                for (Connection c : connections) {
                    c.close();
                }
            }

            broker.start();
            Set<String> stored = ConcurrentHashMap.newKeySet();
            try (Connection c = f.createConnection()) {
                c.start();
                MessageConsumer consumer = c.createSession(Session.AUTO_ACKNOWLEDGE)
                        .createConsumer(c.createSession(Session.AUTO_ACKNOWLEDGE).createQueue("shutdown"));
                for (Message m; (m = consumer.receive(2000)) != null; ) {
                    stored.add(m.getStringProperty("id"));
                }
            }
            Set<String> lost = new java.util.TreeSet<>(returned);
            lost.removeAll(stored);
            assertTrue(lost.isEmpty(), lost.size() + " of " + returned.size() + " acknowledged sends lost: " + lost);
            assertEquals(0, broker.stop());
        }
    }

    /** Sends persistent messages until a send fails (the broker went away); records those that returned. */
    private static void sendUntilFailure(Session s, MessageProducer p, String prefix, Set<String> returned) {
        try {
            for (int n = 0; ; n++) {
                Message m = s.createMessage();
                m.setStringProperty("id", prefix + n);
                p.send(m);
                returned.add(prefix + n);
            }
        } catch (JMSException expected) {
            // The broker is shutting down.
        }
    }

    static Stream<Arguments> unstartable() {
        return Stream.of(
                Arguments.of("a database on a closed port", "database",
                        (Function<Path, List<String>>) dir -> List.of("--jdbc-url",
                                "jdbc:h2:tcp://127.0.0.1:" + closedPort() + "/nothing")),
                Arguments.of("a data directory that is a file", "data",
                        (Function<Path, List<String>>) dir -> List.of("--data-dir", file(dir).toString())),
                Arguments.of("a missing configuration file", "configuration",
                        (Function<Path, List<String>>) dir -> List.of("--config", dir.resolve("nope.properties")
                                .toString())),
                Arguments.of("an unknown option", "unknown option",
                        (Function<Path, List<String>>) dir -> List.of("--colour", "blue")),
                Arguments.of("a bad value", "max-connections",
                        (Function<Path, List<String>>) dir -> List.of("--max-connections", "many")),
                Arguments.of("a bad value in the configuration file", "heartbeat",
                        (Function<Path, List<String>>) dir -> List.of("--config", config(dir, "heartbeat=soon")
                                .toString())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unstartable")
    @DisplayName("a broker that cannot start exits non-zero with one line on stderr saying which and why")
    void brokerThatCannotStartSaysWhyInOneLine(String what, String mentions, Function<Path, List<String>> args,
                                               @TempDir Path dir) throws Exception {
        List<String> all = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0", "--data-dir",
                dir.resolve("data").toString()));
        all.addAll(args.apply(dir));
        assertFailsWithOneLine(dir, all, mentions);
    }

    @Test
    @DisplayName("a broker whose port is taken exits non-zero with one line on stderr saying so")
    void portInUse(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertFailsWithOneLine(dir, List.of("--host", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort()),
                    "--data-dir", dir.resolve("data").toString()), String.valueOf(taken.getLocalPort()));
        }
    }

    private static void assertFailsWithOneLine(Path dir, List<String> args, String mentions) throws Exception {
        BrokerProcess.Exit exit = BrokerProcess.runToExit(dir, args, EXIT_WITHIN);
        assertNotEquals(0, exit.status(), "exit status; it wrote " + exit.stderr());
        assertEquals(1, exit.stderr().size(), "one line on stderr, not " + String.join("\n", exit.stderr()));
        String line = exit.stderr().get(0);
        System.out.println("StartupAndShutdownTest: status " + exit.status() + ", " + line);
        assertTrue(line.startsWith("wren-broker: "), line);
        assertTrue(line.contains(mentions), "says which: " + line);
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path file(Path dir) {
        try {
            return Files.writeString(dir.resolve("not-a-directory"), "x");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path config(Path dir, String content) {
        try {
            return Files.writeString(dir.resolve("broker.properties"), content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
