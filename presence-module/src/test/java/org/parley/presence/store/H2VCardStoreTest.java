package org.parley.presence.store;

import org.parley.presence.store.TestDatabases.TestDatabase;

/** The {@link VCardStore} contract on H2. */
class H2VCardStoreTest extends VCardStoreContract {
    @Override
    TestDatabase openDatabase() {
        return TestDatabases.h2();
    }
}
