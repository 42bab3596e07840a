package io.wrenmq.persistence.jdbc;

import org.junit.jupiter.api.BeforeAll;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The store contract on PostgreSQL, when one is reachable. Where, from system properties or else environment
 * variables: {@code WREN_TEST_PG_URL} (default {@value #DEFAULT_URL}), {@code WREN_TEST_PG_USER} and
 * {@code WREN_TEST_PG_PASSWORD} (default postgres/postgres). Without a server the tests are skipped, unless
 * {@code WREN_TEST_PG_REQUIRED=true}: then they fail. {@code .ci/postgres.sh} starts a server that fits.
 * Each test empties the database: point it at a database for tests only.
 */
class PostgresMessageStoreTest extends MessageStoreContractTest {

    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/wren_test";
    static final String URL = setting("WREN_TEST_PG_URL", DEFAULT_URL);
    static final String USER = setting("WREN_TEST_PG_USER", "postgres");
    static final String PASSWORD = setting("WREN_TEST_PG_PASSWORD", "postgres");
    static final boolean REQUIRED = Boolean.parseBoolean(setting("WREN_TEST_PG_REQUIRED", "false"));

    /** Why PostgreSQL cannot be used, or null. */
    private static String unreachable;

    @BeforeAll
    static void postgresIsReachable() {
        try (Connection ignored = connect()) {
            unreachable = null;
        } catch (SQLException e) {
            unreachable = "PostgreSQL at " + URL + " as " + USER + " is unreachable (" + e.getMessage()
                    + "); .ci/postgres.sh starts one";
            if (REQUIRED) {
                fail("WREN_TEST_PG_REQUIRED=true, but " + unreachable);
            }
        }
    }

    @Override
    protected JdbcStoreConfig newDatabase() throws SQLException {
        assumeTrue(unreachable == null, unreachable); // each test shows as skipped, with the reason
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS wren_reference, wren_message, wren_subscription, wren_destination,"
                    + " wren_schema");
        }
        return JdbcStoreConfig.builder(URL).user(USER).password(PASSWORD)
                .connectionTimeout(Duration.ofSeconds(5)).build();
    }

    private static Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(URL, properties);
    }

    static String setting(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
