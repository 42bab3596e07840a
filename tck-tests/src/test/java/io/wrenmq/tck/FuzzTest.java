package io.wrenmq.tck;

import io.wrenmq.broker.ConnectionLimits;
import io.wrenmq.broker.WrenBroker;
import io.wrenmq.broker.core.DestinationStats;
import io.wrenmq.jms.WrenConnectionFactory;
import io.wrenmq.protocol.AckFrame;
import io.wrenmq.protocol.AckKind;
import io.wrenmq.protocol.BrowseFrame;
import io.wrenmq.protocol.CloseConsumerFrame;
import io.wrenmq.protocol.CloseSessionFrame;
import io.wrenmq.protocol.CommitFrame;
import io.wrenmq.protocol.ConsumerMark;
import io.wrenmq.protocol.CreateConsumerFrame;
import io.wrenmq.protocol.CreateSessionFrame;
import io.wrenmq.protocol.DeleteTempDestinationFrame;
import io.wrenmq.protocol.DestinationKind;
import io.wrenmq.protocol.Frame;
import io.wrenmq.protocol.HelloFrame;
import io.wrenmq.protocol.PingFrame;
import io.wrenmq.protocol.Protocol;
import io.wrenmq.protocol.PullFrame;
import io.wrenmq.protocol.RecoverFrame;
import io.wrenmq.protocol.RollbackFrame;
import io.wrenmq.protocol.SendFrame;
import io.wrenmq.protocol.SessionAckFrame;
import io.wrenmq.protocol.SetClientIdFrame;
import io.wrenmq.protocol.SubscriptionKind;
import io.wrenmq.protocol.UnsubscribeFrame;
import io.wrenmq.protocol.WireDestination;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input for a while, from several connections at once: random bytes, random, oversized and truncated frames,
 * before the handshake and after a proper one; after the handshake also well-formed frames in a wrong order
 * (unknown sessions, consumers and deliveries, commit outside a transaction, a second HELLO ...) and well-formed
 * frames with a few bytes flipped. Meanwhile a well-behaved client sends and receives persistent messages. The broker
 * must stay up, lose or duplicate nothing of the well-behaved client's, release every bad connection, still accept
 * new ones, and keep its memory bounded.
 *
 * <p>Inputs come from a seeded {@link Random}, printed at the start: {@code -Dwren.fuzz.seed=N} replays them (the
 * interleaving of the connections is the machine's). {@code -Dwren.fuzz.seconds=N} sets how long; the default is
 * 15 s here and 5 minutes in the {@code long} group ({@code mvn verify -Plong}).
 */
@DisplayName("Fuzz: the broker survives bad input from many connections and keeps serving a good one")
class FuzzTest extends JmsTestSupport {
    private static final int MAX_FRAME = 64 * 1024;
    private static final int ATTACKERS = 3;
    private static final long HEAP_GROWTH_BOUND = 64L * 1024 * 1024;

    @Test
    @DisplayName("bad input for about 15 s")
    void brokerSurvivesBadInput() throws Exception {
        fuzz(Duration.ofSeconds(Long.getLong("wren.fuzz.seconds", 15)));
    }

    @Test
    @Tag("long")
    @DisplayName("bad input for about 5 minutes")
    void brokerSurvivesBadInputForLong() throws Exception {
        fuzz(Duration.ofSeconds(Long.getLong("wren.fuzz.seconds", 300)));
    }

    private void fuzz(Duration duration) throws Exception {
        long seed = Long.getLong("wren.fuzz.seed", System.nanoTime());
        System.out.println("FuzzTest: seed " + seed + " for " + duration.toSeconds() + " s (replay with "
                + "-Dwren.fuzz.seed=" + seed + ")");
        try (WrenBroker broker = Broker.startDedicated(b -> b.maxFrameSize(MAX_FRAME)
                .maxDestinationMemory(16L * MAX_FRAME).handshakeTimeout(Duration.ofSeconds(1))
                .heartbeat(Duration.ofSeconds(1)).limits(new ConnectionLimits(64, 8, 8, 1024)))) {
            ConnectionFactory f = new WrenConnectionFactory(Broker.url(broker, null));
            Bystander bystander = new Bystander(track(f.createConnection()), track(f.createConnection()),
                    uniqueName());
            bystander.awaitTraffic(10);
            long heapBefore = usedHeapAfterGc();

            Random seeds = new Random(seed);
            long deadline = System.nanoTime() + duration.toNanos();
            List<CompletableFuture<Map<String, Integer>>> attackers = new ArrayList<>();
            for (int i = 0; i < ATTACKERS; i++) {
                Attacker a = new Attacker(broker.port(), new Random(seeds.nextLong()), deadline);
                attackers.add(CompletableFuture.supplyAsync(a::run, THREAD_PER_TASK));
            }
            Map<String, Integer> counts = new TreeMap<>();
            for (CompletableFuture<Map<String, Integer>> a : attackers) {
                a.get(duration.toSeconds() + 60, TimeUnit.SECONDS).forEach((k, v) -> counts.merge(k, v, Integer::sum));
            }
            System.out.println("FuzzTest: " + counts.values().stream().mapToInt(Integer::intValue).sum()
                    + " bad connections " + counts + "; the good client got " + bystander.received() + " messages");

            bystander.assertUndisturbed();
            await().atMost(Duration.ofSeconds(30)).until(() -> broker.acceptedConnectionCount() == 2
                    && broker.connectionCount() == 2);
            assertStillAcceptsConnections(f);
            for (DestinationStats d : broker.allStats()) {
                assertTrue(d.memoryBytes() <= 16L * MAX_FRAME + MAX_FRAME, "over its memory limit: " + d);
            }
            long growth = usedHeapAfterGc() - heapBefore;
            assertTrue(growth < HEAP_GROWTH_BOUND, "the heap grew by " + growth / 1024 + " KiB");
        }
    }

    private void assertStillAcceptsConnections(ConnectionFactory f) throws Exception {
        try (Connection c = f.createConnection()) {
            c.start();
            Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue(uniqueName());
            MessageConsumer consumer = s.createConsumer(q);
            s.createProducer(q).send(s.createTextMessage("after the storm"));
            assertEquals("after the storm", ((TextMessage) consumer.receive(10_000)).getText());
        }
    }

    /** Used heap after asking for a full collection a few times: an estimate, compared with a generous bound. */
    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /** One connection after another, each given one attack, until the deadline. */
    private static final class Attacker {
        private final int port;
        private final Random random;
        private final long deadline;
        private long requestIds;

        Attacker(int port, Random random, long deadline) {
            this.port = port;
            this.random = random;
            this.deadline = deadline;
        }

        Map<String, Integer> run() {
            Map<String, Integer> counts = new TreeMap<>();
            List<Map.Entry<String, BiFunction<RawClient, Random, Void>>> attacks = attacks();
            while (System.nanoTime() < deadline) {
                Map.Entry<String, BiFunction<RawClient, Random, Void>> attack =
                        attacks.get(random.nextInt(attacks.size()));
                try (RawClient c = RawClient.connect(port, 0)) {
                    attack.getValue().apply(c, random);
                    c.drain(Duration.ofMillis(20 + random.nextInt(80)));
                } catch (IOException | java.io.UncheckedIOException e) {
                    // The broker closed the connection while we still wrote: what it should do.
                }
                counts.merge(attack.getKey(), 1, Integer::sum);
            }
            return counts;
        }

        private List<Map.Entry<String, BiFunction<RawClient, Random, Void>>> attacks() {
            return List.of(
                    Map.entry("random bytes", (c, r) -> write(c, bytes(r, 1 + r.nextInt(4096)))),
                    Map.entry("random frame", (c, r) -> write(c, randomFrame(r))),
                    Map.entry("oversized frame", (c, r) -> write(c, oversized(r))),
                    Map.entry("negative or zero length",
                            (c, r) -> write(c, ByteBuffer.allocate(5).putInt(-r.nextInt(1 << 20)).array())),
                    Map.entry("truncated hello", (c, r) -> {
                        byte[] hello = RawClient.encode(hello());
                        write(c, java.util.Arrays.copyOf(hello, r.nextInt(hello.length)));
                        shutdown(c);
                        return null;
                    }),
                    Map.entry("hello, then random bytes", (c, r) -> write(c, concat(hello(), bytes(r, 1 + r.nextInt(2048))))),
                    Map.entry("hello, then a random frame", (c, r) -> write(c, concat(hello(), randomFrame(r)))),
                    Map.entry("hello, then an oversized frame", (c, r) -> write(c, concat(hello(), oversized(r)))),
                    Map.entry("hello, then a truncated frame", (c, r) -> {
                        byte[] frame = RawClient.encode(wellFormed(r));
                        write(c, concat(hello(), java.util.Arrays.copyOf(frame, r.nextInt(frame.length))));
                        shutdown(c);
                        return null;
                    }),
                    Map.entry("hello, then frames out of order", (c, r) -> {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        out.writeBytes(RawClient.encode(hello()));
                        for (int i = 1 + r.nextInt(6); i > 0; i--) {
                            out.writeBytes(RawClient.encode(wellFormed(r)));
                        }
                        return write(c, out.toByteArray());
                    }),
                    Map.entry("hello, then a frame with flipped bytes", (c, r) -> {
                        byte[] frame = RawClient.encode(wellFormed(r));
                        for (int i = 1 + r.nextInt(3); i > 0; i--) {
                            frame[r.nextInt(frame.length)] = (byte) r.nextInt(256);
                        }
                        return write(c, concat(hello(), frame));
                    }));
        }

        /**
         * A well-formed frame a client may send, with ids that mostly name nothing on this connection: acks of
         * unknown deliveries, consumers of sessions that do not exist, commits outside a transaction ...
         */
        private Frame wellFormed(Random r) {
            long id = ++requestIds;
            int session = r.nextInt(3);
            WireDestination queue = WireDestination.queue("fuzz." + r.nextInt(4));
            List<ConsumerMark> marks = List.of(new ConsumerMark(r.nextInt(4), r.nextInt(100)));
            return switch (r.nextInt(18)) {
                case 0 -> new AckFrame(r.nextInt(4), r.nextLong(), AckKind.values()[r.nextInt(AckKind.values().length)],
                        r.nextInt(10));
                case 1 -> new PullFrame(r.nextInt(4), r.nextLong(), r.nextInt(1000));
                case 2, 3 -> new CreateSessionFrame(id, session, r.nextInt(4));
                case 4, 5 -> new CreateConsumerFrame(id, session, r.nextInt(4), queue, null, false, r.nextInt(100),
                        null, SubscriptionKind.NONE);
                case 6 -> new CommitFrame(id, session, marks);
                case 7 -> new RollbackFrame(id, session, marks);
                case 8 -> new RecoverFrame(id, session, marks);
                case 9 -> new SessionAckFrame(id, session, marks);
                case 10 -> new CloseConsumerFrame(id, r.nextInt(4), r.nextInt(100));
                case 11 -> new CloseSessionFrame(id, session, marks);
                case 12 -> new UnsubscribeFrame(id, "no-such-subscription-" + r.nextInt(3));
                case 13 -> new DeleteTempDestinationFrame(id,
                        new WireDestination(DestinationKind.TEMPORARY_QUEUE, "temp-queue.someone-else." + id));
                case 14 -> new SetClientIdFrame(id, "fuzz-" + r.nextInt(3));
                case 15 -> new BrowseFrame(id, queue, null, 0, 0, 1 + r.nextInt(100));
                case 16 -> new SendFrame(id, session, queue, bytes(r, r.nextInt(200)));
                default -> r.nextBoolean() ? hello() : PingFrame.INSTANCE;
            };
        }

        private static HelloFrame hello() {
            return new HelloFrame(Protocol.VERSION, null, null, null, 0);
        }

        private static byte[] randomFrame(Random r) {
            byte[] body = bytes(r, r.nextInt(1024));
            return ByteBuffer.allocate(5 + body.length).putInt(1 + body.length).put((byte) r.nextInt(256)).put(body)
                    .array();
        }

        private static byte[] oversized(Random r) {
            int length = MAX_FRAME + 1 + r.nextInt(Integer.MAX_VALUE - MAX_FRAME - 1);
            return ByteBuffer.allocate(4 + 1024).putInt(length).put(bytes(r, 1024)).array();
        }

        private static byte[] bytes(Random r, int n) {
            byte[] b = new byte[n];
            r.nextBytes(b);
            return b;
        }

        private static byte[] concat(Frame first, byte[] then) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(RawClient.encode(first));
            out.writeBytes(then);
            return out.toByteArray();
        }

        private static Void write(RawClient c, byte[] bytes) {
            try {
                c.writeBytes(bytes);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return null;
        }

        private static void shutdown(RawClient c) {
            try {
                c.shutdownOutput();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
