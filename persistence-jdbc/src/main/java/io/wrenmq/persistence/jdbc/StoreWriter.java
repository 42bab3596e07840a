package io.wrenmq.persistence.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.wrenmq.persistence.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The store's single writer: one thread takes everything pending (up to the configured batch limits), applies it
 * in submission order inside one JDBC transaction, commits, and only then completes the futures. While it commits,
 * the next batch collects: the more submitters, the more events per commit (group commit).
 *
 * <p>A failed transaction fails every future in it with a {@link StoreException}, is logged once (and again only
 * when the failures stop), and the next batch starts on a new connection. Futures complete on the writer thread.
 *
 * <p>{@link #submit} is thread-safe and never blocks; the queue is unbounded, and callers bound it by waiting for
 * their futures (a producer gets its receipt only then). Everything else runs on the writer thread.
 */
final class StoreWriter {

    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);

    /** One event's change to the database, applied on the writer thread. */
    @FunctionalInterface
    interface Write {
        void apply(BatchWriter writer) throws SQLException;
    }

    private record Pending(Write write, int bytes, CompletableFuture<Void> future) {
    }

    private static final Pending STOP = new Pending(writer -> { }, 0, new CompletableFuture<>());

    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final DataSource source;
    private final HikariDataSource pool;
    private final SqlDialect dialect;
    private final JdbcStoreConfig config;
    private final Thread thread;
    private volatile boolean closing;

    private volatile long commits;
    private volatile long eventsCommitted;
    private volatile long failedTransactions;

    // Writer thread only.
    private BatchWriter writer;
    private int failuresInARow;

    StoreWriter(DataSource source, HikariDataSource pool, SqlDialect dialect, JdbcStoreConfig config) {
        this.source = source;
        this.pool = pool;
        this.dialect = dialect;
        this.config = config;
        this.thread = new Thread(this::run, "wren-store-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a write; the future completes once it is committed, or exceptionally if it could not be. */
    CompletableFuture<Void> submit(Write write, int bytes) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        if (closing) {
            future.completeExceptionally(closed());
            return future;
        }
        Pending pending = new Pending(write, bytes, future);
        queue.add(pending);
        // Lost a race with close(): whoever removes it owns it, the writer (it commits it) or this thread.
        if (closing && queue.remove(pending)) {
            future.completeExceptionally(closed());
        }
        return future;
    }

    long commits() {
        return commits;
    }

    long eventsCommitted() {
        return eventsCommitted;
    }

    long failedTransactions() {
        return failedTransactions;
    }

    /** Commits what was submitted before, stops the thread and returns its connection. */
    void close() {
        closing = true;
        queue.add(STOP);
        if (Thread.currentThread() == thread) {
            return;
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        boolean stopping = false;
        while (true) {
            Pending next = stopping ? queue.poll() : take();
            if (next == null) {
                break;
            }
            int bytes = 0;
            while (next != null) {
                if (next == STOP) {
                    stopping = true;
                } else {
                    batch.add(next);
                    bytes += next.bytes();
                }
                next = batch.size() < config.maxBatchEvents() && bytes < config.maxBatchBytes() ? queue.poll() : null;
            }
            if (!batch.isEmpty()) {
                commit(batch);
                batch.clear();
            }
        }
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }

    private Pending take() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // Nobody but close() stops this thread, and it does so through the queue.
            }
        }
    }

    private void commit(List<Pending> batch) {
        try {
            BatchWriter w = writer();
            for (Pending pending : batch) {
                pending.write().apply(w);
            }
            w.commit();
        } catch (SQLException | RuntimeException | Error e) {
            // Even an Error fails only this batch: a dead writer thread would leave every later future hanging.
            fail(batch, e);
            return;
        }
        commits++;
        eventsCommitted += batch.size();
        if (failuresInARow > 0) {
            LOG.info("Store transactions succeed again, after {} failed", failuresInARow);
            failuresInARow = 0;
        }
        for (Pending pending : batch) {
            pending.future().complete(null);
        }
    }

    private void fail(List<Pending> batch, Throwable e) {
        if (writer != null) {
            writer.rollbackQuietly();
            pool.evictConnection(writer.connection());
            writer.close();
            writer = null;
        }
        failedTransactions++;
        // JDBC error texts can carry whole message bodies (H2 prints the failing row): the log line and the
        // futures get a bounded description; the exception itself only at DEBUG.
        String why = describe(e);
        if (failuresInARow++ == 0) {
            LOG.error("A store transaction of {} events failed; they all fail, and the next transaction starts on"
                    + " a new connection: {}", batch.size(), why);
        } else {
            LOG.warn("A store transaction of {} events failed too ({} in a row): {}", batch.size(), failuresInARow,
                    why);
        }
        LOG.debug("The failed store transaction's exception", e);
        StoreException failure = new StoreException("The store could not commit this event, nor the "
                + (batch.size() - 1) + " others in its transaction: " + why);
        for (Pending pending : batch) {
            pending.future().completeExceptionally(failure);
        }
    }

    private BatchWriter writer() throws SQLException {
        if (writer == null) {
            Connection connection = source.getConnection();
            try {
                writer = new BatchWriter(connection, dialect, config.syncCommits());
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }
        return writer;
    }

    /** The messages of an exception and its causes, each cut to a few hundred characters, with SQL states. */
    static String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        Throwable t = e;
        for (int depth = 0; t != null && depth < 4; depth++) {
            String message = t.getMessage() != null ? t.getMessage() : t.getClass().getName();
            out.append(depth == 0 ? "" : "; caused by: ")
                    .append(message.length() <= 300 ? message : message.substring(0, 300) + "...");
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                out.append(" [SQLState ").append(sql.getSQLState()).append(']');
            }
            Throwable next = t.getCause();
            if (next == null && t instanceof SQLException sql) {
                next = sql.getNextException();
            }
            t = next == t ? null : next;
        }
        return out.toString();
    }

    private static StoreException closed() {
        return new StoreException("The store is closed");
    }
}
