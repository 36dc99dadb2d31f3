package org.parley.presence.pep;

import org.parley.schema.TestDatabases;
import org.parley.schema.TestDatabases.TestDatabase;

/** The {@link PepStore} contract on MariaDB/MySQL (skipped when no server is reachable). */
class MySqlPepStoreTest extends PepStoreContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.mySql();
    }
}
