package io.wrenmq.tck;

import org.junit.jupiter.api.DisplayName;

import java.nio.file.Path;

/**
 * Every test of {@link PersistenceTest} with the store on PostgreSQL, the production database, when one is reachable
 * (see {@link StoreDatabase} for where it is looked for): each test on a database of its own, dropped afterwards.
 */
@DisplayName("Persistence on PostgreSQL: the store keeps what it must, and a restarted broker restores it")
class PostgresPersistenceTest extends PersistenceTest {

    @Override
    protected StoreDatabase newDatabase(Path brokerDataDir) {
        return StoreDatabase.freshPostgres("tck");
    }

    @Override
    protected void release(StoreDatabase used) {
        used.drop();
    }
}
