package io.wrenmq.persistence.jdbc;

import io.wrenmq.persistence.StoreException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the store's tables on first start and refuses a database written by a newer Wren.
 *
 * <p>The version lives in {@code wren_schema}. Every creating statement is safe to run again and the version row
 * is written last, so a start that dies half-way (H2 commits each DDL statement on its own) simply creates the
 * rest on the next start. A later schema version adds its migration here, keyed by the version it starts from.
 */
final class Schema {

    private Schema() {
    }

    /** Brings the database to {@link SqlDialect#SCHEMA_VERSION}; returns the version found (0 for a new one). */
    static int prepare(DataSource source, SqlDialect dialect, String where) {
        try (Connection connection = source.getConnection()) {
            connection.setAutoCommit(false);
            int found;
            try (Statement statement = connection.createStatement()) {
                statement.execute(SqlDialect.CREATE_SCHEMA_TABLE);
                try (ResultSet rs = statement.executeQuery(SqlDialect.SELECT_SCHEMA_VERSION)) {
                    rs.next();
                    found = rs.getInt(1);
                }
                if (found > SqlDialect.SCHEMA_VERSION) {
                    connection.rollback();
                    throw new StoreException("The store database at " + where + " has schema version " + found
                            + ", but this Wren understands versions up to " + SqlDialect.SCHEMA_VERSION
                            + ": it was written by a newer Wren. Run that version, or give the broker another"
                            + " database.");
                }
                if (found == 0) {
                    for (String ddl : dialect.createSchema()) {
                        statement.execute(ddl);
                    }
                    try (PreparedStatement insert = connection.prepareStatement(SqlDialect.INSERT_SCHEMA_VERSION)) {
                        insert.setInt(1, SqlDialect.SCHEMA_VERSION);
                        insert.executeUpdate();
                    }
                }
            }
            connection.commit();
            return found;
        } catch (SQLException e) {
            throw new StoreException("Cannot prepare the store schema in " + where + ": " + e.getMessage(), e);
        }
    }
}
