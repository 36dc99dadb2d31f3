package org.parley.presence.store;

import org.parley.schema.TestDatabases;
import org.parley.schema.TestDatabases.TestDatabase;

/** The {@link RosterStore} contract on H2. */
class H2RosterStoreTest extends RosterStoreContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.h2();
    }
}
