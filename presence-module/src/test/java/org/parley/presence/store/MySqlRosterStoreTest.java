package org.parley.presence.store;

import org.parley.schema.TestDatabases;
import org.parley.schema.TestDatabases.TestDatabase;

/** The {@link RosterStore} contract on MariaDB/MySQL (skipped when no server is reachable). */
class MySqlRosterStoreTest extends RosterStoreContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.mySql();
    }
}
