package org.parley.offline;

import org.parley.schema.TestDatabases;
import org.parley.schema.TestDatabases.TestDatabase;

class MySqlOfflineStoreTest extends OfflineStoreContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.mySql();
    }
}
