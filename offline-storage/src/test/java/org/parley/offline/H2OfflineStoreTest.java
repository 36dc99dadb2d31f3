package org.parley.offline;

import org.parley.schema.TestDatabases;
import org.parley.schema.TestDatabases.TestDatabase;

class H2OfflineStoreTest extends OfflineStoreContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.h2();
    }
}
