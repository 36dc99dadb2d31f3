package org.parley.muc;

import org.parley.schema.TestDatabases;
import org.parley.schema.TestDatabases.TestDatabase;

class H2RoomArchiveStoreTest extends RoomArchiveStoreContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.h2();
    }
}
