package org.parley.presence.store;

import org.parley.presence.store.TestDatabases.TestDatabase;

/** The {@link RosterStore} contract on MariaDB/MySQL (skipped when no server is reachable). */
class MySqlRosterStoreTest extends RosterStoreContract {
    @Override
    TestDatabase openDatabase() {
        return TestDatabases.mySql();
    }
}
