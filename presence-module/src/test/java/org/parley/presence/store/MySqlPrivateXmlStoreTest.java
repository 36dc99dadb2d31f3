package org.parley.presence.store;

import org.parley.schema.TestDatabases;
import org.parley.schema.TestDatabases.TestDatabase;

/** The {@link PrivateXmlStore} contract on MariaDB/MySQL (skipped when no server is reachable). */
class MySqlPrivateXmlStoreTest extends PrivateXmlStoreContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.mySql();
    }
}
