package org.parley.presence.store;

import org.parley.presence.store.TestDatabases.TestDatabase;

/** The {@link LastActivityStore} contract on H2. */
class H2LastActivityStoreTest extends LastActivityStoreContract {
    @Override
    TestDatabase openDatabase() {
        return TestDatabases.h2();
    }
}
