package org.parley.schema;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.parley.schema.TestDatabases.TestDatabase;
import org.opentest4j.TestAbortedException;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.parley.schema.jooq.Tables.ACCOUNT;

/**
 * What every module's store contracts share: one database per test class (H2 or MariaDB/MySQL, chosen by the
 * subclass; an unreachable MariaDB skips each test), and fresh accounts, so that tests stay independent on the
 * shared database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreContract {
    private TestDatabase testDatabase;
    private String unavailable;
    protected Database database;

    /** The database this variant runs against. */
    protected abstract TestDatabase openDatabase();

    @BeforeAll
    final void openTestDatabase() {
        try {
            testDatabase = openDatabase();
            database = testDatabase.database();
        } catch (TestAbortedException e) {
            // Surefire counts a class aborted in @BeforeAll as zero tests, not as skipped ones: skip each test instead.
            unavailable = e.getMessage();
        }
    }

    @BeforeEach
    final void requireTestDatabase() {
        Assumptions.assumeTrue(unavailable == null, unavailable);
    }

    @AfterAll
    final void closeTestDatabase() {
        if (testDatabase != null) testDatabase.close();
    }

    /** Creates an account with a fresh name (the stores' rows reference it). */
    protected String newAccount() {
        String username = "user-" + UUID.randomUUID();
        database.dsl().insertInto(ACCOUNT, ACCOUNT.USERNAME, ACCOUNT.CREATED_AT)
                .values(username, LocalDateTime.now(ZoneOffset.UTC))
                .execute();
        return username;
    }

    /** Deletes the account row only, as account removal does; everything else must follow by cascade. */
    protected void deleteAccount(String username) {
        database.dsl().deleteFrom(ACCOUNT).where(ACCOUNT.USERNAME.eq(username)).execute();
    }
}
