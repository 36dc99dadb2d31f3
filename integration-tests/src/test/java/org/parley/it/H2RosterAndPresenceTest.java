package org.parley.it;

/** Rosters, presence, blocking and vCards on the embedded H2 store. */
class H2RosterAndPresenceTest extends AbstractRosterAndPresenceTest {
    @Override
    TestStore store() {
        return TestStore.h2();
    }
}
