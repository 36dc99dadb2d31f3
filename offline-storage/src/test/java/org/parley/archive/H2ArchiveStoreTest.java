package org.parley.archive;

import org.parley.schema.TestDatabases;
import org.parley.schema.TestDatabases.TestDatabase;

class H2ArchiveStoreTest extends ArchiveStoreContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.h2();
    }

    @Override
    boolean repeatableReads() {
        return false;
    }
}
