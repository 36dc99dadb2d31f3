package org.parley.presence.store;

import org.parley.schema.TestDatabases;
import org.parley.schema.TestDatabases.TestDatabase;

/** The {@link PrivateXmlStore} contract on H2. */
class H2PrivateXmlStoreTest extends PrivateXmlStoreContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.h2();
    }
}
