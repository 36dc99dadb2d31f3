package org.parley.presence.store;

import org.parley.schema.StoreContract;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@link BlockListStore} contract (XEP-0191): bare, full and domain JIDs are blocked as given. */
abstract class BlockListStoreContract extends StoreContract {
    private static final JID BARE = new JID("romeo@example.net");
    private static final JID FULL = new JID("nurse@example.com/balcony☾");
    private static final JID DOMAIN = new JID("spam.example.org");
    private static final JID UNICODE = new JID("тибальт@example.com");

    private BlockListStore store;
    private String user;

    @BeforeEach
    void setUp() {
        store = new JooqBlockListStore(database);
        user = newAccount();
    }

    @Test
    void blockedJidsAreListedAsGiven() {
        assertThat(store.blocked(user)).isEmpty();

        store.block(user, List.of(BARE, FULL, DOMAIN, UNICODE));

        assertThat(store.blocked(user)).containsExactlyInAnyOrder(BARE, FULL, DOMAIN, UNICODE);
    }

    @Test
    void blockingAgainIsIgnored() {
        store.block(user, List.of(BARE));

        store.block(user, List.of(BARE, FULL, FULL));

        assertThat(store.blocked(user)).containsExactlyInAnyOrder(BARE, FULL);
    }

    @Test
    void aFullJidAndItsBareJidAreDifferentEntries() {
        store.block(user, List.of(new JID("nurse@example.com"), FULL));

        store.unblock(user, List.of(new JID("nurse@example.com")));

        assertThat(store.blocked(user)).containsExactly(FULL);
    }

    @Test
    void unblockRemovesOnlyTheGivenJidsAndIgnoresOthers() {
        store.block(user, List.of(BARE, FULL, DOMAIN));

        store.unblock(user, List.of(FULL, DOMAIN, new JID("never@blocked.example")));

        assertThat(store.blocked(user)).containsExactly(BARE);
    }

    @Test
    void unblockAllEmptiesOnlyThisUsersList() {
        String other = newAccount();
        store.block(other, List.of(BARE));
        store.block(user, List.of(BARE, FULL, DOMAIN));

        store.unblockAll(user);

        assertThat(store.blocked(user)).isEmpty();
        assertThat(store.blocked(other)).containsExactly(BARE);
    }

    @Test
    void emptyCollectionsChangeNothing() {
        store.block(user, List.of(BARE));

        store.block(user, List.of());
        store.unblock(user, List.of());

        assertThat(store.blocked(user)).containsExactly(BARE);
    }

    @Test
    void deletingTheAccountDeletesTheBlockList() {
        store.block(user, List.of(BARE, DOMAIN));

        deleteAccount(user);

        assertThat(store.blocked(user)).isEmpty();
    }
}
