package org.parley.presence.store;

import org.parley.schema.TestDatabases;
import org.parley.schema.TestDatabases.TestDatabase;

/** The {@link LastActivityStore} contract on MariaDB/MySQL (skipped when no server is reachable). */
class MySqlLastActivityStoreTest extends LastActivityStoreContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.mySql();
    }
}
