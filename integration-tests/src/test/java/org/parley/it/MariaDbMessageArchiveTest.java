package org.parley.it;

/** The message archive on MariaDB/MySQL (skipped, and reported so, when no server is reachable). */
class MariaDbMessageArchiveTest extends AbstractMessageArchiveTest {
    @Override
    TestStore store() {
        return TestStore.mariaDb();
    }
}
