package org.parley.presence.store;

import org.parley.schema.StoreContract;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@link VCardStore} contract (XEP-0054). */
abstract class VCardStoreContract extends StoreContract {
    private static final String VCARD = "<vCard xmlns='vcard-temp'><FN>Juliet Capulet</FN></vCard>";

    private VCardStore store;
    private String user;

    @BeforeEach
    void setUp() {
        store = new JooqVCardStore(database);
        user = newAccount();
    }

    @Test
    void storedVCardIsReadBack() {
        store.put(user, VCARD);

        assertThat(store.get(user)).contains(VCARD);
    }

    @Test
    void putReplacesTheVCard() {
        store.put(user, VCARD);
        String replacement = "<vCard xmlns='vcard-temp'><FN>Джульетта 🌹</FN></vCard>";

        store.put(user, replacement);

        assertThat(store.get(user)).contains(replacement);
    }

    @Test
    void aLargeVCardWithAPhotoIsKeptWhole() {
        // About 100 KB: a base64 photo (XEP-0153) plus multi-byte text.
        String photo = "iVBORw0KGgoAAAANSUhEUgAA".repeat(4_200);
        String large = "<vCard xmlns='vcard-temp'><FN>Ромео 🌹</FN><PHOTO><TYPE>image/png</TYPE><BINVAL>"
                + photo + "</BINVAL></PHOTO></vCard>";
        assertThat(large.length()).isGreaterThan(100_000);

        store.put(user, large);

        assertThat(store.get(user)).contains(large);
    }

    @Test
    void unknownUserHasNoVCard() {
        assertThat(store.get(user)).isEmpty();
    }

    @Test
    void deleteRemovesTheVCard() {
        store.put(user, VCARD);

        store.delete(user);

        assertThat(store.get(user)).isEmpty();
    }

    @Test
    void deletingTheAccountDeletesTheVCard() {
        store.put(user, VCARD);

        deleteAccount(user);

        assertThat(store.get(user)).isEmpty();
    }
}
