package org.parley.presence.store;

import org.parley.schema.TestDatabases;
import org.parley.schema.TestDatabases.TestDatabase;

/** The {@link VCardStore} contract on H2. */
class H2VCardStoreTest extends VCardStoreContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.h2();
    }
}
