package io.wrenmq.samples;

import io.wrenmq.broker.BrokerConfig;
import io.wrenmq.broker.WrenBroker;
import io.wrenmq.jms.WrenConnectionFactory;
import io.wrenmq.samples.perf.Perf;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the samples as a user would, each against one embedded broker, and checks what they print and leave. */
class SamplesEndToEndTest {
    private static WrenBroker broker;

    private interface SampleMain {
        void run(String[] args) throws Exception;
    }

    @BeforeAll
    static void startBroker() throws IOException {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "broker-data")), "b-");
        broker = WrenBroker.start(BrokerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir).build());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static String url() {
        return "tcp://127.0.0.1:" + broker.port();
    }

    /** What {@code sample} prints to System.out (its listeners' threads included) when run with {@code args}. */
    private static String run(SampleMain sample, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--jndi")) {
            all.addAll(List.of("--url", url()));
        }
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            sample.run(all.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        original.print(output);
        return output;
    }

    @Test
    void everyFanoutSubscriberGetsEveryMessage() throws Exception {
        String out = run(TopicFanout::main, "--topic", "fanout-test", "--subscribers", "3", "--count", "4",
                "--interval-ms", "0");
        for (int s = 1; s <= 3; s++) {
            assertTrue(out.contains("subscriber " + s + " received 4 of 4"), out);
        }
        assertTrue(out.contains("Done: 4 messages published, 12 deliveries to 3 subscribers"), out);
    }

    @Test
    void theDurableSubscriberCatchesUpWithWhatWasPublishedWhileItWasOffline() throws Exception {
        String out = run(DurableSubscriber::main, "--topic", "durable-test", "--client-id", "durable-test-client",
                "--count", "3", "--idle-seconds", "1");
        assertTrue(out.contains("Received: missed item 3 of 3"), out);
        assertTrue(out.contains("Done: the subscriber caught up with 3 messages"), out);
        assertEquals(0, broker.durableSubscriptionCount(), "the demo removes its subscription");
    }

    @Test
    void theRequesterGetsAnAnswerToEachRequestOnItsTemporaryQueue() throws Exception {
        String out = run(RequestReply::main, "--queue", "requests-test", "--count", "3");
        assertTrue(out.contains("'request 2 of 3' -> 'REQUEST 2 OF 3'"), out);
        assertTrue(out.contains("Done: 3 of 3 requests answered"), out);
    }

    @Test
    void thePipelineCommitsGoodOrdersAndRejectsTheBadOneAfterARollback() throws Exception {
        String out = run(TransactedPipeline::main, "--in", "orders-test", "--out", "invoices-test", "--rejects",
                "rejects-test", "--idle-seconds", "1");
        assertTrue(out.contains("Rolled back (attempt 1 of 2): 'plums,many,0.30'"), out);
        assertTrue(out.contains("Rejected after 2 attempts (redelivered=true): 'plums,many,0.30'"), out);
        assertTrue(out.contains("Done: 3 orders turned into invoice lines, 1 rejected"), out);
        assertTrue(out.contains("on queue invoices-test: FIGS: 6 x 1.10 = 6.60"), out);
        assertTrue(out.contains("on queue rejects-test: plums,many,0.30"), out);
    }

    @Test
    void theJndiProducerSendsThroughWhateverTheJndiPropertiesName(@TempDir Path dir) throws Exception {
        Path jndi = jndiFile(dir, MapContextFactory.class.getName(), "jndi-test");
        String out = run(JndiProducer::main, "--jndi", jndi.toString(), "--count", "3");
        assertTrue(out.contains("Done: 3 messages sent to exampleQueue"), out);
        assertEquals(List.of("message 1 of 3 (via JNDI)", "message 2 of 3 (via JNDI)", "message 3 of 3 (via JNDI)"),
                drain("jndi-test"));
    }

    /** Runs once Wren's own InitialContextFactory is in jms-provider: the sample as shipped, nothing stood in. */
    @Test
    @EnabledIf("wrenJndiIsPresent")
    void theJndiProducerRunsOnWrensOwnInitialContextFactory(@TempDir Path dir) throws Exception {
        Path jndi = jndiFile(dir, "io.wrenmq.jms.jndi.WrenInitialContextFactory", "jndi-wren-test");
        run(JndiProducer::main, "--jndi", jndi.toString(), "--count", "2");
        assertEquals(2, drain("jndi-wren-test").size());
    }

    static boolean wrenJndiIsPresent() {
        try {
            Class.forName("io.wrenmq.jms.jndi.WrenInitialContextFactory");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    void perfSendsAndReceivesACountAndReportsLatencies() throws Exception {
        String out = run(Perf::main, "--destination", "queue://perf-test", "--producers", "2", "--consumers", "2",
                "--count", "2000", "--warmup", "0s", "--message-size", "100");
        assertTrue(out.matches("(?s).*sent +2,000 messages.*"), out);
        assertTrue(out.matches("(?s).*received +2,000 messages.*"), out);
        assertTrue(out.matches("(?s).*latency +ms p50 [0-9.]+ p90 [0-9.]+ p99 [0-9.]+ p99\\.9 [0-9.]+ max.*"), out);
    }

    @Test
    void perfThroughJndiOnATopicCountsEveryDeliveryToEverySubscriber(@TempDir Path dir) throws Exception {
        Path jndi = jndiFile(dir, MapContextFactory.class.getName(), "unused");
        Files.writeString(jndi, "topic.prices=perf-topic-test\n", java.nio.file.StandardOpenOption.APPEND);
        String out = run(Perf::main, "--jndi", jndi.toString(), "--destination", "prices", "--consumers", "3",
                "--count", "500", "--warmup", "0s", "--transacted", "--batch-size", "7");
        assertTrue(out.matches("(?s).*sent +500 messages.*"), out);
        assertTrue(out.matches("(?s).*received +1,500 messages.*"), out);
    }

    private static Path jndiFile(Path dir, String factory, String queue) throws IOException {
        Path file = dir.resolve("jndi.properties");
        Files.writeString(file, "java.naming.factory.initial=" + factory + "\n"
                + "connectionFactory.ConnectionFactory=" + url() + "\n"
                + "queue.exampleQueue=" + queue + "\n");
        return file;
    }

    private static List<String> drain(String queue) throws Exception {
        List<String> bodies = new ArrayList<>();
        try (Connection connection = new WrenConnectionFactory(url()).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            connection.start();
            Message m;
            while ((m = consumer.receive(1000)) != null) {
                bodies.add(((TextMessage) m).getText());
            }
        }
        return bodies;
    }
}
