package org.parley.it;

/** The chat conversation on MariaDB/MySQL (skipped, and reported so, when no server is reachable). */
class MariaDbChatTest extends AbstractChatTest {
    @Override
    TestStore store() {
        return TestStore.mariaDb();
    }
}
