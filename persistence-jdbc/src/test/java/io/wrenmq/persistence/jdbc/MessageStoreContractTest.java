package io.wrenmq.persistence.jdbc;

import io.wrenmq.persistence.MessageStore;
import io.wrenmq.persistence.Position;
import io.wrenmq.persistence.StoreException;
import io.wrenmq.persistence.StoreState;
import io.wrenmq.persistence.StoreTransaction;
import io.wrenmq.persistence.StoredDestination;
import io.wrenmq.persistence.StoredMessage;
import io.wrenmq.persistence.StoredReference;
import io.wrenmq.persistence.StoredSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

import static io.wrenmq.persistence.StoredDestination.Kind.QUEUE;
import static io.wrenmq.persistence.StoredDestination.Kind.TOPIC;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store contract, run against every database the store supports (one subclass each): each test gets a new,
 * empty database, and most check their effect after the store was closed and opened again.
 */
abstract class MessageStoreContractTest {

    private static final long WAIT_SECONDS = 30;

    private final List<JdbcMessageStore> opened = new ArrayList<>();
    /** This test's database. */
    protected JdbcStoreConfig config;

    /** A new, empty database for one test. */
    protected abstract JdbcStoreConfig newDatabase() throws Exception;

    @BeforeEach
    void newDatabaseForEachTest() throws Exception {
        config = newDatabase();
    }

    @AfterEach
    void closeStores() {
        opened.forEach(JdbcMessageStore::close);
    }

    // ---- every event, and what survives a restart

    @Test
    void everyEventIsThereAfterReopen() {
        JdbcMessageStore store = open();
        StoreState empty = store.load();
        assertEquals(List.of(), empty.destinations());
        assertEquals(0, empty.maxId());

        StoredDestination queue = new StoredDestination(1, QUEUE, "orders");
        StoredDestination topic = new StoredDestination(2, TOPIC, "prices");
        StoredSubscription durable = new StoredSubscription(3, 2, "client-a", "cheap", "price < 3", true, false);
        StoredSubscription shared = new StoredSubscription(4, 2, null, "all", null, false, true);
        done(store.destinationCreated(queue));
        done(store.destinationCreated(topic));
        done(store.subscriptionCreated(durable));
        done(store.subscriptionCreated(shared));
        StoredMessage m10 = message(10, 4);
        StoredMessage m11 = message(11, 4);
        StoredMessage m12 = message(12, 7);
        StoredMessage m13 = message(13, 4);
        done(store.messageStored(1, m10, 0));
        done(store.messageStored(1, m11, 0));
        done(store.topicMessageStored(m12, new long[]{3, 4}, new int[2]));
        done(store.acknowledged(1, 10));
        done(store.deliveryCountRaised(1, 11, 2));
        done(store.acknowledged(3, 12));
        StoreTransaction tx = new StoreTransaction();
        tx.send(m13, 1);
        tx.acknowledge(4, 12);
        done(store.transactionCommitted(tx));

        store = reopen(store);
        StoreState state = store.load();
        assertEquals(List.of(queue, topic), state.destinations());
        assertEquals(List.of(durable, shared), state.subscriptions());
        assertEquals(Map.of(1L, 2L), state.messageCounts());
        assertEquals(13, state.maxId());
        assertEquals(List.of(new StoredReference(m11, 2), new StoredReference(m13, 0)), readAll(store, 1));
        assertEquals(List.of(), readAll(store, 3));
        assertEquals(List.of(), readAll(store, 4));
        assertEquals(2, count("SELECT COUNT(*) FROM wren_message"));
    }

    @Test
    void readReturnsDeliveryOrderAndPagesAfterAPosition() {
        JdbcMessageStore store = started();
        done(store.destinationCreated(new StoredDestination(1, QUEUE, "backlog")));
        Random random = new Random(42);
        List<StoredMessage> sent = new ArrayList<>();
        List<CompletableFuture<Void>> stored = new ArrayList<>();
        for (long id = 100; id < 2100; id++) {
            StoredMessage m = message(id, random.nextInt(10));
            sent.add(m);
            stored.add(store.messageStored(1, m, 0));
        }
        done(CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)));
        List<StoredMessage> expected = new ArrayList<>(sent);
        expected.sort(Comparator.comparing(StoredMessage::position));

        store = reopen(store);
        List<StoredMessage> paged = new ArrayList<>();
        Position after = Position.START;
        while (true) {
            List<StoredReference> page = done(store.read(1, after, 137));
            if (page.isEmpty()) {
                break;
            }
            assertTrue(page.size() <= 137);
            page.forEach(r -> paged.add(r.message()));
            after = page.get(page.size() - 1).message().position();
        }
        assertEquals(expected, paged);

        StoredMessage middle = expected.get(1000);
        assertEquals(expected.subList(1001, 1004), messages(done(store.read(1, middle.position(), 3))));
        // A position between messages: everything of priority 5 first, then priority 4 and below.
        List<StoredMessage> fromFive = expected.stream().filter(m -> m.priority() <= 5).limit(5).toList();
        assertEquals(fromFive, messages(done(store.read(1, new Position(5, 0), 5))));
        assertEquals(List.of(), done(store.read(1, expected.get(expected.size() - 1).position(), 10)));
        assertEquals(List.of(), done(store.read(99, Position.START, 10)));
    }

    @Test
    void topicMessageIsStoredOnceAndGoesWithItsLastAcknowledgement() {
        JdbcMessageStore store = started();
        done(store.destinationCreated(new StoredDestination(1, TOPIC, "news")));
        for (long sub = 2; sub <= 4; sub++) {
            done(store.subscriptionCreated(subscription(sub, 1, "s" + sub)));
        }
        StoredMessage m = message(10, 4);
        done(store.topicMessageStored(m, new long[]{2, 3, 4}, new int[3]));
        assertEquals(1, count("SELECT COUNT(*) FROM wren_message"));
        assertEquals(3, count("SELECT COUNT(*) FROM wren_reference"));

        done(store.acknowledged(2, 10));
        store = reopen(store);
        assertEquals(Map.of(3L, 1L, 4L, 1L), store.load().messageCounts());
        assertEquals(List.of(new StoredReference(m, 0)), readAll(store, 3));
        assertEquals(1, count("SELECT COUNT(*) FROM wren_message"));

        done(store.acknowledged(3, 10));
        assertEquals(1, count("SELECT COUNT(*) FROM wren_message"));
        done(store.acknowledged(4, 10));
        assertEquals(0, count("SELECT COUNT(*) FROM wren_message"));
        assertEquals(0, count("SELECT COUNT(*) FROM wren_reference"));
    }

    @Test
    void deliveryCountsSurviveReopenPerHolder() {
        JdbcMessageStore store = started();
        done(store.destinationCreated(new StoredDestination(1, TOPIC, "news")));
        done(store.subscriptionCreated(subscription(2, 1, "a")));
        done(store.subscriptionCreated(subscription(3, 1, "b")));
        StoredMessage m = message(10, 4);
        done(store.topicMessageStored(m, new long[]{2, 3}, new int[2]));
        done(store.deliveryCountRaised(2, 10, 1));
        done(store.deliveryCountRaised(2, 10, 3));

        store = reopen(store);
        assertEquals(List.of(new StoredReference(m, 3)), readAll(store, 2));
        assertEquals(List.of(new StoredReference(m, 0)), readAll(store, 3));
    }

    @Test
    void referencesStartAtTheDeliveryCountGiven() {
        JdbcMessageStore store = started();
        done(store.destinationCreated(new StoredDestination(1, QUEUE, "orders")));
        done(store.destinationCreated(new StoredDestination(2, TOPIC, "news")));
        done(store.subscriptionCreated(subscription(3, 2, "a")));
        done(store.subscriptionCreated(subscription(4, 2, "b")));
        StoredMessage queued = message(10, 4);
        StoredMessage published = message(11, 4);
        done(store.messageStored(1, queued, 1));
        done(store.topicMessageStored(published, new long[]{3, 4}, new int[]{1, 0}));

        store = reopen(store);
        assertEquals(List.of(new StoredReference(queued, 1)), readAll(store, 1));
        assertEquals(List.of(new StoredReference(published, 1)), readAll(store, 3));
        assertEquals(List.of(new StoredReference(published, 0)), readAll(store, 4));
    }

    // ---- transactions, group commit, failures

    @Test
    void transactionIsAppliedAllOrNothing() {
        JdbcMessageStore store = started();
        done(store.destinationCreated(new StoredDestination(1, QUEUE, "orders")));
        StoredMessage m10 = message(10, 4);
        done(store.messageStored(1, m10, 0));

        StoreTransaction tx = new StoreTransaction();
        tx.send(message(20, 4), 1);
        tx.acknowledge(1, 10);
        tx.send(message(10, 4), 1); // message 10 is stored already: this send fails, and with it the transaction
        failed(store.transactionCommitted(tx));
        StoredMessage m30 = message(30, 4);
        done(store.messageStored(1, m30, 0));

        store = reopen(store);
        assertEquals(List.of(m10, m30), messages(readAll(store, 1)));
    }

    @Test
    void concurrentEventsAreCommittedTogether() throws Exception {
        Faults faults = new Faults();
        JdbcMessageStore store = started(faults::wrap);
        done(store.destinationCreated(new StoredDestination(1, QUEUE, "busy")));
        long commitsBefore = store.commits();

        faults.holdCommits();
        CompletableFuture<Void> first = store.messageStored(1, message(10, 4), 0);
        faults.awaitHeldCommit();
        int threads = 8;
        int perThread = 250;
        ExecutorService submitters = Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<List<CompletableFuture<Void>>>> submitted = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long base = 1000 + t * perThread;
            submitted.add(submitters.submit(() -> {
                List<CompletableFuture<Void>> futures = new ArrayList<>();
                for (long id = base; id < base + perThread; id++) {
                    futures.add(store.messageStored(1, message(id, 4), 0));
                }
                return futures;
            }));
        }
        List<CompletableFuture<Void>> all = new ArrayList<>(List.of(first));
        for (var s : submitted) {
            all.addAll(s.get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
        submitters.shutdown();
        faults.releaseCommits();
        done(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)));

        // One transaction for the first event, one for the 2,000 that queued behind it.
        assertEquals(2, store.commits() - commitsBefore);
        assertEquals(threads * perThread + 1, store.load().messageCounts().get(1L));
    }

    @Test
    void aFailedCommitFailsEveryEventInItAndTheNextTransactionSucceeds() {
        Faults faults = new Faults();
        JdbcMessageStore store = started(faults::wrap);
        done(store.destinationCreated(new StoredDestination(1, QUEUE, "orders")));

        faults.holdCommits();
        CompletableFuture<Void> before = store.messageStored(1, message(10, 4), 0);
        faults.awaitHeldCommit();
        List<CompletableFuture<Void>> lost = new ArrayList<>();
        for (long id = 20; id < 25; id++) {
            lost.add(store.messageStored(1, message(id, 4), 0));
        }
        lost.add(store.acknowledged(1, 10));
        faults.failNextCommit(); // the commit after the held one: the six events above
        int connections = faults.connectionsTaken();
        faults.releaseCommits();
        done(before);
        for (CompletableFuture<Void> f : lost) {
            failed(f);
        }
        assertEquals(1, store.failedTransactions());

        StoredMessage after = message(30, 4);
        done(store.messageStored(1, after, 0));
        assertEquals(connections + 1, faults.connectionsTaken(), "the next transaction takes a new connection");

        store = reopen(store);
        assertEquals(List.of(message(10, 4), after), messages(readAll(store, 1)));
    }

    @Test
    void newerSchemaIsAClearErrorAtStart() throws SQLException {
        open().close();
        execute("UPDATE wren_schema SET version = 99");
        StoreException e = assertThrows(StoreException.class, this::open);
        assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
        assertTrue(e.getMessage().contains("newer Wren"), e.getMessage());
    }

    // ---- destinations and subscriptions

    @Test
    void deletingADestinationRemovesItsMessagesAndSubscriptions() {
        JdbcMessageStore store = started();
        StoredDestination other = new StoredDestination(5, QUEUE, "other");
        done(store.destinationCreated(new StoredDestination(1, QUEUE, "orders")));
        done(store.destinationCreated(new StoredDestination(2, TOPIC, "prices")));
        done(store.destinationCreated(other));
        done(store.subscriptionCreated(subscription(3, 2, "a")));
        done(store.subscriptionCreated(subscription(4, 2, "b")));
        done(store.messageStored(1, message(10, 4), 0));
        done(store.topicMessageStored(message(11, 4), new long[]{3, 4}, new int[2]));
        StoredMessage kept = message(12, 4);
        done(store.messageStored(5, kept, 0));

        done(store.destinationDeleted(2));
        assertEquals(0, count("SELECT COUNT(*) FROM wren_subscription"));
        assertEquals(2, count("SELECT COUNT(*) FROM wren_message"));
        done(store.destinationDeleted(1));

        store = reopen(store);
        StoreState state = store.load();
        assertEquals(List.of(other), state.destinations());
        assertEquals(List.of(), state.subscriptions());
        assertEquals(Map.of(5L, 1L), state.messageCounts());
        assertEquals(List.of(kept), messages(readAll(store, 5)));
        assertEquals(1, count("SELECT COUNT(*) FROM wren_message"));
    }

    @Test
    void aDestinationDeletedAndCreatedAgainInOneTransactionIsTheNewOne() {
        Faults faults = new Faults();
        JdbcMessageStore store = started(faults::wrap);
        done(store.destinationCreated(new StoredDestination(1, QUEUE, "orders")));
        done(store.messageStored(1, message(10, 4), 0));
        long commitsBefore = store.commits();

        faults.holdCommits();
        CompletableFuture<Void> blocker = store.destinationCreated(new StoredDestination(9, QUEUE, "blocker"));
        faults.awaitHeldCommit();
        StoredDestination again = new StoredDestination(2, QUEUE, "orders");
        StoredMessage m11 = message(11, 4);
        List<CompletableFuture<Void>> oneBatch = List.of(store.messageStored(1, message(12, 4), 0),
                store.destinationDeleted(1), store.destinationCreated(again), store.messageStored(2, m11, 0));
        faults.releaseCommits();
        done(blocker);
        oneBatch.forEach(MessageStoreContractTest::done);
        assertEquals(2, store.commits() - commitsBefore);

        store = reopen(store);
        StoreState state = store.load();
        assertEquals(List.of(again, new StoredDestination(9, QUEUE, "blocker")), state.destinations());
        assertEquals(Map.of(2L, 1L), state.messageCounts());
        assertEquals(List.of(m11), messages(readAll(store, 2)));
        assertEquals(1, count("SELECT COUNT(*) FROM wren_message"));
    }

    @Test
    void removingASubscriptionKeepsWhatOtherSubscriptionsHold() {
        JdbcMessageStore store = started();
        done(store.destinationCreated(new StoredDestination(1, TOPIC, "news")));
        StoredSubscription stays = subscription(3, 1, "stays");
        done(store.subscriptionCreated(subscription(2, 1, "goes")));
        done(store.subscriptionCreated(stays));
        StoredMessage shared = message(10, 4);
        done(store.topicMessageStored(shared, new long[]{2, 3}, new int[2]));
        done(store.topicMessageStored(message(11, 4), new long[]{2}, new int[1]));

        done(store.subscriptionRemoved(2));
        store = reopen(store);
        StoreState state = store.load();
        assertEquals(List.of(stays), state.subscriptions());
        assertEquals(Map.of(3L, 1L), state.messageCounts());
        assertEquals(List.of(shared), messages(readAll(store, 3)));
        assertEquals(1, count("SELECT COUNT(*) FROM wren_message"));
    }

    // ---- closing and crashing

    @Test
    void closeCommitsWhatWasSubmittedAndLaterEventsFail() {
        JdbcMessageStore store = started();
        done(store.destinationCreated(new StoredDestination(1, QUEUE, "orders")));
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (long id = 10; id < 510; id++) {
            pending.add(store.messageStored(1, message(id, 4), 0));
        }
        store.close();
        pending.forEach(f -> assertTrue(f.isDone() && !f.isCompletedExceptionally()));
        failed(store.messageStored(1, message(600, 4), 0));
        failed(store.read(1, Position.START, 10));
        store.close();

        assertEquals(Map.of(1L, 500L), open().load().messageCounts());
    }

    @Test
    void committedEventsSurviveKillOfTheProcess() throws Exception {
        Path log = Files.createTempFile("wren-crash-writer", ".log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(),
                config.url(), config.user(), config.password())
                .redirectError(log.toFile())
                .start();
        List<Long> printed = new ArrayList<>();
        Thread reader = new Thread(() -> collectIds(child, printed), "crash-writer-output");
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(WAIT_SECONDS))
                    .failFast(() -> !child.isAlive())
                    .until(() -> size(printed) >= 3000);
        } catch (RuntimeException e) {
            throw new AssertionError("the crash writer did not get going; its log:\n" + Files.readString(log), e);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            Files.deleteIfExists(log);
        }
        assertTrue(child.waitFor(WAIT_SECONDS, TimeUnit.SECONDS));
        reader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));

        JdbcMessageStore store = open();
        assertEquals(List.of(new StoredDestination(CrashWriter.QUEUE, QUEUE, "crash")), store.load().destinations());
        List<StoredReference> all = readAll(store, CrashWriter.QUEUE);
        Set<Long> stored = new HashSet<>();
        for (StoredReference r : all) {
            assertEquals(new String(CrashWriter.body(r.message().id()), StandardCharsets.UTF_8),
                    new String(r.message().body(), StandardCharsets.UTF_8));
            stored.add(r.message().id());
        }
        List<Long> lost;
        synchronized (printed) {
            lost = printed.stream().filter(id -> !stored.contains(id)).toList();
        }
        assertTrue(lost.isEmpty(), "committed (printed) before kill -9, missing after: " + lost.size() + " of "
                + size(printed) + ", from id " + (lost.isEmpty() ? 0 : lost.get(0)) + "; the database has "
                + stored.size());
        // Ids are stored in order, so what is there has no gaps: a prefix of what the child sent.
        assertEquals(stored.size(), all.get(all.size() - 1).message().id() - CrashWriter.QUEUE);
    }

    // ---- helpers

    private JdbcMessageStore open() {
        return open(UnaryOperator.identity());
    }

    private JdbcMessageStore open(UnaryOperator<DataSource> decorate) {
        JdbcMessageStore store = JdbcMessageStore.open(config, decorate);
        opened.add(store);
        return store;
    }

    /** Opened and loaded, ready for events. */
    private JdbcMessageStore started() {
        return started(UnaryOperator.identity());
    }

    private JdbcMessageStore started(UnaryOperator<DataSource> decorate) {
        JdbcMessageStore store = open(decorate);
        store.load();
        return store;
    }

    private JdbcMessageStore reopen(JdbcMessageStore store) {
        store.close();
        return started();
    }

    static StoredSubscription subscription(long id, long topicId, String name) {
        return new StoredSubscription(id, topicId, "c", name, null, false, false);
    }

    static StoredMessage message(long id, int priority) {
        return new StoredMessage(id, priority, 0, 1_700_000_000_000L + id,
                ("message " + id).getBytes(StandardCharsets.UTF_8));
    }

    static <T> T done(CompletableFuture<T> future) {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the store failed an event that should succeed", e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no answer from the store", e);
        }
    }

    static void failed(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> future.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(StoreException.class, e.getCause());
    }

    static List<StoredReference> readAll(MessageStore store, long holderId) {
        List<StoredReference> all = new ArrayList<>();
        Position after = Position.START;
        for (List<StoredReference> page; !(page = done(store.read(holderId, after, 1000))).isEmpty(); ) {
            all.addAll(page);
            after = page.get(page.size() - 1).message().position();
        }
        return all;
    }

    static List<StoredMessage> messages(List<StoredReference> references) {
        return references.stream().map(StoredReference::message).toList();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(config.dialect().jdbcUrl(config.url()), config.user(), config.password());
    }

    private long count(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static void collectIds(Process child, List<Long> printed) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.equals(CrashWriter.READY)) {
                    synchronized (printed) {
                        printed.add(Long.parseLong(line.trim()));
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // The child was killed mid-line: what was read whole counts.
        }
    }

    private static int size(List<Long> printed) {
        synchronized (printed) {
            return printed.size();
        }
    }
}
