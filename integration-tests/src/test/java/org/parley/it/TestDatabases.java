package org.parley.it;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Where integration tests get a MariaDB/MySQL database: {@code PARLEY_TEST_MYSQL_URL} (a server-level JDBC URL
 * such as {@code jdbc:mariadb://127.0.0.1:3306/?user=root}), else the MariaDB this kind of machine runs at
 * 127.0.0.1:3306 (root, no password). Each test class gets a fresh database, dropped afterwards. When no server is
 * reachable the test is reported as skipped (JUnit assumption), never silently passed.
 */
final class TestDatabases {
    static final String DEFAULT_URL = "jdbc:mariadb://127.0.0.1:3306/?user=root&connectTimeout=3000";

    private TestDatabases() {
    }

    /** A fresh MariaDB/MySQL database; aborts the calling test (skipped) when none is reachable. */
    static MySqlDatabase freshMySql() {
        String server = System.getenv().getOrDefault("PARLEY_TEST_MYSQL_URL", DEFAULT_URL);
        String name = "parley_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            Assumptions.abort("MariaDB/MySQL not reachable at " + server + " (" + e.getMessage()
                    + "); set PARLEY_TEST_MYSQL_URL to run the MySQL variant");
        }
        return new MySqlDatabase(server, name);
    }

    /** A database created for one test class. */
    record MySqlDatabase(String serverUrl, String name) implements AutoCloseable {
        /** The JDBC URL of this database (the server URL with the database name as its path). */
        String url() {
            int hostStart = serverUrl.indexOf("//") + 2;
            int pathStart = serverUrl.indexOf('/', hostStart);
            int query = serverUrl.indexOf('?');
            String hostPart = serverUrl.substring(0, pathStart >= 0 ? pathStart : (query >= 0 ? query : serverUrl.length()));
            return hostPart + "/" + name + (query >= 0 ? serverUrl.substring(query) : "");
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name);
            }
        }
    }
}
