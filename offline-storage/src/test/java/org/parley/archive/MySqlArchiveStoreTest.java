package org.parley.archive;

import org.parley.schema.TestDatabases;
import org.parley.schema.TestDatabases.TestDatabase;

class MySqlArchiveStoreTest extends ArchiveStoreContract {
    @Override
    TestDatabase openDatabase() {
        return TestDatabases.mySql();
    }

    @Override
    boolean repeatableReads() {
        return true;
    }
}
