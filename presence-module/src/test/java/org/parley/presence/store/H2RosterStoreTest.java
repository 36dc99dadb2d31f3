package org.parley.presence.store;

import org.parley.presence.store.TestDatabases.TestDatabase;

/** The {@link RosterStore} contract on H2. */
class H2RosterStoreTest extends RosterStoreContract {
    @Override
    TestDatabase openDatabase() {
        return TestDatabases.h2();
    }
}
