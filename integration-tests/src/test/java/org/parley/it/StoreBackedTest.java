package org.parley.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

/**
 * A conversation run once per store (the subclasses pick H2 or MariaDB/MySQL): opens the store and, when it
 * cannot be reached, reports every test as skipped (an abort in {@code @BeforeAll} would show as zero tests run).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreBackedTest {
    private TestStore testStore;
    private String storeUnavailable;

    /** The store under test. */
    abstract TestStore store();

    /** Opens the store: its JDBC URL (empty for H2), or null when it cannot be reached (then every test skips). */
    final String openStore() {
        try {
            testStore = store();
            return testStore.jdbcUrl();
        } catch (TestAbortedException unreachable) {
            storeUnavailable = unreachable.getMessage();
            return null;
        }
    }

    @BeforeEach
    final void requireStore() {
        Assumptions.assumeTrue(storeUnavailable == null, () -> storeUnavailable);
    }

    /** Drops what the store created; call after the server has stopped. */
    final void closeStore() {
        if (testStore != null) testStore.close();
    }
}
