package io.wrenmq.persistence.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.wrenmq.persistence.MessageStore;
import io.wrenmq.persistence.Position;
import io.wrenmq.persistence.StoreException;
import io.wrenmq.persistence.StoreState;
import io.wrenmq.persistence.StoreTransaction;
import io.wrenmq.persistence.StoredDestination;
import io.wrenmq.persistence.StoredMessage;
import io.wrenmq.persistence.StoredReference;
import io.wrenmq.persistence.StoredSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The {@link MessageStore} on a relational database (H2 embedded, or PostgreSQL) through a HikariCP pool.
 *
 * <h2>Threads</h2>
 * Events go to one writer thread ({@link StoreWriter}) that commits everything pending in one transaction, with
 * one JDBC batch per kind of statement ({@link BatchWriter}), and completes the futures after the commit. Reads run
 * on {@code poolSize - 1} reader threads, each on its own pooled connection; the writer keeps one. Thread-safe.
 *
 * <h2>Durability</h2>
 * A future completes after the database acknowledged the commit.
 * <ul>
 *   <li>PostgreSQL: a commit is in the write-ahead log and fsynced (with the server's default
 *       {@code synchronous_commit=on}): it survives the crash of the broker, of the database and of the machine.</li>
 *   <li>H2 (embedded default): H2 normally keeps commits in memory for up to WRITE_DELAY (500 ms) and then writes
 *       them, and never fsyncs a commit. A commit acknowledged and then lost to {@code kill -9} is not acceptable,
 *       so the store runs H2 with {@code WRITE_DELAY=0}: each commit is written to the file (a write() to the
 *       operating system) before it returns. It survives {@code kill -9} of the broker and any crash of the JVM; it
 *       does not survive a kernel crash or power loss until the operating system flushed its cache (seconds).
 *       {@link JdbcStoreConfig#syncCommits()} adds an fsync per transaction ({@code CHECKPOINT SYNC}) for that.
 *       Measured on the 2-core build machine (1 KB rows, one insert per commit, one thread, a virtual disk whose
 *       fsync took from 0.1 to 4 ms): H2's default 49,000 commits/s, and a crash test loses hundreds of
 *       acknowledged commits to kill -9; WRITE_DELAY=0 3,900 to 5,000 commits/s, and the crash test loses none;
 *       WRITE_DELAY=0 with an fsync per commit 210 to 1,100 commits/s. Group commit spreads that cost over every
 *       event pending.
 *       H2 keeps old file chunks for 45 s (RETENTION_TIME) before reusing their space, so the file grows with
 *       the write rate of the last 45 s.</li>
 * </ul>
 * If a commit fails, its events fail; if the connection is lost during the commit itself, the database may have
 * committed it all the same (the outcome is unknown, as after a crash).
 */
public final class JdbcMessageStore implements MessageStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcMessageStore.class);

    private final JdbcStoreConfig config;
    private final HikariDataSource pool;
    private final DataSource source;
    private final StoreWriter writer;
    private final ExecutorService readers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JdbcMessageStore(JdbcStoreConfig config, HikariDataSource pool, DataSource source) {
        this.config = config;
        this.pool = pool;
        this.source = source;
        this.writer = new StoreWriter(source, pool, config.dialect(), config);
        int readerThreads = config.poolSize() - 1;
        AtomicInteger n = new AtomicInteger();
        this.readers = new ThreadPoolExecutor(readerThreads, readerThreads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "wren-store-reader-" + n.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Connects, creates the schema on a new database, and starts the writer.
     *
     * @throws StoreException if the database cannot be reached, or its schema is newer than this code understands
     */
    public static JdbcMessageStore open(JdbcStoreConfig config) {
        return open(config, UnaryOperator.identity());
    }

    /** As {@link #open(JdbcStoreConfig)}, with every connection taken through {@code decorate} (for tests). */
    static JdbcMessageStore open(JdbcStoreConfig config, UnaryOperator<DataSource> decorate) {
        SqlDialect dialect = config.dialect();
        HikariDataSource pool = startPool(config, dialect);
        try {
            DataSource source = decorate.apply(pool);
            int found = Schema.prepare(source, dialect, config.url());
            JdbcMessageStore store = new JdbcMessageStore(config, pool, source);
            LOG.info("Store open: {} ({}, schema version {}{})", config, dialect, SqlDialect.SCHEMA_VERSION,
                    found == 0 ? ", created now" : "");
            return store;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource startPool(JdbcStoreConfig config, SqlDialect dialect) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("wren-store");
        hikari.setDriverClassName(dialect.driverClass);
        hikari.setJdbcUrl(dialect.jdbcUrl(config.url()));
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
        dialect.configure(hikari);
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new StoreException("Cannot connect to the store database " + config.url() + " as user "
                    + config.user() + ": " + cause.getMessage(), e);
        }
    }

    @Override
    public StoreState load() {
        try (Connection connection = source.getConnection(); Statement statement = connection.createStatement()) {
            List<StoredDestination> destinations = new ArrayList<>();
            long maxId = 0;
            try (ResultSet rs = statement.executeQuery(SqlDialect.SELECT_DESTINATIONS)) {
                while (rs.next()) {
                    destinations.add(new StoredDestination(rs.getLong(1),
                            StoredDestination.Kind.valueOf(rs.getString(2)), rs.getString(3)));
                    maxId = Math.max(maxId, rs.getLong(1));
                }
            }
            List<StoredSubscription> subscriptions = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery(SqlDialect.SELECT_SUBSCRIPTIONS)) {
                while (rs.next()) {
                    subscriptions.add(new StoredSubscription(rs.getLong(1), rs.getLong(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getBoolean(6), rs.getBoolean(7)));
                    maxId = Math.max(maxId, rs.getLong(1));
                }
            }
            Map<Long, Long> counts = new HashMap<>();
            try (ResultSet rs = statement.executeQuery(SqlDialect.COUNT_REFERENCES)) {
                while (rs.next()) {
                    counts.put(rs.getLong(1), rs.getLong(2));
                }
            }
            try (ResultSet rs = statement.executeQuery(SqlDialect.MAX_ID)) {
                rs.next();
                maxId = Math.max(maxId, rs.getLong(1));
            }
            return new StoreState(destinations, subscriptions, counts, maxId);
        } catch (SQLException e) {
            throw new StoreException("Cannot load the store from " + config.url() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public CompletableFuture<Void> destinationCreated(StoredDestination destination) {
        Objects.requireNonNull(destination, "destination");
        return writer.submit(w -> w.createDestination(destination), 0);
    }

    @Override
    public CompletableFuture<Void> destinationDeleted(long destinationId) {
        return writer.submit(w -> w.deleteDestination(destinationId), 0);
    }

    @Override
    public CompletableFuture<Void> subscriptionCreated(StoredSubscription subscription) {
        Objects.requireNonNull(subscription, "subscription");
        return writer.submit(w -> w.createSubscription(subscription), 0);
    }

    @Override
    public CompletableFuture<Void> subscriptionRemoved(long subscriptionId) {
        return writer.submit(w -> w.removeSubscription(subscriptionId), 0);
    }

    @Override
    public CompletableFuture<Void> messageStored(long holderId, StoredMessage message, int deliveries) {
        long[] holders = {holderId};
        int[] counts = {deliveries};
        return writer.submit(w -> w.store(message, holders, counts), message.body().length);
    }

    @Override
    public CompletableFuture<Void> topicMessageStored(StoredMessage message, long[] holderIds, int[] deliveries) {
        if (deliveries.length != holderIds.length) {
            throw new IllegalArgumentException(holderIds.length + " holders but " + deliveries.length
                    + " delivery counts");
        }
        // Applied later, on the writer thread: the caller may reuse its arrays.
        long[] holders = holderIds.clone();
        int[] counts = deliveries.clone();
        return writer.submit(w -> w.store(message, holders, counts), message.body().length);
    }

    @Override
    public CompletableFuture<Void> acknowledged(long holderId, long messageId) {
        return writer.submit(w -> w.acknowledge(holderId, messageId), 0);
    }

    @Override
    public CompletableFuture<Void> deliveryCountRaised(long holderId, long messageId, int deliveries) {
        return writer.submit(w -> w.deliveries(holderId, messageId, deliveries), 0);
    }

    @Override
    public CompletableFuture<Void> transactionCommitted(StoreTransaction transaction) {
        List<StoreTransaction.Send> sends = transaction.sends();
        List<StoreTransaction.Ack> acks = transaction.acks();
        int bytes = 0;
        for (StoreTransaction.Send send : sends) {
            bytes += send.message().body().length;
        }
        return writer.submit(w -> {
            for (StoreTransaction.Send send : sends) {
                w.store(send.message(), send.holderIds(), send.deliveries());
            }
            for (StoreTransaction.Ack ack : acks) {
                w.acknowledge(ack.holderId(), ack.messageId());
            }
        }, bytes);
    }

    @Override
    public CompletableFuture<List<StoredReference>> read(long holderId, Position after, int max) {
        Objects.requireNonNull(after, "after");
        if (max < 1) {
            throw new IllegalArgumentException("max " + max + " must be 1 or more");
        }
        CompletableFuture<List<StoredReference>> future = new CompletableFuture<>();
        try {
            readers.execute(() -> {
                try {
                    future.complete(readNow(holderId, after, max));
                } catch (StoreException e) {
                    future.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(new StoreException("The store is closed"));
        }
        return future;
    }

    private List<StoredReference> readNow(long holderId, Position after, int max) {
        List<StoredReference> out = new ArrayList<>(Math.min(max, 1024));
        try (Connection connection = source.getConnection()) {
            if (after.priority() <= 9) {
                try (PreparedStatement query = connection.prepareStatement(SqlDialect.READ_SAME_PRIORITY)) {
                    query.setLong(1, holderId);
                    query.setInt(2, after.priority());
                    query.setLong(3, after.messageId());
                    query.setInt(4, max);
                    collect(query, out);
                }
            }
            if (out.size() < max && after.priority() > 0) {
                try (PreparedStatement query = connection.prepareStatement(SqlDialect.READ_LOWER_PRIORITIES)) {
                    query.setLong(1, holderId);
                    query.setInt(2, after.priority());
                    query.setInt(3, max - out.size());
                    collect(query, out);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("Cannot read holder " + holderId + " after " + after + ": " + e.getMessage(), e);
        }
    }

    private static void collect(PreparedStatement query, List<StoredReference> out) throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                StoredMessage message = new StoredMessage(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getLong(4),
                        rs.getBytes(5));
                out.add(new StoredReference(message, rs.getInt(6)));
            }
        }
    }

    /** Database transactions committed so far: with group commit, far fewer than events. */
    public long commits() {
        return writer.commits();
    }

    /** Events committed so far. */
    public long eventsCommitted() {
        return writer.eventsCommitted();
    }

    /** Transactions that failed (each failing all of its events). */
    public long failedTransactions() {
        return writer.failedTransactions();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        writer.close();
        readers.shutdown();
        try {
            if (!readers.awaitTermination(config.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                readers.shutdownNow();
            }
        } catch (InterruptedException e) {
            readers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        pool.close();
        LOG.info("Store closed: {} transactions, {} events committed", commits(), eventsCommitted());
    }
}
