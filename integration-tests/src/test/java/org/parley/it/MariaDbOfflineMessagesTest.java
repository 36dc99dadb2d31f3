package org.parley.it;

/** Offline messages on MariaDB/MySQL (skipped, and reported so, when no server is reachable). */
class MariaDbOfflineMessagesTest extends AbstractOfflineMessagesTest {
    @Override
    TestStore store() {
        return TestStore.mariaDb();
    }
}
