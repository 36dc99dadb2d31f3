package org.parley.presence.store;

import org.parley.schema.TestDatabases;
import org.parley.schema.TestDatabases.TestDatabase;

/** The {@link BlockListStore} contract on MariaDB/MySQL (skipped when no server is reachable). */
class MySqlBlockListStoreTest extends BlockListStoreContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.mySql();
    }
}
