package org.parley.muc;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.archive.ArchiveFilter;
import org.parley.archive.ArchiveIds;
import org.parley.archive.ArchivedMessage;
import org.parley.archive.Direction;
import org.parley.archive.JooqMessageStore;
import org.parley.archive.MessageStore;
import org.parley.archive.MessageStore.Order;
import org.parley.schema.StoreContract;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What the rooms' archive store must do (room_archive_message, V10), run against H2 and MariaDB/MySQL. */
abstract class RoomArchiveStoreContract extends StoreContract {
    private MessageStore store;
    private JooqRoomStore rooms;
    private long clock = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();
    private final ArchiveIds ids = new ArchiveIds(() -> clock, new Random(7), 0);

    @BeforeEach
    final void createStores() {
        store = JooqMessageStore.rooms(database);
        rooms = new JooqRoomStore(database);
    }

    private static String newRoom() {
        return "room-" + UUID.randomUUID();
    }

    private ArchivedMessage message(String room, String sender, String nick, String body) {
        clock += 1000;
        long id = ids.next();
        return new ArchivedMessage(id, room, sender, nick, Direction.IN, ArchiveIds.instantOf(id),
                "<message type='groupchat' from='" + room + "@conference.localhost/" + nick + "'><body>" + body + "</body></message>");
    }

    @Test
    void messagesComeBackInIdOrderByRoomNickAndSender() {
        String coven = newRoom();
        String other = newRoom();
        ArchivedMessage one = message(coven, "crone@localhost", "firstwitch", "één 🌹 & <tags>");
        ArchivedMessage two = message(coven, "hag66@localhost", "thirdwitch", "2");
        ArchivedMessage three = message(coven, "crone@localhost", "firstwitch", "3");
        ArchivedMessage elsewhere = message(other, "crone@localhost", "firstwitch", "x");

        assertThat(store.insert(List.of(one, two, three, elsewhere))).as("every room has an archive").isEqualTo(4);

        assertThat(store.page(ArchiveFilter.of(coven), Order.OLDEST_FIRST, 10, 0)).containsExactly(one, two, three);
        assertThat(store.page(ArchiveFilter.of(coven), Order.NEWEST_FIRST, 2, 0)).containsExactly(three, two);
        assertThat(store.page(ArchiveFilter.of(coven).withPeer(null, "firstwitch"), Order.OLDEST_FIRST, 10, 0)).containsExactly(one, three);
        assertThat(store.page(ArchiveFilter.of(coven).withPeer("hag66@localhost", null), Order.OLDEST_FIRST, 10, 0)).containsExactly(two);
        assertThat(store.page(ArchiveFilter.of(coven).withAfter(one.id()).withBefore(three.id()), Order.OLDEST_FIRST, 10, 0)).containsExactly(two);
        assertThat(store.count(ArchiveFilter.of(coven).withPeer(null, "firstwitch"), 100)).isEqualTo(2);
        assertThat(store.edge(coven, Order.NEWEST_FIRST)).contains(three);
    }

    @Test
    void aTombstoneReplacesTheStanzaAndKeepsIdTimeAndSender() {
        String coven = newRoom();
        ArchivedMessage spam = message(coven, "hag66@localhost", "thirdwitch", "spam");
        store.insert(List.of(spam));

        assertThat(store.replace(coven, spam.id(), "<message type='groupchat'><retracted xmlns='urn:xmpp:message-retract:1'/></message>")).isTrue();
        assertThat(store.replace(newRoom(), spam.id(), "<message/>")).as("another room's id").isFalse();

        ArchivedMessage back = store.get(coven, spam.id()).orElseThrow();
        assertThat(back.stanzaXml()).contains("retracted").doesNotContain("spam");
        assertThat(back.stamp()).isEqualTo(spam.stamp());
        assertThat(back.withJid()).isEqualTo("hag66@localhost");
        assertThat(back.withResource()).isEqualTo("thirdwitch");
        assertThat(store.get(newRoom(), spam.id())).isEmpty();
    }

    @Test
    void aRoomsArchiveIsDeletedWholeAndOthersStay() {
        String gone = newRoom();
        String stays = newRoom();
        store.insert(List.of(message(gone, "a@localhost", "a", "1"), message(gone, "a@localhost", "a", "2"),
                message(stays, "a@localhost", "a", "3")));

        assertThat(store.deleteArchive(gone)).isEqualTo(2);

        assertThat(store.count(ArchiveFilter.of(gone), 10)).isZero();
        assertThat(store.count(ArchiveFilter.of(stays), 10)).isEqualTo(1);
    }

    @Test
    void atStartTheArchivesOfRoomsThatAreNotStoredAreDeleted() {
        String stored = newRoom();
        String temporary = newRoom();
        rooms.save(new StoredRoom(stored, RoomConfig.defaults(new MucSettings("conference.localhost", 100, 100, 50)),
                "", "", Map.of()));
        store.insert(List.of(message(stored, "a@localhost", "a", "kept"), message(temporary, "a@localhost", "a", "gone")));

        assertThat(rooms.deleteArchivesOfUnstoredRooms()).isGreaterThanOrEqualTo(1);

        assertThat(store.count(ArchiveFilter.of(stored), 10)).isEqualTo(1);
        assertThat(store.count(ArchiveFilter.of(temporary), 10)).isZero();
    }

    @Test
    void archiveRetentionDaysPurgesRoomArchivesToo() {
        String coven = newRoom();
        ArchivedMessage old = message(coven, "a@localhost", "a", "old");
        clock += java.time.Duration.ofDays(40).toMillis();
        ArchivedMessage recent = message(coven, "a@localhost", "a", "recent");
        store.insert(List.of(old, recent));
        java.time.Clock now = java.time.Clock.fixed(Instant.ofEpochMilli(clock), java.time.ZoneOffset.UTC);

        long deleted = new org.parley.archive.ArchiveRetention(store, java.time.Duration.ofDays(30), now).purge();

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(store.page(ArchiveFilter.of(coven), Order.OLDEST_FIRST, 10, 0)).containsExactly(recent);
    }

    @Test
    void retentionDeletesTheOldestMessagesOfEveryRoom() {
        String coven = newRoom();
        ArchivedMessage old = message(coven, "a@localhost", "a", "old");
        ArchivedMessage recent = message(coven, "a@localhost", "a", "recent");
        store.insert(List.of(old, recent));

        store.deleteBefore(recent.id(), 10);

        assertThat(store.page(ArchiveFilter.of(coven), Order.OLDEST_FIRST, 10, 0)).containsExactly(recent);
        assertThat(store.retentions()).isEmpty();
    }
}
