package io.wrenmq.tck;

import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The memory test: a broker with a 128 MiB heap (in a JVM of its own, with its default limits and the
 * embedded store) accepts a backlog of 600 MiB of persistent messages with no consumer, then delivers all of it, in
 * order, to a consumer that drains it. It may keep only a bounded window in memory and read the rest back from the
 * store, or it runs out of memory.
 *
 * <p>Runs in the Maven profile {@code long} ({@code mvn verify -Plong -pl tck-tests}): several minutes, and a few GB
 * of disk under {@code tck-tests/target}. System property {@code wren.backlog.mib} changes the size (default
 * {@value #DEFAULT_MIB}).
 */
@Tag("long")
@DisplayName("Memory: a broker with a 128 MiB heap takes and delivers a 600 MiB backlog")
class BacklogTest {
    private static final int DEFAULT_MIB = 600;
    private static final int MESSAGE_BYTES = 10 * 1024;
    private static final int PRODUCERS = 4;

    @Test
    void aBacklogFourTimesTheHeapIsAcceptedThenDeliveredInOrder() throws Exception {
        int total = Integer.getInteger("wren.backlog.mib", DEFAULT_MIB) * 1024 * 1024 / MESSAGE_BYTES;
        int perProducer = total / PRODUCERS;
        // Random bytes: a database that compresses what it stores (PostgreSQL's TOAST does) must not shrink them.
        byte[] body = new byte[MESSAGE_BYTES];
        new Random(1).nextBytes(body);
        Path dataDir = Broker.freshDataDir();
        try (BrokerProcess broker = new BrokerProcess(dataDir, List.of("-Xmx128m"), List.of())) {
            broker.start();
            WrenConnectionFactory factory = new WrenConnectionFactory(broker.url(null));
            long began = System.nanoTime();
            List<CompletableFuture<Void>> producers = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                int producer = p;
                producers.add(CompletableFuture.runAsync(() -> produce(factory, producer, perProducer, body),
                        JmsTestSupport.THREAD_PER_TASK));
            }
            CompletableFuture.allOf(producers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
            long sent = System.nanoTime();
            System.out.printf("BacklogTest: %d messages of %d bytes (%d MiB) sent in %d s%n", perProducer * PRODUCERS,
                    MESSAGE_BYTES, (long) perProducer * PRODUCERS * MESSAGE_BYTES >> 20,
                    TimeUnit.NANOSECONDS.toSeconds(sent - began));
            assertTrue(broker.isAlive(), "the broker died while taking the backlog:\n" + broker.logTail(30));

            drain(factory, perProducer);
            System.out.printf("BacklogTest: drained in order in %d s%n",
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - sent));
            assertTrue(broker.isAlive(), "the broker died while delivering the backlog:\n" + broker.logTail(30));
            assertEquals(List.of(), broker.logLines("OutOfMemoryError"));
            assertEquals(List.of(), broker.logLines("ERROR"));
            broker.stop();
        }
        // Passed: its store, well over 600 MiB, is of no more use.
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    /** Sends messages 0 to {@code count - 1} of producer {@code producer}, persistent, each once its send returned. */
    private static void produce(WrenConnectionFactory factory, int producer, int count, byte[] body) {
        try (Connection c = factory.createConnection()) {
            Session session = c.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = session.createProducer(session.createQueue("backlog"));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int seq = 0; seq < count; seq++) {
                BytesMessage m = session.createBytesMessage();
                m.writeBytes(body);
                m.setIntProperty("producer", producer);
                m.setIntProperty("seq", seq);
                p.send(m);
            }
        } catch (JMSException e) {
            throw new IllegalStateException("producer " + producer + " failed", e);
        }
    }

    /** Receives every message, checking that each producer's arrive complete and in the order it sent them. */
    private static void drain(WrenConnectionFactory factory, int perProducer) throws JMSException {
        int[] next = new int[PRODUCERS];
        try (Connection c = factory.createConnection()) {
            c.start();
            Session session = c.createSession(Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("backlog"));
            Message m = null;
            for (int n = 0; n < perProducer * PRODUCERS; n++) {
                m = consumer.receive(TimeUnit.SECONDS.toMillis(60));
                assertNotNull(m, "after " + n + " messages nothing more came; next expected of each producer: "
                        + Arrays.toString(next));
                int producer = m.getIntProperty("producer");
                assertEquals(next[producer], m.getIntProperty("seq"), "out of order from producer " + producer);
                assertEquals(MESSAGE_BYTES, ((BytesMessage) m).getBodyLength());
                next[producer]++;
                if (n % 100 == 99) {
                    m.acknowledge();
                }
            }
            m.acknowledge();
            assertNull(consumer.receive(1000), "more messages than were sent");
        }
    }
}
