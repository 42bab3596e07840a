package io.wrenmq.persistence.jdbc;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdbcStoreConfigTest {

    @Test
    void embeddedDefaultIsAnH2FileInTheDataDirectoryThatSurvivesKill() {
        JdbcStoreConfig config = JdbcStoreConfig.embedded(Path.of("/var/lib/wren"));
        assertEquals("jdbc:h2:file:/var/lib/wren/wren-store;DB_CLOSE_ON_EXIT=FALSE", config.url());
        assertEquals(SqlDialect.H2, config.dialect());
        assertTrue(config.dialect().jdbcUrl(config.url()).endsWith(";WRITE_DELAY=0"));
        assertEquals("jdbc:h2:mem:x;write_delay=100", SqlDialect.H2.jdbcUrl("jdbc:h2:mem:x;write_delay=100"),
                "a WRITE_DELAY the user chose is kept");
    }

    @Test
    void postgresUrlSelectsItsDialectAndThePasswordIsNotShown() {
        JdbcStoreConfig config = JdbcStoreConfig.builder("jdbc:postgresql://db:5432/wren?password=secret")
                .user("wren").password("secret").build();
        assertEquals(SqlDialect.POSTGRESQL, config.dialect());
        assertFalse(config.toString().contains("secret"), config.toString());
    }

    @Test
    void wrongSettingsAreRefusedWithWhatToDo() {
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
                () -> JdbcStoreConfig.builder("jdbc:mysql://db/wren").build());
        assertTrue(url.getMessage().contains("H2 (jdbc:h2:...) or PostgreSQL"), url.getMessage());
        IllegalArgumentException pool = assertThrows(IllegalArgumentException.class,
                () -> JdbcStoreConfig.builder("jdbc:h2:mem:x").poolSize(1).build());
        assertTrue(pool.getMessage().contains("use 2 or more"), pool.getMessage());
    }

    @Test
    void failureDescriptionsAreBoundedAndFollowTheChain() {
        SQLException next = new SQLException("duplicate key", "23505");
        SQLException batch = new SQLException("x".repeat(10_000), "23505");
        batch.setNextException(next);
        String described = StoreWriter.describe(batch);
        assertTrue(described.length() < 500, described);
        assertTrue(described.endsWith("caused by: duplicate key [SQLState 23505]"), described);
    }
}
