package org.parley.archive;

import org.parley.schema.TestDatabases;
import org.parley.schema.TestDatabases.TestDatabase;

class MySqlArchiveStoreTest extends ArchiveStoreContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.mySql();
    }

    @Override
    boolean repeatableReads() {
        return true;
    }
}
