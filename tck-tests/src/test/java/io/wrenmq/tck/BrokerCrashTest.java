package io.wrenmq.tck;

import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The crash test: a broker in a JVM of its own is killed with {@code kill -9} at random moments while
 * producers send persistent messages and consumers take them, then restarted on the same store, again and again;
 * then the queue is drained. It passes only if every message whose {@code send} returned was received at least
 * once, every message received more than once was flagged redelivered on every receipt after the first, and no
 * message came back after its {@code acknowledge()} returned.
 *
 * <p>Runs in the Maven profile {@code crash} ({@code mvn verify -Pcrash -pl tck-tests}), on the embedded H2 store
 * and on PostgreSQL (a database of its own on the server {@link StoreDatabase} finds). System properties:
 * {@code wren.crash.cycles} (default {@value #DEFAULT_CYCLES}) and {@code wren.crash.seed} (to replay the kill
 * moments of a run, whose seed the test prints).
 */
@Tag("crash")
@DisplayName("Crash: a broker killed with kill -9 again and again loses no message whose send returned")
class BrokerCrashTest {
    private static final int DEFAULT_CYCLES = 20;
    private static final int PRODUCERS = 2;
    private static final int CONSUMERS = 2;
    private static final String QUEUE = "crash";
    private static final String PAYLOAD = "x".repeat(200);
    /** Messages sent and received on each run of the broker before it may be killed (ten times as many sent while
     * the consumers are away): every run does some work. */
    private static final int PROGRESS = 20;
    private static final int MAX_PAUSE_MS = 1500;

    @ParameterizedTest(name = "store on {0}")
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void everyMessageWhoseSendReturnedArrivesAndEveryRepeatIsFlagged(String store) throws Exception {
        int cycles = Integer.getInteger("wren.crash.cycles", DEFAULT_CYCLES);
        long seed = Long.getLong("wren.crash.seed", System.nanoTime());
        System.out.printf("BrokerCrashTest on %s: %d kill cycles, seed %d (replay with -Dwren.crash.seed=%d)%n",
                store, cycles, seed, seed);
        StoreDatabase database = store.equals("H2") ? null : StoreDatabase.freshPostgres("crash");
        long began = System.nanoTime();
        Ledger ledger = new Ledger();
        // No delivery limit: every kill brings back each delivery in flight with its count raised (the broker
        // cannot know whether the application saw it), so after enough kills a message would rightly move to the
        // dead-letter queue, which is not what this test is about (DeadLetterTest covers that across a restart).
        List<String> options = new ArrayList<>(List.of("--max-delivery-attempts", "0"));
        if (database != null) {
            options.addAll(database.options());
        }
        try (BrokerProcess broker = new BrokerProcess(Broker.freshDataDir(), List.of("-Xmx256m"), options);
             Clients clients = new Clients(broker, ledger)) {
            broker.start();
            clients.start();
            Random random = new Random(seed);
            for (int cycle = 1; cycle <= cycles; cycle++) {
                awaitProgress(ledger, PROGRESS, PROGRESS);
                if (random.nextBoolean()) {
                    // The consumers go away for a while: what is stored meanwhile is stored as never delivered, so
                    // the broker must record each delivery of it before it dispatches it, or a kill soon after the
                    // consumers are back, while they hold some of it unacknowledged, brings that back unflagged.
                    clients.consumersAway();
                    awaitProgress(ledger, 10 * PROGRESS, 0);
                    clients.consumersBack();
                    awaitProgress(ledger, 0, PROGRESS);
                    pause(random.nextInt(MAX_PAUSE_MS / 5));
                } else {
                    pause(random.nextInt(MAX_PAUSE_MS));
                }
                clients.brokerDown();
                broker.kill();
                broker.start();
                clients.brokerUp();
            }
            clients.stopProducers();
            Set<Integer> mustArrive = Set.copyOf(ledger.returned);
            // Until all arrived, or nothing more does: then check() says what is missing.
            await().atMost(Duration.ofMinutes(3)).until(() -> ledger.flags.keySet().containsAll(mustArrive)
                    || System.nanoTime() - ledger.lastReceipt > TimeUnit.SECONDS.toNanos(20));
            clients.stopConsumers();
            assertEquals(List.of(), broker.logLines("ERROR"), "the broker logged errors");
            assertEquals(List.of(), broker.logLines("OutOfMemoryError"));
            broker.stop();

            System.out.printf("BrokerCrashTest on %s: %d kill cycles in %d s; %d sends returned, %d threw; %d messages"
                            + " received (%d receipts), %d of them more than once, %d receipts flagged redelivered;"
                            + " %d client reconnections%n", store, cycles,
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began), ledger.returned.size(),
                    ledger.threw.size(), ledger.flags.size(), ledger.receipts.get(), ledger.repeated().size(),
                    ledger.redelivered.get(), clients.reconnections.get());
            ledger.check(mustArrive);
        } finally {
            if (database != null) {
                database.drop();
            }
        }
    }

    /** Waits until {@code sends} more sends have returned and {@code receipts} more messages were received. */
    private static void awaitProgress(Ledger ledger, int sends, int receipts) {
        int sent = ledger.returned.size();
        long received = ledger.receipts.get();
        await().atMost(Duration.ofMinutes(2)).until(() -> ledger.returned.size() >= sent + sends
                && ledger.receipts.get() >= received + receipts);
    }

    /** Waits {@code ms}, on a scheduled delay rather than by sleeping. */
    private static void pause(long ms) {
        CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(ms, TimeUnit.MILLISECONDS)).join();
    }

    /** What the clients saw, from every thread. */
    private static final class Ledger {
        final AtomicInteger nextId = new AtomicInteger();
        /** Ids whose send returned normally: they must arrive. */
        final Set<Integer> returned = ConcurrentHashMap.newKeySet();
        /** Ids whose send threw: they may arrive or not. */
        final Set<Integer> threw = ConcurrentHashMap.newKeySet();
        /** Ids received, with the JMSRedelivered flag of each receipt in the order received. */
        final Map<Integer, List<Boolean>> flags = new ConcurrentHashMap<>();
        /** Ids whose acknowledge() returned: they must not come back. */
        final Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        final List<String> violations = new CopyOnWriteArrayList<>();
        final AtomicLong receipts = new AtomicLong();
        final AtomicLong redelivered = new AtomicLong();
        volatile long lastReceipt = System.nanoTime();

        void received(int id, boolean redeliveredFlag) {
            if (acknowledged.contains(id)) {
                violations.add("message " + id + " came back after its acknowledge() returned");
            }
            flags.compute(id, (k, seen) -> {
                List<Boolean> all = seen == null ? new ArrayList<>() : seen;
                all.add(redeliveredFlag);
                return all;
            });
            receipts.incrementAndGet();
            lastReceipt = System.nanoTime();
            if (redeliveredFlag) {
                redelivered.incrementAndGet();
            }
        }

        Map<Integer, List<Boolean>> repeated() {
            Map<Integer, List<Boolean>> out = new TreeMap<>();
            flags.forEach((id, all) -> {
                if (all.size() > 1) {
                    out.put(id, all);
                }
            });
            return out;
        }

        void check(Set<Integer> mustArrive) {
            Set<Integer> missing = new TreeSet<>(mustArrive);
            missing.removeAll(flags.keySet());
            assertTrue(missing.isEmpty(), missing.size() + " messages whose send returned never arrived: "
                    + first(missing));
            List<String> unflagged = new ArrayList<>();
            repeated().forEach((id, all) -> {
                if (all.subList(1, all.size()).contains(false)) {
                    unflagged.add(id + " " + all);
                }
            });
            assertTrue(unflagged.isEmpty(), unflagged.size() + " messages came again unflagged (id [flags of each"
                    + " receipt]): " + first(unflagged));
            assertEquals(List.of(), violations);
            Set<Integer> unknown = new TreeSet<>(flags.keySet());
            unknown.removeAll(returned);
            unknown.removeAll(threw);
            assertTrue(unknown.isEmpty(), "received messages no producer sent: " + first(unknown));
        }

        private static String first(Collection<?> items) {
            return items.stream().limit(20).toList() + (items.size() > 20 ? " ..." : "");
        }
    }

    /**
     * The producers and consumers, each on a thread of its own, each with a connection of its own that it opens
     * again whenever the broker dies under it (once the broker is back up).
     */
    private static final class Clients implements AutoCloseable {
        private final BrokerProcess broker;
        private final Ledger ledger;
        private final List<Thread> producers = new ArrayList<>();
        private final List<Thread> consumers = new ArrayList<>();
        private final AtomicBoolean producing = new AtomicBoolean(true);
        private final AtomicBoolean consuming = new AtomicBoolean(true);
        private final AtomicLong reconnections = new AtomicLong();
        private final Executor retryDelay = CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS);
        /** Completes while the broker is up; replaced, not completed, while it is down. */
        private volatile CompletableFuture<Void> up = CompletableFuture.completedFuture(null);
        /** Completes while the consumers are to be there; replaced, not completed, while they are away. */
        private volatile CompletableFuture<Void> consumersWanted = CompletableFuture.completedFuture(null);

        Clients(BrokerProcess broker, Ledger ledger) {
            this.broker = broker;
            this.ledger = ledger;
        }

        void start() {
            for (int i = 0; i < PRODUCERS; i++) {
                producers.add(thread("producer-" + i, "", producing, this::produce));
            }
            for (int i = 0; i < CONSUMERS; i++) {
                // One consumer takes the default window and acknowledges each message; the others a small window,
                // acknowledging many messages at a time (or when none comes), so they hold some when killed.
                int ackEvery = i == 0 ? 1 : 50;
                consumers.add(thread("consumer-" + i, i == 0 ? "" : "prefetch=10", consuming, (c, broken) -> {
                    consume(c, broken, ackEvery);
                    c.close();
                    awaitQuietly(consumersWanted);
                }));
            }
        }

        void brokerDown() {
            up = new CompletableFuture<>();
        }

        void brokerUp() {
            up.complete(null);
        }

        /** The consumers close their connections, and open them again only after {@link #consumersBack}. */
        void consumersAway() {
            consumersWanted = new CompletableFuture<>();
        }

        void consumersBack() {
            consumersWanted.complete(null);
        }

        void stopProducers() throws InterruptedException {
            stop(producing, producers);
        }

        void stopConsumers() throws InterruptedException {
            consumersBack();
            stop(consuming, consumers);
        }

        private static void stop(AtomicBoolean running, List<Thread> threads) throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(60));
                if (t.isAlive()) {
                    throw new AssertionError(t.getName() + " did not stop within 60 s");
                }
            }
        }

        @Override
        public void close() {
            // Whatever happened, no client is to wait any longer.
            brokerUp();
            try {
                stopProducers();
                stopConsumers();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @FunctionalInterface
        private interface Work {
            /** Works on {@code connection} until told to stop or {@code broken}; throws when the broker dies. */
            void run(Connection connection, AtomicBoolean broken) throws JMSException;
        }

        private Thread thread(String name, String urlOptions, AtomicBoolean running, Work work) {
            Thread t = new Thread(() -> {
                WrenConnectionFactory factory = new WrenConnectionFactory(broker.url(urlOptions));
                while (running.get()) {
                    AtomicBoolean broken = new AtomicBoolean();
                    try (Connection connection = factory.createConnection()) {
                        connection.setExceptionListener(e -> broken.set(true));
                        connection.start();
                        work.run(connection, broken);
                    } catch (JMSException | RuntimeException e) {
                        // The broker died under this client, or is not back yet: once it is, start again.
                        reconnections.incrementAndGet();
                        awaitBrokerUp();
                    }
                }
            }, name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        private void awaitBrokerUp() {
            CompletableFuture.runAsync(() -> { }, retryDelay).join();
            awaitQuietly(up);
        }

        private static void awaitQuietly(CompletableFuture<Void> gate) {
            try {
                gate.get(3, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (TimeoutException | ExecutionException e) {
                throw new IllegalStateException("waited 3 minutes in vain", e);
            }
        }

        private void produce(Connection connection, AtomicBoolean broken) throws JMSException {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            while (producing.get() && !broken.get()) {
                int id = ledger.nextId.incrementAndGet();
                TextMessage m = session.createTextMessage(PAYLOAD);
                m.setIntProperty("id", id);
                try {
                    producer.send(m);
                } catch (JMSException | RuntimeException e) {
                    ledger.threw.add(id);
                    throw e;
                }
                ledger.returned.add(id);
            }
        }

        private void consume(Connection connection, AtomicBoolean broken, int ackEvery) throws JMSException {
            Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
            List<Integer> unacknowledged = new ArrayList<>();
            Message last = null;
            while (consuming.get() && !broken.get() && consumersWanted.isDone()) {
                Message m = consumer.receive(200);
                if (m != null) {
                    int id = m.getIntProperty("id");
                    ledger.received(id, m.getJMSRedelivered());
                    unacknowledged.add(id);
                    last = m;
                }
                if (last != null && (m == null || unacknowledged.size() >= ackEvery)) {
                    last.acknowledge();
                    ledger.acknowledged.addAll(unacknowledged);
                    unacknowledged.clear();
                    last = null;
                }
            }
        }
    }
}
