package org.parley.archive;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.archive.MessageStore.Order;
import org.parley.schema.TestDatabases;
import org.parley.schema.TestDatabases.TestDatabase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.schema.jooq.Tables.ACCOUNT;

/**
 * XEP-0313 §3.2 retention: messages older than the period go, the oldest first, for every user; newer ones stay; a
 * user with a retention of their own (set by the operator) follows it instead.
 */
class ArchiveRetentionTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private TestDatabase db;
    private JooqArchiveStore store;

    @BeforeEach
    void setUp() {
        db = TestDatabases.h2();
        for (String user : List.of("alice", "bob", "carol", "dave")) {
            db.database().dsl().insertInto(ACCOUNT, ACCOUNT.USERNAME, ACCOUNT.CREATED_AT)
                    .values(user, LocalDateTime.now(ZoneOffset.UTC)).execute();
        }
        store = new JooqArchiveStore(db.database());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void aPurgeDeletesWhatIsOlderThanTheRetentionPeriodForEveryUser() {
        List<ArchivedMessage> kept = new ArrayList<>();
        archive("alice", 40);
        archive("bob", 31);
        archive("alice", 30, 1); // one second older than 30 days
        kept.add(archive("bob", 29));
        kept.add(archive("alice", 0));
        ArchiveRetention retention = new ArchiveRetention(store, Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(retention.purge()).isEqualTo(3);

        List<ArchivedMessage> left = new ArrayList<>(store.page(ArchiveFilter.of("alice"), Order.OLDEST_FIRST, 10, 0));
        left.addAll(store.page(ArchiveFilter.of("bob"), Order.OLDEST_FIRST, 10, 0));
        assertThat(left).extracting(ArchivedMessage::id).containsExactlyInAnyOrderElementsOf(kept.stream().map(ArchivedMessage::id).toList());
        assertThat(retention.purge()).isZero();
    }

    @Test
    void aUserWithARetentionOfTheirOwnIsPurgedByItAndOnlyByIt() {
        archive("alice", 40);                      // the configured 30 days: goes
        ArchivedMessage carolOld = archive("carol", 40); // carol keeps 60 days: stays
        archive("carol", 61);                      // ... but not beyond
        ArchivedMessage daveAncient = archive("dave", 3650); // dave keeps for ever
        archive("bob", 8);
        store.setRetention("carol", 60);
        store.setRetention("dave", 0);
        store.setRetention("bob", 7);               // bob keeps a week only
        ArchiveRetention retention = new ArchiveRetention(store, Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(retention.purge()).isEqualTo(3);

        assertThat(store.page(ArchiveFilter.of("carol"), Order.OLDEST_FIRST, 10, 0)).extracting(ArchivedMessage::id)
                .containsExactly(carolOld.id());
        assertThat(store.page(ArchiveFilter.of("dave"), Order.OLDEST_FIRST, 10, 0)).extracting(ArchivedMessage::id)
                .containsExactly(daveAncient.id());
        assertThat(store.page(ArchiveFilter.of("bob"), Order.OLDEST_FIRST, 10, 0)).isEmpty();
        assertThat(store.page(ArchiveFilter.of("alice"), Order.OLDEST_FIRST, 10, 0)).isEmpty();
        store.setRetention("carol", null);
        assertThat(store.retentions()).containsOnlyKeys("dave", "bob");
    }

    @Test
    void withoutAConfiguredRetentionOnlyUsersWithTheirOwnArePurged() {
        archive("alice", 4000);
        archive("bob", 10);
        store.setRetention("bob", 7);
        ArchiveRetention retention = new ArchiveRetention(store, Duration.ZERO, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(retention.purge()).isEqualTo(1);
        assertThat(store.page(ArchiveFilter.of("alice"), Order.OLDEST_FIRST, 10, 0)).hasSize(1);
    }

    @Test
    void theRetentionPeriodMustNotBeNegative() {
        assertThatThrownBy(() -> new ArchiveRetention(store, Duration.ofDays(-1), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private ArchivedMessage archive(String owner, int daysAgo) {
        return archive(owner, daysAgo, 0);
    }

    private ArchivedMessage archive(String owner, int daysAgo, int secondsMore) {
        long at = NOW.minus(Duration.ofDays(daysAgo)).minusSeconds(secondsMore).toEpochMilli();
        long id = new ArchiveIds(() -> at, new Random(), 0).next();
        ArchivedMessage m = new ArchivedMessage(id, owner, "carol@localhost", null, Direction.IN, ArchiveIds.instantOf(id),
                "<message><body>" + daysAgo + "</body></message>");
        store.insert(List.of(m));
        return m;
    }
}
