package org.parley.presence.store;

import org.parley.schema.TestDatabases;
import org.parley.schema.TestDatabases.TestDatabase;

/** The {@link BlockListStore} contract on H2. */
class H2BlockListStoreTest extends BlockListStoreContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.h2();
    }
}
