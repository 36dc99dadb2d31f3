package org.parley.presence.pep;

import org.parley.presence.store.TestDatabases;
import org.parley.presence.store.TestDatabases.TestDatabase;

/** The {@link PepStore} contract on H2. */
class H2PepStoreTest extends PepStoreContract {
    @Override
    TestDatabase openDatabase() {
        return TestDatabases.h2();
    }
}
