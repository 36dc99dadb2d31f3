package org.parley.muc;

import org.parley.schema.TestDatabases;
import org.parley.schema.TestDatabases.TestDatabase;

class MySqlRoomStoreTest extends RoomStoreContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.mySql();
    }
}
