package org.parley.presence.store;

import org.parley.schema.StoreContract;

import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.presence.roster.RosterItem;
import org.parley.presence.roster.SubscriptionState;
import org.parley.presence.store.RosterStore.Change;
import org.xmpp.packet.JID;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.schema.jooq.Tables.ROSTER_GROUP;

/** The {@link RosterStore} contract, including roster versioning (RFC 6121 §2.6). */
abstract class RosterStoreContract extends StoreContract {
    private static final JID JULIET = new JID("juliet@example.com");
    private static final JID MERCUTIO = new JID("mercutio@example.org");
    private static final JID BENVOLIO = new JID("benvolio@example.net");

    private RosterStore store;
    private String user;

    @BeforeEach
    void setUp() {
        store = new JooqRosterStore(database);
        user = newAccount();
    }

    @Test
    void savedItemIsReadBackWithItsGroupsInOrderAndUnicodeIntact() {
        JID contact = new JID("джульетта@example.com");
        RosterItem item = RosterItem.of(contact, "Джульетта 🌹", List.of("Zeta", "Друзья 💕", "Alpha"));

        RosterItem saved = store.save(user, item);

        assertThat(saved).isEqualTo(item.withVersion(1));
        assertThat(store.item(user, contact)).contains(saved);
        assertThat(store.item(user, new JID("джульетта@example.com/balcony"))).contains(saved);
        assertThat(store.items(user)).containsExactly(saved);
    }

    @Test
    void saveReplacesTheItemAndItsGroups() {
        store.save(user, RosterItem.of(JULIET, "Juliet", List.of("Friends", "Lovers", "Capulets")));
        RosterItem replacement = new RosterItem(JULIET, null, SubscriptionState.BOTH, true, true,
                List.of("Verona"), "let me in", 0);

        RosterItem saved = store.save(user, replacement);

        assertThat(saved).isEqualTo(replacement.withVersion(2));
        assertThat(store.item(user, JULIET)).contains(saved);
        assertThat(store.count(user)).isEqualTo(1);
    }

    @Test
    void everySubscriptionStateRoundTrips() {
        for (SubscriptionState state : SubscriptionState.values()) {
            RosterItem item = RosterItem.of(JULIET, "Juliet", List.of()).withState(state);
            store.save(user, item);
            assertThat(store.item(user, JULIET)).get().extracting(RosterItem::state).isEqualTo(state);
        }
    }

    @Test
    void hiddenItemsAreItemsToo() {
        RosterItem hidden = store.save(user, RosterItem.of(JULIET, null, List.of())
                .withState(SubscriptionState.NONE_PENDING_IN).withVisible(false).withPendingInStatus("hi"));

        assertThat(store.items(user)).containsExactly(hidden);
        assertThat(store.count(user)).isEqualTo(1);
    }

    @Test
    void versionStartsAtZeroAndEachChangeGetsTheNextOnePerUser() {
        String other = newAccount();
        assertThat(store.version(user)).isZero();

        assertThat(store.save(user, RosterItem.of(JULIET, null, List.of())).version()).isEqualTo(1);
        assertThat(store.save(user, RosterItem.of(MERCUTIO, null, List.of())).version()).isEqualTo(2);
        assertThat(store.save(user, RosterItem.of(JULIET, "J", List.of())).version()).isEqualTo(3);
        assertThat(store.remove(user, MERCUTIO)).contains(4L);

        assertThat(store.version(user)).isEqualTo(4);
        assertThat(store.version(other)).isZero();
        assertThat(store.save(other, RosterItem.of(JULIET, null, List.of())).version()).isEqualTo(1);
        assertThat(store.version(user)).isEqualTo(4);
    }

    @Test
    void removeLeavesATombstoneThatOnlyChangesSinceReports() {
        store.save(user, RosterItem.of(JULIET, "Juliet", List.of("Friends")));
        RosterItem mercutio = store.save(user, RosterItem.of(MERCUTIO, null, List.of()));

        assertThat(store.remove(user, JULIET)).contains(3L);

        assertThat(store.item(user, JULIET)).isEmpty();
        assertThat(store.items(user)).containsExactly(mercutio);
        assertThat(store.count(user)).isEqualTo(1);
        assertThat(store.changesSince(user, 0)).containsExactly(
                new Change(MERCUTIO, mercutio, 2), new Change(JULIET, null, 3));
        assertThat(store.changesSince(user, 0).get(1).removed()).isTrue();
        assertThat(groupRows(user)).isEqualTo(0);
    }

    @Test
    void removingWhatIsNotThereChangesNothing() {
        store.save(user, RosterItem.of(JULIET, null, List.of()));
        store.remove(user, JULIET);

        assertThat(store.remove(user, JULIET)).isEmpty();
        assertThat(store.remove(user, BENVOLIO)).isEmpty();
        assertThat(store.version(user)).isEqualTo(2);
    }

    @Test
    void savingARemovedContactRevivesIt() {
        store.save(user, RosterItem.of(JULIET, "Juliet", List.of("Old")));
        store.remove(user, JULIET);

        RosterItem revived = store.save(user, RosterItem.of(JULIET, "Jules", List.of("New", "Newer")));

        assertThat(revived.version()).isEqualTo(3);
        assertThat(store.items(user)).containsExactly(revived);
        assertThat(store.changesSince(user, 2)).containsExactly(new Change(JULIET, revived, 3));
        assertThat(store.changesSince(user, 0)).containsExactly(new Change(JULIET, revived, 3));
    }

    @Test
    void changesSinceReturnsOnlyNewerChangesOldestFirst() {
        store.save(user, RosterItem.of(JULIET, null, List.of("A")));
        store.save(user, RosterItem.of(MERCUTIO, null, List.of("B")));
        RosterItem benvolio = store.save(user, RosterItem.of(BENVOLIO, null, List.of("C", "D")));
        RosterItem juliet = store.save(user, RosterItem.of(JULIET, "Juliet", List.of("E")));

        assertThat(store.changesSince(user, 2)).containsExactly(
                new Change(BENVOLIO, benvolio, 3), new Change(JULIET, juliet, 4));
        assertThat(store.changesSince(user, 4)).isEmpty();
        assertThat(store.changesSince(newAccount(), 0)).isEmpty();
    }

    @Test
    void itemsAreIsolatedPerUser() {
        String other = newAccount();
        store.save(other, RosterItem.of(JULIET, "Other's Juliet", List.of("X")));
        RosterItem mine = store.save(user, RosterItem.of(JULIET, "My Juliet", List.of("Y")));

        assertThat(store.items(user)).containsExactly(mine);
        assertThat(store.count(other)).isEqualTo(1);
    }

    @Test
    void deleteAllRemovesItemsTombstonesAndTheVersion() {
        store.save(user, RosterItem.of(JULIET, null, List.of("A", "B")));
        store.save(user, RosterItem.of(MERCUTIO, null, List.of()));
        store.remove(user, MERCUTIO);

        store.deleteAll(user);

        assertThat(store.items(user)).isEmpty();
        assertThat(store.count(user)).isZero();
        assertThat(store.version(user)).isZero();
        assertThat(store.changesSince(user, 0)).isEmpty();
        assertThat(groupRows(user)).isZero();
        assertThat(store.save(user, RosterItem.of(JULIET, null, List.of())).version()).isEqualTo(1);
    }

    @Test
    void deletingTheAccountDeletesTheRoster() {
        store.save(user, RosterItem.of(JULIET, null, List.of("A", "B")));
        store.save(user, RosterItem.of(MERCUTIO, null, List.of()));
        store.remove(user, MERCUTIO);

        deleteAccount(user);

        assertThat(store.version(user)).isZero();
        assertThat(store.changesSince(user, 0)).isEmpty();
        assertThat(groupRows(user)).isZero();
    }

    @Test
    void savingForAnUnknownAccountFails() {
        assertThatThrownBy(() -> store.save("nobody-" + user, RosterItem.of(JULIET, null, List.of())))
                .isInstanceOf(DataAccessException.class);
    }

    @Test
    void concurrentChangesGetDistinctIncreasingVersions() throws Exception {
        int threads = 6;
        int changesPerThread = 15;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<Long> versions = new ArrayList<>();
                    for (int i = 0; i < changesPerThread; i++) {
                        // Some contacts are shared between threads, some are the thread's own.
                        JID contact = new JID("contact" + (i % 3 == 0 ? i : thread * 100 + i) + "@example.com");
                        if (i % 5 == 4) {
                            store.remove(user, contact).ifPresent(versions::add);
                        } else {
                            versions.add(store.save(user, RosterItem.of(contact, "t" + thread, List.of("g" + i))).version());
                        }
                    }
                    return versions;
                }));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> result : results) {
                List<Long> versions = result.get();
                assertThat(versions).isSorted();
                all.addAll(versions);
            }
            Collections.sort(all);
            assertThat(all).doesNotHaveDuplicates()
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, all.size()).boxed().toList());
            assertThat(store.version(user)).isEqualTo(all.size());
        }
        List<Change> changes = store.changesSince(user, 0);
        assertThat(changes).extracting(Change::version).isSorted().doesNotHaveDuplicates();
        assertThat(changes.stream().filter(c -> !c.removed()).count()).isEqualTo(store.count(user));
    }

    private int groupRows(String username) {
        return database.dsl().fetchCount(ROSTER_GROUP, ROSTER_GROUP.USERNAME.eq(username));
    }
}
