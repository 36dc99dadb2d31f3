package org.parley.presence.store;

import org.parley.schema.TestDatabases;
import org.parley.schema.TestDatabases.TestDatabase;

/** The {@link LastActivityStore} contract on H2. */
class H2LastActivityStoreTest extends LastActivityStoreContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.h2();
    }
}
