package org.parley.presence.store;

import org.parley.schema.StoreContract;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@link PrivateXmlStore} contract, run on every backend. */
abstract class PrivateXmlStoreContract extends StoreContract {
    private PrivateXmlStore store;

    @BeforeEach
    void createStore() {
        store = new JooqPrivateXmlStore(database);
    }

    @Test
    void storesOneElementPerNamespaceAndReplacesIt() {
        String user = newAccount();
        assertThat(store.get(user, "storage:bookmarks")).isEmpty();

        store.put(user, "storage:bookmarks", "<storage xmlns='storage:bookmarks'><conference jid='a@b'/></storage>");
        store.put(user, "exodus:prefs", "<exodus xmlns='exodus:prefs'>ünïcödé</exodus>");
        store.put(user, "storage:bookmarks", "<storage xmlns='storage:bookmarks'/>");

        assertThat(store.get(user, "storage:bookmarks")).contains("<storage xmlns='storage:bookmarks'/>");
        assertThat(store.get(user, "exodus:prefs")).contains("<exodus xmlns='exodus:prefs'>ünïcödé</exodus>");
    }

    @Test
    void usersDoNotSeeEachOthersData() {
        String alice = newAccount();
        String bob = newAccount();
        store.put(alice, "exodus:prefs", "<exodus xmlns='exodus:prefs'>alice</exodus>");
        assertThat(store.get(bob, "exodus:prefs")).isEmpty();
    }

    @Test
    void aLargeElementIsKeptWhole() {
        String user = newAccount();
        String big = "<x xmlns='big'>" + "y".repeat(150_000) + "</x>";
        store.put(user, "big", big);
        assertThat(store.get(user, "big")).contains(big);
    }
}
