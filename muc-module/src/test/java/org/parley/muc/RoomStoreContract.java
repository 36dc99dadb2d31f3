package org.parley.muc;

import org.parley.schema.StoreContract;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link RoomStore} must do, run against H2 and MariaDB/MySQL by the subclasses. */
abstract class RoomStoreContract extends StoreContract {
    private RoomStore store;

    private static String newName() {
        return "room-" + UUID.randomUUID();
    }

    private static RoomConfig config(String title) {
        return new RoomConfig(title, "A dark cave", true, false, true, true, "cauldronburn", 42, 17, true, true, true,
                PrivateMessages.MODERATORS, java.util.Set.of(Role.MODERATOR, Role.PARTICIPANT), false);
    }

    @BeforeEach
    final void createStore() {
        store = new JooqRoomStore(database);
    }

    @Test
    void aSavedRoomComesBackWithConfigurationSubjectAndAffiliations() {
        String name = newName();
        Map<JID, Affiliation> affiliations = new LinkedHashMap<>();
        affiliations.put(new JID("crone@localhost"), Affiliation.OWNER);
        affiliations.put(new JID("hag66@localhost"), Affiliation.MEMBER);
        affiliations.put(new JID("troll@localhost"), Affiliation.OUTCAST);
        store.save(new StoredRoom(name, config("The Coven ☾"), "Fire Burn and Cauldron Bubble!", "firstwitch", affiliations));

        StoredRoom back = store.loadAll().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
        assertThat(back.config()).isEqualTo(config("The Coven ☾"));
        assertThat(back.subject()).isEqualTo("Fire Burn and Cauldron Bubble!");
        assertThat(back.subjectBy()).isEqualTo("firstwitch");
        assertThat(back.affiliations()).isEqualTo(affiliations);
    }

    @Test
    void reservedNicksComeBackWithTheirAffiliations() {
        String name = newName();
        store.save(new StoredRoom(name, config("n"), "", "", Map.of(new JID("crone@localhost"), Affiliation.OWNER,
                new JID("hag66@localhost"), Affiliation.MEMBER), Map.of(new JID("hag66@localhost"), "thirdwitch"), null));

        StoredRoom back = store.loadAll().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
        assertThat(back.nicks()).isEqualTo(Map.of(new JID("hag66@localhost"), "thirdwitch"));
    }

    @Test
    void theOccupantIdSecretComesBackSoOccupantIdsSurviveARestart() {
        String name = newName();
        OccupantIds ids = new OccupantIds();
        store.save(new StoredRoom(name, config("ids"), "", "", Map.of(new JID("crone@localhost"), Affiliation.OWNER),
                Map.of(), ids.secret()));

        String secret = store.loadAll().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().occupantIdSecret();
        JID room = new JID(name, "conference.localhost", null);
        JID user = new JID("hag66@localhost/pda");
        assertThat(new OccupantIds(secret).of(room, user)).isEqualTo(ids.of(room, user));
        assertThat(new OccupantIds().of(room, user)).isNotEqualTo(ids.of(room, user));
    }

    @Test
    void savingAgainReplacesConfigurationAndTheWholeAffiliationList() {
        String name = newName();
        store.save(new StoredRoom(name, config("one"), "", "", Map.of(new JID("crone@localhost"), Affiliation.OWNER,
                new JID("hag66@localhost"), Affiliation.MEMBER)));
        store.save(new StoredRoom(name, config("two"), "s", "x", Map.of(new JID("crone@localhost"), Affiliation.OWNER)));

        StoredRoom back = store.loadAll().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
        assertThat(back.config().name()).isEqualTo("two");
        assertThat(back.affiliations()).containsOnlyKeys(new JID("crone@localhost"));
    }

    @Test
    void deleteRemovesTheRoomWithItsAffiliationsAndMayBeRepeated() {
        String name = newName();
        store.save(new StoredRoom(name, config("c"), "", "", Map.of(new JID("crone@localhost"), Affiliation.OWNER)));
        store.delete(name);
        store.delete(name); // nothing stored: nothing happens
        assertThat(store.loadAll()).noneMatch(r -> r.name().equals(name));
    }

    @Test
    void theMemberCapOf100AffiliationsIsStoredWhole() {
        String name = newName();
        Map<JID, Affiliation> members = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) members.put(new JID("witch" + i + "@localhost"), i == 0 ? Affiliation.OWNER : Affiliation.MEMBER);
        store.save(new StoredRoom(name, config("big"), "", "", members));
        assertThat(store.loadAll().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().affiliations())
                .hasSize(100);
    }
}
