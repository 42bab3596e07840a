package io.wrenmq.persistence.jdbc;

import com.zaxxer.hikari.HikariConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * Every SQL text the store sends, and every difference between the databases it runs on: nothing outside this
 * file knows which database it talks to. Chosen from the JDBC URL ({@link #forUrl}).
 *
 * <h2>Schema, version 1</h2>
 * <pre>
 * table             columns                                             keys and indexes
 * ----------------  --------------------------------------------------  ------------------------------------------
 * wren_schema       version                                             one row: the schema version
 * wren_destination  id, kind (QUEUE|TOPIC), name                        PK id; UNIQUE (kind, name)
 * wren_subscription id, topic_id, client_id, name, selector,            PK id; INDEX topic_id
 *                   no_local, shared
 * wren_message      id, priority, expiration, delivery_time, body       PK id
 * wren_reference    holder_id, message_id, priority, deliveries         PK (holder_id, message_id);
 *                                                                       INDEX (holder_id, priority DESC,
 *                                                                       message_id) serves read in delivery order;
 *                                                                       INDEX message_id finds a message's last
 *                                                                       reference
 * </pre>
 * A holder is a queue (its destination id) or a durable subscription (its subscription id). A message row lives
 * while a reference to it does. There are no foreign keys: the store's single writer keeps the rows consistent,
 * and a key check would cost an index probe on every insert.
 *
 * <h2>Differences</h2>
 * <ul>
 *   <li>Binary column type: H2 {@code VARBINARY}, PostgreSQL {@code BYTEA}.</li>
 *   <li>H2 delays writing commits to its file by default (WRITE_DELAY, 500 ms): a committed transaction could be
 *       lost to {@code kill -9}. The H2 URL gets {@code WRITE_DELAY=0} unless it sets its own, and
 *       {@link JdbcStoreConfig#syncCommits()} adds an fsync ({@code CHECKPOINT SYNC}) after each commit.</li>
 *   <li>PostgreSQL's driver rewrites batched inserts into multi-row inserts ({@code reWriteBatchedInserts}).</li>
 * </ul>
 */
enum SqlDialect {

    H2("org.h2.Driver", "VARBINARY") {
        @Override
        String jdbcUrl(String url) {
            return url.toUpperCase(Locale.ROOT).contains(";WRITE_DELAY=") ? url : url + ";WRITE_DELAY=0";
        }

        @Override
        void afterCommit(Connection connection, boolean sync) throws SQLException {
            if (sync) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CHECKPOINT SYNC");
                }
            }
        }
    },

    POSTGRESQL("org.postgresql.Driver", "BYTEA") {
        @Override
        void configure(HikariConfig pool) {
            pool.addDataSourceProperty("reWriteBatchedInserts", "true");
            pool.addDataSourceProperty("ApplicationName", "wren-store");
            // Keeps the driver from copying statement parameters (message bodies) into its error texts.
            pool.addDataSourceProperty("logServerErrorDetail", "false");
        }
    };

    /** The schema version this code writes and understands. */
    static final int SCHEMA_VERSION = 1;

    /** The statements of the hot path, prepared once per writer connection and reused for every batch. */
    enum Sql {
        INSERT_MESSAGE("INSERT INTO wren_message (id, priority, expiration, delivery_time, body) VALUES (?, ?, ?, ?, ?)"),
        INSERT_REFERENCE("INSERT INTO wren_reference (holder_id, message_id, priority, deliveries) VALUES (?, ?, ?, ?)"),
        UPDATE_DELIVERIES("UPDATE wren_reference SET deliveries = ? WHERE holder_id = ? AND message_id = ?"),
        DELETE_REFERENCE("DELETE FROM wren_reference WHERE holder_id = ? AND message_id = ?"),
        DELETE_MESSAGE_IF_UNREFERENCED("DELETE FROM wren_message WHERE id = ?"
                + " AND NOT EXISTS (SELECT 1 FROM wren_reference WHERE message_id = ?)");

        final String text;

        Sql(String text) {
            this.text = text;
        }
    }

    // Structural events: rare, run one at a time.
    static final String INSERT_DESTINATION = "INSERT INTO wren_destination (id, kind, name) VALUES (?, ?, ?)";
    static final String DELETE_DESTINATION = "DELETE FROM wren_destination WHERE id = ?";
    static final String INSERT_SUBSCRIPTION = "INSERT INTO wren_subscription"
            + " (id, topic_id, client_id, name, selector, no_local, shared) VALUES (?, ?, ?, ?, ?, ?, ?)";
    static final String DELETE_SUBSCRIPTION = "DELETE FROM wren_subscription WHERE id = ?";
    static final String SELECT_SUBSCRIPTIONS_OF_TOPIC = "SELECT id FROM wren_subscription WHERE topic_id = ?";
    static final String DELETE_SUBSCRIPTIONS_OF_TOPIC = "DELETE FROM wren_subscription WHERE topic_id = ?";
    /** Messages no other holder refers to: they go with the holder. Parameters: holder, holder. */
    static final String DELETE_MESSAGES_ONLY_HELD_BY = "DELETE FROM wren_message"
            + " WHERE id IN (SELECT message_id FROM wren_reference WHERE holder_id = ?)"
            + " AND NOT EXISTS (SELECT 1 FROM wren_reference o WHERE o.message_id = wren_message.id"
            + " AND o.holder_id <> ?)";
    static final String DELETE_REFERENCES_OF = "DELETE FROM wren_reference WHERE holder_id = ?";

    // Reads. Delivery order is (priority DESC, message_id ASC); each query is one range of wren_reference_order.
    // ORDER BY names holder_id, constant here, so that H2 sees the index's order (it matches ORDER BY against the
    // index's leading columns) and stops after LIMIT rows instead of sorting the holder's whole range.
    private static final String READ_COLUMNS = "SELECT r.message_id, r.priority, m.expiration, m.delivery_time,"
            + " m.body, r.deliveries FROM wren_reference r JOIN wren_message m ON m.id = r.message_id";
    private static final String DELIVERY_ORDER = " ORDER BY r.holder_id, r.priority DESC, r.message_id LIMIT ?";
    /** The rest of one priority after a message id. Parameters: holder, priority, after id, limit. */
    static final String READ_SAME_PRIORITY = READ_COLUMNS
            + " WHERE r.holder_id = ? AND r.priority = ? AND r.message_id > ?" + DELIVERY_ORDER;
    /** Everything below a priority. Parameters: holder, priority, limit. */
    static final String READ_LOWER_PRIORITIES = READ_COLUMNS
            + " WHERE r.holder_id = ? AND r.priority < ?" + DELIVERY_ORDER;

    static final String SELECT_DESTINATIONS = "SELECT id, kind, name FROM wren_destination ORDER BY id";
    static final String SELECT_SUBSCRIPTIONS = "SELECT id, topic_id, client_id, name, selector, no_local, shared"
            + " FROM wren_subscription ORDER BY id";
    static final String COUNT_REFERENCES = "SELECT holder_id, COUNT(*) FROM wren_reference GROUP BY holder_id";
    static final String MAX_ID = "SELECT MAX(id) FROM wren_message";

    static final String CREATE_SCHEMA_TABLE = "CREATE TABLE IF NOT EXISTS wren_schema (version INTEGER NOT NULL)";
    static final String SELECT_SCHEMA_VERSION = "SELECT MAX(version) FROM wren_schema";
    static final String INSERT_SCHEMA_VERSION = "INSERT INTO wren_schema (version) VALUES (?)";

    /** Named, not looked up through DriverManager: a repackaged jar may have lost the drivers' service files. */
    final String driverClass;
    private final String binaryType;

    SqlDialect(String driverClass, String binaryType) {
        this.driverClass = driverClass;
        this.binaryType = binaryType;
    }

    /** The dialect of a JDBC URL. */
    static SqlDialect forUrl(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("Unsupported store database URL " + url
                + ": the store runs on H2 (jdbc:h2:...) or PostgreSQL (jdbc:postgresql://...)");
    }

    /** The embedded default: an H2 file database in {@code dataDirectory}, created on first use. */
    static String embeddedUrl(Path dataDirectory) {
        // The broker closes the store itself at shutdown; H2's own shutdown hook would race its last commit.
        return "jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("wren-store") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /** The URL the pool connects with: the configured one, plus what this store's durability needs. */
    String jdbcUrl(String url) {
        return url;
    }

    /** Driver properties for the pool. */
    void configure(HikariConfig pool) {
    }

    /** Runs after each commit of the writer; {@code sync} asks for a commit that survives a machine crash. */
    void afterCommit(Connection connection, boolean sync) throws SQLException {
    }

    /** The tables and indexes of {@link #SCHEMA_VERSION}, each statement safe to run again. */
    List<String> createSchema() {
        return List.of(
                "CREATE TABLE IF NOT EXISTS wren_destination (id BIGINT NOT NULL PRIMARY KEY,"
                        + " kind VARCHAR(5) NOT NULL, name VARCHAR(1000) NOT NULL,"
                        + " CONSTRAINT wren_destination_name UNIQUE (kind, name))",
                "CREATE TABLE IF NOT EXISTS wren_subscription (id BIGINT NOT NULL PRIMARY KEY,"
                        + " topic_id BIGINT NOT NULL, client_id VARCHAR(1000), name VARCHAR(1000) NOT NULL,"
                        + " selector VARCHAR(65535), no_local BOOLEAN NOT NULL, shared BOOLEAN NOT NULL)",
                "CREATE INDEX IF NOT EXISTS wren_subscription_topic ON wren_subscription (topic_id)",
                "CREATE TABLE IF NOT EXISTS wren_message (id BIGINT NOT NULL PRIMARY KEY,"
                        + " priority SMALLINT NOT NULL, expiration BIGINT NOT NULL, delivery_time BIGINT NOT NULL,"
                        + " body " + binaryType + " NOT NULL)",
                "CREATE TABLE IF NOT EXISTS wren_reference (holder_id BIGINT NOT NULL, message_id BIGINT NOT NULL,"
                        + " priority SMALLINT NOT NULL, deliveries INTEGER NOT NULL,"
                        + " PRIMARY KEY (holder_id, message_id))",
                "CREATE INDEX IF NOT EXISTS wren_reference_order"
                        + " ON wren_reference (holder_id, priority DESC, message_id)",
                "CREATE INDEX IF NOT EXISTS wren_reference_message ON wren_reference (message_id)");
    }
}
