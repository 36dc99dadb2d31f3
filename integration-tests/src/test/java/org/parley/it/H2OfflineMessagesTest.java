package org.parley.it;

/** Offline messages on the embedded H2 store. */
class H2OfflineMessagesTest extends AbstractOfflineMessagesTest {
    @Override
    TestStore store() {
        return TestStore.h2();
    }
}
