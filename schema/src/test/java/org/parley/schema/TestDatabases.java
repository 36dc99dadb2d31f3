package org.parley.schema;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The databases the store contracts run against: a fresh in-memory H2, and a fresh database on the MariaDB/MySQL
 * server named by {@code PARLEY_TEST_MYSQL_URL} (a server-level JDBC URL such as
 * {@code jdbc:mariadb://127.0.0.1:3306/?user=root}), else 127.0.0.1:3306 as root without password. When no server
 * is reachable the MariaDB variant is reported as skipped (JUnit assumption), never silently passed.
 */
public final class TestDatabases {
    public static final String DEFAULT_MYSQL_URL = "jdbc:mariadb://127.0.0.1:3306/?user=root&connectTimeout=3000";

    private TestDatabases() {
    }

    /** A migrated database for one test class, removed on close. */
    public interface TestDatabase extends AutoCloseable {
        Database database();

        @Override
        void close();
    }

    /** A fresh, migrated in-memory H2 database. */
    public static TestDatabase h2() {
        Database database = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "", 2);
        return new TestDatabase() {
            @Override
            public Database database() {
                return database;
            }

            @Override
            public void close() {
                // DB_CLOSE_DELAY=-1 keeps an in-memory database after its last connection closes: empty it. (SHUTDOWN
                // would too, but makes the pool's connection fail as it is returned.)
                database.dsl().execute("DROP ALL OBJECTS");
                database.close();
            }
        };
    }

    /** A fresh, migrated MariaDB/MySQL database; aborts the calling test class (skipped) when none is reachable. */
    public static TestDatabase mySql() {
        String server = System.getenv().getOrDefault("PARLEY_TEST_MYSQL_URL", DEFAULT_MYSQL_URL);
        String name = "parley_pm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        run(server, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", true);
        Database database;
        try {
            database = Database.open(databaseUrl(server, name), "", "", 4);
        } catch (RuntimeException e) {
            run(server, "DROP DATABASE IF EXISTS " + name, false);
            throw e;
        }
        return new TestDatabase() {
            @Override
            public Database database() {
                return database;
            }

            @Override
            public void close() {
                database.close();
                run(server, "DROP DATABASE IF EXISTS " + name, false);
            }
        };
    }

    private static void run(String server, String sql, boolean abortIfUnreachable) {
        try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            if (abortIfUnreachable) {
                Assumptions.abort("MariaDB/MySQL not reachable at " + server + " (" + e.getMessage()
                        + "); set PARLEY_TEST_MYSQL_URL to run the MySQL variant");
            }
            throw new IllegalStateException(sql, e);
        }
    }

    /** The server URL with {@code name} as its path: {@code jdbc:mariadb://host:port/name?query}. */
    public static String databaseUrl(String serverUrl, String name) {
        int hostStart = serverUrl.indexOf("//") + 2;
        int pathStart = serverUrl.indexOf('/', hostStart);
        int query = serverUrl.indexOf('?');
        int hostEnd = pathStart >= 0 ? pathStart : (query >= 0 ? query : serverUrl.length());
        return serverUrl.substring(0, hostEnd) + "/" + name + (query >= 0 ? serverUrl.substring(query) : "");
    }
}
