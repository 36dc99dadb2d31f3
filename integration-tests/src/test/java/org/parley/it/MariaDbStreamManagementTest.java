package org.parley.it;

/** Stream management and client state indication on MariaDB/MySQL (skipped, and reported so, when no server is reachable). */
class MariaDbStreamManagementTest extends AbstractStreamManagementTest {
    @Override
    TestStore store() {
        return TestStore.mariaDb();
    }
}
