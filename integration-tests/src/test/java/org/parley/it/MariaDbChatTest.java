package org.parley.it;

/** The chat conversation on MariaDB/MySQL (skipped, and reported so, when no server is reachable). */
class MariaDbChatTest extends AbstractChatTest {
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
