package org.parley.schema;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

/**
 * The server's one connection pool (HikariCP) and jOOQ context, with the schema migrated by Flyway on open.
 *
 * <p>The JDBC URL picks the store: {@code jdbc:h2:...} is the embedded default, {@code jdbc:mariadb:...}
 * or {@code jdbc:mysql:...} the production store. Each dialect has its own migration folder
 * ({@code db/migration/h2}, {@code db/migration/mysql}) with the same versions.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final DSLContext dsl;
    private final SQLDialect dialect;

    private Database(HikariDataSource dataSource, SQLDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        // Unquoted names: H2 folds them to upper case, MySQL keeps the lower case the migrations use.
        this.dsl = DSL.using(dataSource, dialect, new Settings().withRenderQuotedNames(RenderQuotedNames.NEVER));
    }

    /**
     * Opens a pool on {@code url} and applies every pending migration.
     *
     * @param url      a JDBC URL (H2, MariaDB or MySQL)
     * @param username the database user, may be empty
     * @param password the database password, may be empty
     * @param poolSize the maximum number of pooled connections (≥ 1)
     * @throws IllegalArgumentException if the URL names an unsupported database
     * @throws org.flywaydb.core.api.FlywayException if a migration fails
     */
    public static Database open(String url, String username, String password, int poolSize) {
        SQLDialect dialect = dialectOf(url);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (username != null && !username.isEmpty()) config.setUsername(username);
        if (password != null && !password.isEmpty()) config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("parley-db");
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            migrate(dataSource, dialect);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        log.info("Database ready: {} ({})", redact(url), dialect.getName());
        return new Database(dataSource, dialect);
    }

    /**
     * The jOOQ dialect for a JDBC URL.
     *
     * @throws IllegalArgumentException for a database Parley does not support
     */
    public static SQLDialect dialectOf(String url) {
        if (url.startsWith("jdbc:h2:")) return SQLDialect.H2;
        if (url.startsWith("jdbc:mariadb:")) return SQLDialect.MARIADB;
        if (url.startsWith("jdbc:mysql:")) return SQLDialect.MYSQL;
        throw new IllegalArgumentException(
                "unsupported database URL '" + redact(url) + "': use jdbc:h2:, jdbc:mariadb: or jdbc:mysql:");
    }

    private static void migrate(DataSource dataSource, SQLDialect dialect) {
        String folder = dialect == SQLDialect.H2 ? "h2" : "mysql";
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + folder)
                .load()
                .migrate();
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** The jOOQ context on this pool; queries run on the calling thread (never an event loop). */
    public DSLContext dsl() {
        return dsl;
    }

    /** The SQL dialect in use. */
    public SQLDialect dialect() {
        return dialect;
    }

    /** The pooled data source. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Closes the pool. */
    @Override
    public void close() {
        dataSource.close();
    }
}
