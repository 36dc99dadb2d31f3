package org.parley.it;

/** The group chat conversation on MariaDB/MySQL (skipped, and reported so, when no server is reachable). */
class MariaDbMucTest extends AbstractMucTest {
    @Override
    TestStore store() {
        return TestStore.mariaDb();
    }
}
