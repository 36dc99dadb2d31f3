package org.parley.it;

/** Rosters, presence, blocking and vCards on MariaDB/MySQL (skipped, and reported so, when none is reachable). */
class MariaDbRosterAndPresenceTest extends AbstractRosterAndPresenceTest {
    private TestDatabases.MySqlDatabase database;

    @Override
    String jdbcUrl() {
        database = TestDatabases.freshMySql();
        return database.url();
    }

    @Override
    void releaseStore() {
        if (database == null) return;
        try {
            database.close();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not drop " + database.name(), e);
        }
    }
}
