package org.parley.muc;

import org.parley.schema.TestDatabases;
import org.parley.schema.TestDatabases.TestDatabase;

class MySqlRoomArchiveStoreTest extends RoomArchiveStoreContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.mySql();
    }
}
