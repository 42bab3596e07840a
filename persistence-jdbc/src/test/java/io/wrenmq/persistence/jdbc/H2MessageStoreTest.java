package io.wrenmq.persistence.jdbc;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

/** The store contract on the embedded default: an H2 file database in a new directory for each test. */
class H2MessageStoreTest extends MessageStoreContractTest {

    @TempDir
    Path dataDirectory;

    @Override
    protected JdbcStoreConfig newDatabase() {
        return JdbcStoreConfig.embedded(dataDirectory).toBuilder().connectionTimeout(Duration.ofSeconds(5)).build();
    }
}
