package org.parley.presence.store;

import org.parley.schema.TestDatabases;
import org.parley.schema.TestDatabases.TestDatabase;

/** The {@link VCardStore} contract on MariaDB/MySQL (skipped when no server is reachable). */
class MySqlVCardStoreTest extends VCardStoreContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.mySql();
    }
}
