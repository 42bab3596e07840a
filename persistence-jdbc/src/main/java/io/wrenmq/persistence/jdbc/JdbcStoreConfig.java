package io.wrenmq.persistence.jdbc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the store's database is and how the store uses it. Immutable: made by {@link #embedded} or
 * {@link #builder}, validated once by {@link Builder#build()}.
 *
 * <table>
 *   <caption>Settings and defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>url</td><td>none</td><td>{@code jdbc:h2:...} or {@code jdbc:postgresql://host:port/db}</td></tr>
 *   <tr><td>user, password</td><td>none</td><td>database credentials</td></tr>
 *   <tr><td>poolSize</td><td>{@value #DEFAULT_POOL_SIZE}</td><td>connections: one for the writer, the rest for
 *       reads (one reader thread each)</td></tr>
 *   <tr><td>maxBatchEvents</td><td>{@value #DEFAULT_MAX_BATCH_EVENTS}</td><td>most events in one transaction</td></tr>
 *   <tr><td>maxBatchBytes</td><td>{@value #DEFAULT_MAX_BATCH_BYTES}</td><td>most message bytes in one
 *       transaction (a single larger message still goes, alone)</td></tr>
 *   <tr><td>connectionTimeout</td><td>30 s</td><td>how long to wait for a connection before the events waiting
 *       for it fail</td></tr>
 *   <tr><td>syncCommits</td><td>false</td><td>H2 only: fsync the database file after every transaction, so that a
 *       commit survives a machine crash and not only a process crash (see {@link JdbcMessageStore}); PostgreSQL
 *       syncs its commits itself</td></tr>
 * </table>
 */
public final class JdbcStoreConfig {

    public static final int DEFAULT_POOL_SIZE = 3;
    public static final int DEFAULT_MAX_BATCH_EVENTS = 10_000;
    public static final int DEFAULT_MAX_BATCH_BYTES = 16 * 1024 * 1024;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(30);

    private final String url;
    private final String user;
    private final String password;
    private final int poolSize;
    private final int maxBatchEvents;
    private final int maxBatchBytes;
    private final Duration connectionTimeout;
    private final boolean syncCommits;

    private JdbcStoreConfig(Builder b) {
        url = b.url;
        user = b.user;
        password = b.password;
        poolSize = b.poolSize;
        maxBatchEvents = b.maxBatchEvents;
        maxBatchBytes = b.maxBatchBytes;
        connectionTimeout = b.connectionTimeout;
        syncCommits = b.syncCommits;
    }

    /**
     * The embedded default: an H2 file database {@code wren-store.mv.db} in {@code dataDirectory}, created on first
     * start with nothing to install.
     */
    public static JdbcStoreConfig embedded(Path dataDirectory) {
        return builder(SqlDialect.embeddedUrl(dataDirectory)).user("wren").password("").build();
    }

    /** A database given by its JDBC URL, e.g. {@code jdbc:postgresql://db.example.com:5432/wren}. */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    /** A builder holding these settings, to change some. */
    public Builder toBuilder() {
        return builder(url).user(user).password(password).poolSize(poolSize).maxBatchEvents(maxBatchEvents)
                .maxBatchBytes(maxBatchBytes).connectionTimeout(connectionTimeout).syncCommits(syncCommits);
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public int poolSize() {
        return poolSize;
    }

    public int maxBatchEvents() {
        return maxBatchEvents;
    }

    public int maxBatchBytes() {
        return maxBatchBytes;
    }

    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    public boolean syncCommits() {
        return syncCommits;
    }

    SqlDialect dialect() {
        return SqlDialect.forUrl(url);
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "JdbcStoreConfig[url=" + url.replaceAll("(?i)(password=)[^&;]*", "$1***") + ", user=" + user
                + ", poolSize=" + poolSize + ", maxBatchEvents=" + maxBatchEvents + ", maxBatchBytes="
                + maxBatchBytes + ", connectionTimeout=" + connectionTimeout + ", syncCommits=" + syncCommits + "]";
    }

    /** Collects settings; {@link #build()} checks them all at once. */
    public static final class Builder {
        private final String url;
        private String user;
        private String password;
        private int poolSize = DEFAULT_POOL_SIZE;
        private int maxBatchEvents = DEFAULT_MAX_BATCH_EVENTS;
        private int maxBatchBytes = DEFAULT_MAX_BATCH_BYTES;
        private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
        private boolean syncCommits;

        private Builder(String url) {
            this.url = Objects.requireNonNull(url, "url");
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
            return this;
        }

        public Builder maxBatchEvents(int maxBatchEvents) {
            this.maxBatchEvents = maxBatchEvents;
            return this;
        }

        public Builder maxBatchBytes(int maxBatchBytes) {
            this.maxBatchBytes = maxBatchBytes;
            return this;
        }

        public Builder connectionTimeout(Duration connectionTimeout) {
            this.connectionTimeout = Objects.requireNonNull(connectionTimeout, "connectionTimeout");
            return this;
        }

        public Builder syncCommits(boolean syncCommits) {
            this.syncCommits = syncCommits;
            return this;
        }

        /** @throws IllegalArgumentException naming the first setting that is wrong and what would be right */
        public JdbcStoreConfig build() {
            SqlDialect.forUrl(url);
            if (poolSize < 2) {
                throw new IllegalArgumentException("store poolSize " + poolSize + " is too small: the writer"
                        + " keeps one connection and reads need at least one more; use 2 or more");
            }
            if (maxBatchEvents < 1) {
                throw new IllegalArgumentException("store maxBatchEvents " + maxBatchEvents + " must be 1 or more");
            }
            if (maxBatchBytes < 1) {
                throw new IllegalArgumentException("store maxBatchBytes " + maxBatchBytes + " must be 1 or more");
            }
            if (connectionTimeout.toMillis() < 250) {
                throw new IllegalArgumentException("store connectionTimeout " + connectionTimeout
                        + " is below the pool's minimum of 250 ms");
            }
            return new JdbcStoreConfig(this);
        }
    }
}
