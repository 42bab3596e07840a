package io.wrenmq.tck;

import io.wrenmq.broker.BrokerConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The database a broker's store writes to, opened beside the broker so that a test can see what is committed when
 * the broker answers: the guarantees are about the database ("in the database, committed, before the
 * producer's send returns"), so the tests that check them read its tables ({@code wren_message},
 * {@code wren_reference}, {@code wren_subscription}; see the store's {@code SqlDialect}).
 *
 * <p>PostgreSQL, when one is reachable, is found as {@code persistence-jdbc}'s {@code PostgresMessageStoreTest}
 * finds it: system properties or else environment variables {@code WREN_TEST_PG_URL} (default
 * {@value #DEFAULT_PG_URL}), {@code WREN_TEST_PG_USER} and {@code WREN_TEST_PG_PASSWORD} (default
 * postgres/postgres); without a server the tests that need one are skipped, unless {@code WREN_TEST_PG_REQUIRED=true}
 * makes them fail. Those tests never write to that database: each gets one of its own ({@link #freshPostgres}),
 * because the data outlives the run and other builds may use the same server.
 */
record StoreDatabase(String url, String user, String password) {

    static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/wren_test";
    static final String PG_URL = setting("WREN_TEST_PG_URL", DEFAULT_PG_URL);
    static final String PG_USER = setting("WREN_TEST_PG_USER", "postgres");
    static final String PG_PASSWORD = setting("WREN_TEST_PG_PASSWORD", "postgres");
    static final boolean PG_REQUIRED = Boolean.parseBoolean(setting("WREN_TEST_PG_REQUIRED", "false"));
    private static final AtomicInteger DATABASES = new AtomicInteger();

    /**
     * The embedded H2 database of a broker running in this JVM on {@code dataDir}. H2 shares an open database among
     * the connections of one JVM, so this sees exactly what the broker committed. The URL is the one the store
     * opens (its settings included: a different one would change them for the broker's connections too).
     */
    static StoreDatabase embedded(Path dataDir) {
        return new StoreDatabase("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("wren-store")
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "wren", "");
    }

    /**
     * A new, empty PostgreSQL database on the test server, named after {@code purpose}; the calling test is skipped
     * (or fails, if PostgreSQL is required) when the server cannot be reached. Drop it with {@link #drop()}.
     */
    static StoreDatabase freshPostgres(String purpose) {
        StoreDatabase server = new StoreDatabase(PG_URL, PG_USER, PG_PASSWORD);
        String unreachable = server.unreachable();
        if (unreachable != null && PG_REQUIRED) {
            fail("WREN_TEST_PG_REQUIRED=true, but " + unreachable);
        }
        assumeTrue(unreachable == null, unreachable);
        String name = ("wren_" + purpose + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet())
                .toLowerCase(Locale.ROOT);
        server.execute("CREATE DATABASE " + name);
        return new StoreDatabase(withDatabase(PG_URL, name), PG_USER, PG_PASSWORD);
    }

    /** Why PostgreSQL cannot be used, or null if it can. */
    private String unreachable() {
        try (Connection ignored = connect()) {
            return null;
        } catch (SQLException e) {
            return "PostgreSQL at " + url + " as " + user + " is unreachable (" + e.getMessage()
                    + "); .ci/postgres.sh starts one";
        }
    }

    /** Drops this PostgreSQL database, from the server's URL; its broker must be stopped. */
    void drop() {
        String name = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        new StoreDatabase(PG_URL, PG_USER, PG_PASSWORD).execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** The broker settings that put its store in this database; the embedded one needs none. */
    BrokerConfig.Builder configure(BrokerConfig.Builder b) {
        return url.startsWith("jdbc:h2:") ? b : b.jdbcUrl(url).jdbcUser(user).jdbcPassword(password);
    }

    /** The broker's command-line options that put its store in this database; none for the embedded one. */
    List<String> options() {
        return url.startsWith("jdbc:h2:") ? List.of()
                : List.of("--jdbc-url", url, "--jdbc-user", user, "--jdbc-password", password);
    }

    /** The single number a query answers, e.g. {@code SELECT COUNT(*) FROM wren_message}. */
    long count(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + url + ": " + e.getMessage(), e);
        }
    }

    private void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + url + ": " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        if (url.startsWith("jdbc:postgresql:")) {
            properties.setProperty("connectTimeout", "5");
        }
        return DriverManager.getConnection(url, properties);
    }

    /** {@code jdbc:postgresql://host:port/old?options} with database {@code name} instead of {@code old}. */
    private static String withDatabase(String url, String name) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?');
        String base = slash < 0 ? (query < 0 ? url : url.substring(0, query)) : url.substring(0, slash);
        return base + "/" + name + (query < 0 ? "" : url.substring(query));
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public String toString() {
        return url;
    }
}
