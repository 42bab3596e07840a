package io.wrenmq.persistence.jdbc;

import io.wrenmq.persistence.StoredDestination;
import io.wrenmq.persistence.StoredMessage;
import io.wrenmq.persistence.StoredSubscription;
import io.wrenmq.persistence.jdbc.SqlDialect.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * The writer's connection, turning events into JDBC batches: one instance per connection, used by the writer
 * thread only, kept across transactions so that its prepared statements are parsed once (and, on PostgreSQL,
 * prepared on the server).
 *
 * <h2>Order</h2>
 * Message events (store, deliveries, acknowledge) are bound into one batch per statement as they come, and a
 * {@link #flush()} runs the batches in this phase order:
 * <ol>
 *   <li>insert messages, 2. insert references, 3. update delivery counts, 4. delete references,
 *   5. delete messages left without a reference.</li>
 * </ol>
 * That is the order the events of one reference can happen in (stored, dispatched again, acknowledged; a message id
 * is never stored twice), so applying a run of message events phase by phase gives the state that applying them one
 * by one gives. Structural events (destinations, subscriptions) are barriers: they flush what came before and run
 * at once, so that a delete followed by a re-create of the same name, or a send to a destination created in the
 * same transaction, happen in the order they were submitted.
 */
final class BatchWriter implements AutoCloseable {

    private static final Sql[] PHASES = {Sql.INSERT_MESSAGE, Sql.INSERT_REFERENCE, Sql.UPDATE_DELIVERIES,
            Sql.DELETE_REFERENCE, Sql.DELETE_MESSAGE_IF_UNREFERENCED};

    private final Connection connection;
    private final SqlDialect dialect;
    private final boolean syncCommits;
    private final Map<Sql, PreparedStatement> statements = new EnumMap<>(Sql.class);
    private final boolean[] pending = new boolean[Sql.values().length];

    BatchWriter(Connection connection, SqlDialect dialect, boolean syncCommits) throws SQLException {
        this.connection = connection;
        this.dialect = dialect;
        this.syncCommits = syncCommits;
        connection.setAutoCommit(false);
    }

    Connection connection() {
        return connection;
    }

    /**
     * A message and a reference to it for each holder, starting at the delivery count given for it; nothing when
     * there are no holders.
     */
    void store(StoredMessage message, long[] holderIds, int[] deliveries) throws SQLException {
        if (holderIds.length == 0) {
            return;
        }
        PreparedStatement insert = batch(Sql.INSERT_MESSAGE);
        insert.setLong(1, message.id());
        insert.setInt(2, message.priority());
        insert.setLong(3, message.expiration());
        insert.setLong(4, message.deliveryTime());
        insert.setBytes(5, message.body());
        insert.addBatch();
        PreparedStatement reference = batch(Sql.INSERT_REFERENCE);
        for (int i = 0; i < holderIds.length; i++) {
            reference.setLong(1, holderIds[i]);
            reference.setLong(2, message.id());
            reference.setInt(3, message.priority());
            reference.setInt(4, deliveries[i]);
            reference.addBatch();
        }
    }

    void deliveries(long holderId, long messageId, int deliveries) throws SQLException {
        PreparedStatement update = batch(Sql.UPDATE_DELIVERIES);
        update.setInt(1, deliveries);
        update.setLong(2, holderId);
        update.setLong(3, messageId);
        update.addBatch();
    }

    void acknowledge(long holderId, long messageId) throws SQLException {
        PreparedStatement reference = batch(Sql.DELETE_REFERENCE);
        reference.setLong(1, holderId);
        reference.setLong(2, messageId);
        reference.addBatch();
        PreparedStatement message = batch(Sql.DELETE_MESSAGE_IF_UNREFERENCED);
        message.setLong(1, messageId);
        message.setLong(2, messageId);
        message.addBatch();
    }

    void createDestination(StoredDestination destination) throws SQLException {
        flush();
        try (PreparedStatement insert = connection.prepareStatement(SqlDialect.INSERT_DESTINATION)) {
            insert.setLong(1, destination.id());
            insert.setString(2, destination.kind().name());
            insert.setString(3, destination.name());
            insert.executeUpdate();
        }
    }

    /** The destination, what it holds and, for a topic, its subscriptions with what they hold. */
    void deleteDestination(long destinationId) throws SQLException {
        flush();
        removeHolder(destinationId);
        try (PreparedStatement select = connection.prepareStatement(SqlDialect.SELECT_SUBSCRIPTIONS_OF_TOPIC)) {
            select.setLong(1, destinationId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    removeHolder(rs.getLong(1));
                }
            }
        }
        execute(SqlDialect.DELETE_SUBSCRIPTIONS_OF_TOPIC, destinationId);
        execute(SqlDialect.DELETE_DESTINATION, destinationId);
    }

    void createSubscription(StoredSubscription s) throws SQLException {
        flush();
        try (PreparedStatement insert = connection.prepareStatement(SqlDialect.INSERT_SUBSCRIPTION)) {
            insert.setLong(1, s.id());
            insert.setLong(2, s.topicId());
            insert.setString(3, s.clientId());
            insert.setString(4, s.name());
            insert.setString(5, s.selector());
            insert.setBoolean(6, s.noLocal());
            insert.setBoolean(7, s.shared());
            insert.executeUpdate();
        }
    }

    void removeSubscription(long subscriptionId) throws SQLException {
        flush();
        removeHolder(subscriptionId);
        execute(SqlDialect.DELETE_SUBSCRIPTION, subscriptionId);
    }

    /** Runs the pending batches in phase order. */
    void flush() throws SQLException {
        for (Sql sql : PHASES) {
            if (pending[sql.ordinal()]) {
                pending[sql.ordinal()] = false;
                statements.get(sql).executeBatch();
            }
        }
    }

    /** Flushes, commits, and (when asked to) makes the commit survive a machine crash. */
    void commit() throws SQLException {
        flush();
        connection.commit();
        dialect.afterCommit(connection, syncCommits);
    }

    /** Undoes what this transaction wrote, as far as the connection still can; never throws. */
    void rollbackQuietly() {
        Arrays.fill(pending, false);
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException ignored) {
            // The connection is discarded next; the database drops the transaction with it.
        }
    }

    /** Closes the statements and returns the connection; never throws. */
    @Override
    public void close() {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException | RuntimeException ignored) {
                // Closing the connection releases it too.
            }
        }
        statements.clear();
        try {
            connection.close();
        } catch (SQLException | RuntimeException ignored) {
            // Nothing more to release.
        }
    }

    private PreparedStatement batch(Sql sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql.text);
            statements.put(sql, statement);
        }
        pending[sql.ordinal()] = true;
        return statement;
    }

    private void removeHolder(long holderId) throws SQLException {
        try (PreparedStatement messages = connection.prepareStatement(SqlDialect.DELETE_MESSAGES_ONLY_HELD_BY)) {
            messages.setLong(1, holderId);
            messages.setLong(2, holderId);
            messages.executeUpdate();
        }
        execute(SqlDialect.DELETE_REFERENCES_OF, holderId);
    }

    private void execute(String sql, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, id);
            statement.executeUpdate();
        }
    }
}
