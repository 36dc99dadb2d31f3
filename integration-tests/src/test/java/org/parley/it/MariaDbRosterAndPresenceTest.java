package org.parley.it;

/** Rosters, presence, blocking and vCards on MariaDB/MySQL (skipped, and reported so, when none is reachable). */
class MariaDbRosterAndPresenceTest extends AbstractRosterAndPresenceTest {
    @Override
    TestStore store() {
        return TestStore.mariaDb();
    }
}
