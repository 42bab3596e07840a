package io.wrenmq.persistence.jdbc;

import io.wrenmq.persistence.Position;
import io.wrenmq.persistence.StoredDestination;
import io.wrenmq.persistence.StoredMessage;
import io.wrenmq.persistence.StoredReference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of the store, outside the test run (a benchmark, not a test):
 * <pre>
 *   java -cp ... io.wrenmq.persistence.jdbc.StoreBenchmark h2 [sync]
 *   java -cp ... io.wrenmq.persistence.jdbc.StoreBenchmark jdbc:postgresql://127.0.0.1:5432/wren_test postgres postgres
 * </pre>
 * Each submitter works like a synchronous producer or consumer: it waits for each event's future before the next.
 * Sends carry 1 KB bodies; acknowledgements remove what was sent. The database is emptied first: point it at a
 * database for tests only.
 */
public final class StoreBenchmark {

    private static final int BODY = 1024;
    private static final long SECONDS = 5;

    private StoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        JdbcStoreConfig config;
        if (args[0].equals("h2")) {
            Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bench");
            config = JdbcStoreConfig.embedded(dir).toBuilder().syncCommits(args.length > 1).build();
        } else {
            config = JdbcStoreConfig.builder(args[0]).user(args[1]).password(args[2]).build();
            try (var c = java.sql.DriverManager.getConnection(args[0], args[1], args[2]);
                 var s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS wren_reference, wren_message, wren_subscription, wren_destination,"
                        + " wren_schema");
            }
        }
        System.out.println(config);
        try (JdbcMessageStore store = JdbcMessageStore.open(config)) {
            store.load();
            for (int q = 1; q <= 8; q++) {
                store.destinationCreated(new StoredDestination(q, StoredDestination.Kind.QUEUE, "q" + q)).join();
            }
            AtomicLong ids = new AtomicLong(1000);
            run(store, "warm-up sends, 1 submitter", 1, (holder, sent) -> send(store, holder, ids, sent));
            for (int submitters : new int[]{1, 8}) {
                List<List<Long>> sent = run(store, "sends, " + submitters + " submitter(s)", submitters,
                        (holder, ids2) -> send(store, holder, ids, ids2));
                run(store, "acks, " + submitters + " submitter(s)", submitters, (holder, mine) -> {
                    List<Long> toAck = sent.get((int) holder - 1);
                    if (mine.size() < toAck.size()) {
                        long id = toAck.get(mine.size());
                        store.acknowledged(holder, id).join();
                        mine.add(id);
                        return true;
                    }
                    return false;
                });
            }
            page(store, ids);
        }
    }

    private interface Step {
        /** Does one event and waits for it; false when there is nothing left to do. */
        boolean next(long holder, List<Long> done) throws Exception;
    }

    private static boolean send(JdbcMessageStore store, long holder, AtomicLong ids, List<Long> sent) {
        long id = ids.incrementAndGet();
        store.messageStored(holder, new StoredMessage(id, 4, 0, 0, new byte[BODY]), 0).join();
        sent.add(id);
        return true;
    }

    /** Runs {@code submitters} threads, each on its own queue, for {@value #SECONDS} s; returns what each did. */
    private static List<List<Long>> run(JdbcMessageStore store, String what, int submitters, Step step)
            throws Exception {
        long commits = store.commits();
        long deadline = System.nanoTime() + SECONDS * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(submitters);
        List<Future<List<Long>>> results = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 1; t <= submitters; t++) {
            long holder = t;
            results.add(pool.submit(() -> {
                List<Long> done = new ArrayList<>();
                while (System.nanoTime() < deadline && step.next(holder, done)) {
                    // Next event.
                }
                return done;
            }));
        }
        List<List<Long>> done = new ArrayList<>();
        long events = 0;
        for (Future<List<Long>> r : results) {
            done.add(r.get());
            events += done.get(done.size() - 1).size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long transactions = store.commits() - commits;
        System.out.printf("%-28s %8.0f events/s  (%d events, %d transactions, %.1f events per transaction)%n",
                what, events / seconds, events, transactions, (double) events / Math.max(1, transactions));
        return done;
    }

    /** Reads a backlog of 100,000 messages in pages of 500: the last pages should cost what the first do. */
    private static void page(JdbcMessageStore store, AtomicLong ids) {
        long holder = 1;
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            pending.add(store.messageStored(holder, new StoredMessage(ids.incrementAndGet(), i % 10, 0, 0,
                    new byte[BODY]), 0));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        Position after = Position.START;
        long first = 0;
        long total = 0;
        int pages = 0;
        long last = 0;
        while (true) {
            long t0 = System.nanoTime();
            List<StoredReference> page = store.read(holder, after, 500).join();
            long took = System.nanoTime() - t0;
            if (page.isEmpty()) {
                break;
            }
            pages++;
            total += took;
            if (pages <= 10) {
                first += took;
            }
            last = took;
            after = page.get(page.size() - 1).message().position();
        }
        System.out.printf("paging 100,000 in pages of 500: %d pages, %.1f ms per page on average,"
                + " first ten %.1f ms each, last %.1f ms%n", pages, total / 1e6 / pages, first / 1e6 / 10, last / 1e6);
    }
}
