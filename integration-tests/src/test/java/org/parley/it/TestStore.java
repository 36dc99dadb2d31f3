package org.parley.it;

import java.sql.SQLException;

/**
 * The store a server under test runs on: embedded H2 in the server's data folder, or a fresh MariaDB/MySQL
 * database (see {@link TestDatabases}) dropped again by {@link #close()}.
 */
final class TestStore implements AutoCloseable {
    private final boolean mySql;
    private TestDatabases.MySqlDatabase database;

    private TestStore(boolean mySql) {
        this.mySql = mySql;
    }

    static TestStore h2() {
        return new TestStore(false);
    }

    static TestStore mariaDb() {
        return new TestStore(true);
    }

    /**
     * The JDBC URL to configure (empty for H2 in the data folder).
     *
     * @throws org.opentest4j.TestAbortedException when no MariaDB/MySQL server is reachable
     */
    String jdbcUrl() {
        if (!mySql) return "";
        database = TestDatabases.freshMySql();
        return database.url();
    }

    /** Drops the database this store created, if any; call after the server has stopped. */
    @Override
    public void close() {
        if (database == null) return;
        try {
            database.close();
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop " + database.name(), e);
        }
    }
}
