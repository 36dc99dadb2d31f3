package org.parley.archive;

import org.parley.schema.StoreContract;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.archive.MessageStore.Order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.schema.jooq.Tables.ACCOUNT;

/** What every {@link ArchiveStore} must do, run against H2 and MariaDB/MySQL by the subclasses. */
abstract class ArchiveStoreContract extends StoreContract {
    private static final long T0 = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();

    private ArchiveStore store;
    private long clock = T0;
    private final ArchiveIds ids = new ArchiveIds(() -> clock, new Random(7), 0);

    /** Whether a snapshot keeps out rows committed meanwhile (InnoDB's REPEATABLE READ; H2 reads committed rows). */
    abstract boolean repeatableReads();

    @BeforeEach
    final void createStore() {
        store = new JooqArchiveStore(database);
    }

    /** A message one second after the previous one. */
    private ArchivedMessage message(String owner, String with, String resource, Direction direction, String body) {
        clock += 1000;
        long id = ids.next();
        return new ArchivedMessage(id, owner, with, resource, direction, ArchiveIds.instantOf(id),
                "<message type='chat'><body>" + body + "</body></message>");
    }

    @Test
    void messagesComeBackInIdOrderWithEveryColumn() {
        String bob = newAccount();
        ArchivedMessage in = message(bob, "alice@localhost", "phone", Direction.IN, "één 🌹 & <tags>");
        ArchivedMessage out = message(bob, "alice@localhost", null, Direction.OUT, "2");

        assertThat(store.insert(List.of(in, out))).isEqualTo(2);

        assertThat(store.page(ArchiveFilter.of(bob), Order.OLDEST_FIRST, 10, 0)).containsExactly(in, out);
        assertThat(store.page(ArchiveFilter.of(bob), Order.NEWEST_FIRST, 10, 0)).containsExactly(out, in);
        assertThat(store.page(ArchiveFilter.of(bob), Order.NEWEST_FIRST, 1, 0)).containsExactly(out);
        assertThat(store.page(ArchiveFilter.of(bob), Order.OLDEST_FIRST, 1, 1)).containsExactly(out);
    }

    @Test
    void messagesOfAnOwnerWithoutAccountAreSkipped() {
        String bob = newAccount();
        ArchivedMessage kept = message(bob, "alice@localhost", null, Direction.IN, "kept");
        ArchivedMessage orphan = message("nobody-" + UUID.randomUUID(), "alice@localhost", null, Direction.IN, "lost");

        assertThat(store.insert(List.of(kept, orphan))).isEqualTo(1);
        assertThat(store.page(ArchiveFilter.of(bob), Order.OLDEST_FIRST, 10, 0)).containsExactly(kept);
        assertThat(store.insert(List.of())).isZero();
    }

    @Test
    void filtersByPeerResourceIdBoundsAndIds() {
        String bob = newAccount();
        String carol = newAccount();
        ArchivedMessage a1 = message(bob, "alice@localhost", "phone", Direction.IN, "a1");
        ArchivedMessage d1 = message(bob, "dave@localhost", null, Direction.OUT, "d1");
        ArchivedMessage a2 = message(bob, "alice@localhost", "laptop", Direction.IN, "a2");
        ArchivedMessage a3 = message(bob, "alice@localhost", null, Direction.OUT, "a3");
        ArchivedMessage other = message(carol, "alice@localhost", null, Direction.IN, "carol's");
        store.insert(List.of(a1, d1, a2, a3, other));
        ArchiveFilter all = ArchiveFilter.of(bob);

        assertThat(store.page(all.withPeer("alice@localhost", null), Order.OLDEST_FIRST, 10, 0)).containsExactly(a1, a2, a3);
        assertThat(store.page(all.withPeer("alice@localhost", "laptop"), Order.OLDEST_FIRST, 10, 0)).containsExactly(a2);
        assertThat(store.page(all.withAfter(a1.id()).withBefore(a3.id()), Order.OLDEST_FIRST, 10, 0)).containsExactly(d1, a2);
        assertThat(store.page(all.withPeer("alice@localhost", null).withAfter(a1.id()), Order.NEWEST_FIRST, 1, 0))
                .containsExactly(a3);
        assertThat(store.page(all.withIds(Set.of(a1.id(), a3.id(), other.id())), Order.OLDEST_FIRST, 10, 0))
                .as("another owner's id is not in bob's archive").containsExactly(a1, a3);
        assertThat(store.page(all.withIds(Set.of()), Order.OLDEST_FIRST, 10, 0)).isEmpty();
        assertThat(store.page(all.withAfter(a3.id()), Order.OLDEST_FIRST, 10, 0)).isEmpty();
    }

    @Test
    void countsAreCappedSoAHugeArchiveCostsLittle() {
        String bob = newAccount();
        List<ArchivedMessage> messages = new ArrayList<>();
        for (int i = 0; i < 30; i++) messages.add(message(bob, "alice@localhost", null, Direction.IN, "m" + i));
        store.insert(messages);

        assertThat(store.count(ArchiveFilter.of(bob), 100)).isEqualTo(30);
        assertThat(store.count(ArchiveFilter.of(bob), 10)).as("cap + 1").isEqualTo(11);
        assertThat(store.count(ArchiveFilter.of(bob).withBefore(messages.get(5).id()), 100)).isEqualTo(5);
        assertThat(store.count(ArchiveFilter.of(bob).withPeer("dave@localhost", null), 100)).isZero();
    }

    @Test
    void containsIsPerOwnerAndEdgesAreTheOldestAndNewest() {
        String bob = newAccount();
        String carol = newAccount();
        ArchivedMessage first = message(bob, "alice@localhost", null, Direction.IN, "1");
        ArchivedMessage last = message(bob, "alice@localhost", null, Direction.IN, "2");
        store.insert(List.of(first, last));

        assertThat(store.contains(bob, first.id())).isTrue();
        assertThat(store.contains(carol, first.id())).isFalse();
        assertThat(store.contains(bob, 12345)).isFalse();
        assertThat(store.edge(bob, Order.OLDEST_FIRST)).contains(first);
        assertThat(store.edge(bob, Order.NEWEST_FIRST)).contains(last);
        assertThat(store.edge(carol, Order.NEWEST_FIRST)).isEmpty();
    }

    @Test
    void deleteBeforeRemovesOnlyOlderMessagesInChunks() {
        String bob = newAccount();
        List<ArchivedMessage> messages = new ArrayList<>();
        for (int i = 0; i < 7; i++) messages.add(message(bob, "alice@localhost", null, Direction.IN, "m" + i));
        store.insert(messages);

        // Other tests' (older) messages go too: the purge is for every owner.
        assertThat(store.deleteBefore(messages.get(5).id(), 3)).isEqualTo(3);
        while (store.deleteBefore(messages.get(5).id(), 3) > 0) {
            // the rest, chunk by chunk
        }
        assertThat(store.page(ArchiveFilter.of(bob), Order.OLDEST_FIRST, 10, 0)).containsExactly(messages.get(5), messages.get(6));
    }

    @Test
    void perUserRetentionsAreKeptAndPurgeOnlyTheirOwner() {
        String bob = newAccount();
        String carol = newAccount();
        List<ArchivedMessage> bobs = List.of(message(bob, "alice@localhost", null, Direction.IN, "b0"),
                message(bob, "alice@localhost", null, Direction.IN, "b1"));
        List<ArchivedMessage> carols = List.of(message(carol, "alice@localhost", null, Direction.IN, "c0"));
        store.insert(bobs);
        store.insert(carols);
        store.setRetention(bob, 7);
        store.setRetention(bob, 14);
        store.setRetention(carol, 0);

        assertThat(store.retentions()).containsEntry(bob, 14).containsEntry(carol, 0);
        assertThat(store.deleteBefore(bob, carols.getFirst().id() + 1, 10)).isEqualTo(2);
        // A purge for everyone but carol, who keeps her archive (and bob's is empty by now).
        while (store.deleteBefore(carols.getFirst().id() + 1, 10, java.util.Set.of(carol)) > 0) {
            // chunk by chunk
        }
        assertThat(store.page(ArchiveFilter.of(carol), Order.OLDEST_FIRST, 10, 0)).containsExactlyElementsOf(carols);
        store.setRetention(bob, null);
        assertThat(store.retentions()).doesNotContainKey(bob);
    }

    @Test
    void aSnapshotReadsOneViewWhileMessagesAreWritten() {
        String bob = newAccount();
        store.insert(List.of(message(bob, "alice@localhost", null, Direction.IN, "before")));

        List<Integer> counts = store.snapshot(view -> {
            int first = view.count(ArchiveFilter.of(bob), 10);
            store.insert(List.of(message(bob, "alice@localhost", null, Direction.IN, "meanwhile")));
            return List.of(first, view.count(ArchiveFilter.of(bob), 10));
        });

        assertThat(counts.getFirst()).isEqualTo(1);
        if (repeatableReads()) assertThat(counts.getLast()).as("the page and its count agree").isEqualTo(1);
        assertThat(store.count(ArchiveFilter.of(bob), 10)).isEqualTo(2);
    }

    @Test
    void prefsAreSavedReplacedAndReadBack() {
        String bob = newAccount();
        assertThat(store.prefs(bob)).isEmpty();

        store.savePrefs(bob, new ArchivePrefs(ArchiveMode.ROSTER, List.of("alice@localhost", "dave@localhost/pc"), List.of()));
        assertThat(store.prefs(bob)).contains(new ArchivePrefs(ArchiveMode.ROSTER,
                List.of("alice@localhost", "dave@localhost/pc"), List.of()));

        store.savePrefs(bob, new ArchivePrefs(ArchiveMode.NEVER, List.of(), List.of("eve@evil.example")));
        assertThat(store.prefs(bob)).contains(new ArchivePrefs(ArchiveMode.NEVER, List.of(), List.of("eve@evil.example")));
    }

    @Test
    void anAccountsArchiveAndPrefsGoWithIt() {
        String bob = newAccount();
        store.insert(List.of(message(bob, "alice@localhost", null, Direction.IN, "bye")));
        store.savePrefs(bob, ArchivePrefs.of(ArchiveMode.NEVER));

        database.dsl().deleteFrom(ACCOUNT).where(ACCOUNT.USERNAME.eq(bob)).execute();

        assertThat(store.count(ArchiveFilter.of(bob), 10)).isZero();
        assertThat(store.prefs(bob)).isEmpty();
    }
}
