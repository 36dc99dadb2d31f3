package org.parley.presence.store;

import org.parley.schema.StoreContract;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.presence.store.LastActivityStore.LastActivity;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@link LastActivityStore} contract (XEP-0012): instants are kept to the millisecond, in UTC. */
abstract class LastActivityStoreContract extends StoreContract {
    private LastActivityStore store;
    private String user;

    @BeforeEach
    void setUp() {
        store = new JooqLastActivityStore(database);
        user = newAccount();
    }

    @Test
    void savedActivityIsReadBack() {
        LastActivity activity = new LastActivity(Instant.parse("2025-06-01T12:34:56.789Z"), "Gone to Mantua 🐎");

        store.save(user, activity);

        assertThat(store.get(user)).contains(activity);
    }

    @Test
    void saveOverwritesThePreviousActivity() {
        store.save(user, new LastActivity(Instant.parse("2025-06-01T12:00:00Z"), "away"));
        LastActivity later = new LastActivity(Instant.parse("2025-06-02T08:00:00.001Z"), null);

        store.save(user, later);

        assertThat(store.get(user)).contains(later);
    }

    @Test
    void instantsAreKeptInUtcWhateverTheServerTimeZone() {
        // 02:30 on the last Sunday of March does not exist in Central European local time, nor does 2040 fit a
        // MySQL TIMESTAMP: neither matters to an instant stored in UTC.
        LastActivity inGap = new LastActivity(Instant.parse("2025-03-30T02:30:00Z"), null);
        store.save(user, inGap);
        assertThat(store.get(user)).contains(inGap);

        LastActivity after2038 = new LastActivity(Instant.parse("2040-01-01T00:00:00.500Z"), null);
        store.save(user, after2038);
        assertThat(store.get(user)).contains(after2038);
    }

    @Test
    void subMillisecondPrecisionIsTruncated() {
        store.save(user, new LastActivity(Instant.parse("2025-06-01T12:34:56.789999Z"), null));

        assertThat(store.get(user)).get().extracting(LastActivity::at)
                .isEqualTo(Instant.parse("2025-06-01T12:34:56.789Z"));
    }

    @Test
    void unknownUserHasNoActivity() {
        assertThat(store.get(user)).isEmpty();
    }

    @Test
    void deleteForgetsTheUser() {
        store.save(user, new LastActivity(Instant.parse("2025-06-01T12:00:00Z"), null));

        store.delete(user);

        assertThat(store.get(user)).isEmpty();
    }

    @Test
    void deletingTheAccountDeletesTheActivity() {
        store.save(user, new LastActivity(Instant.parse("2025-06-01T12:00:00Z"), "bye"));

        deleteAccount(user);

        assertThat(store.get(user)).isEmpty();
    }
}
