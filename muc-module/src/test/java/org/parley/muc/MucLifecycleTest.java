package org.parley.muc;

import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Presence;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.muc.MucFixture.occupant;
import static org.parley.muc.MucFixture.statuses;

/**
 * Rooms over time: sessions that end, rooms that change their rules (XEP-0045 §17.2 status 322, 333), invitations (§7.8.2),
 * persistence and reload (§10.2 persistentroom), temporary rooms that go away.
 */
class MucLifecycleTest {
    /** A store in memory, to see what the rooms write and start a second service from it. */
    static final class MemoryStore implements RoomStore {
        final Map<String, StoredRoom> rooms = new ConcurrentHashMap<>();

        @Override
        public List<StoredRoom> loadAll() {
            return List.copyOf(rooms.values());
        }

        @Override
        public void save(StoredRoom room) {
            rooms.put(room.name(), room);
        }

        @Override
        public void delete(String name) {
            rooms.remove(name);
        }

        @Override
        public int deleteArchivesOfUnstoredRooms() {
            return 0; // no archive here
        }
    }

    private final MemoryStore store = new MemoryStore();
    private final MucFixture f = new MucFixture(new MucSettings(MucFixture.SERVICE, 100, 100, 50), store);

    @Test
    void aClientWhoseSessionEndsLeavesItsRoomsAndTheOthersSeeItGo() {
        f.createInstant("crone", "firstwitch");
        f.join("hag66", "thirdwitch");
        f.router.clear();

        f.muc.unbound(MucFixture.user("hag66"));

        Presence gone = f.presencesTo("crone").getLast();
        assertThat(gone.getType()).isEqualTo(Presence.Type.unavailable);
        assertThat(gone.getFrom()).isEqualTo(occupant("thirdwitch"));
        assertThat(f.rooms.roomsOf(MucFixture.user("hag66"))).isEmpty();
        assertThat(f.rooms.roomsOf(MucFixture.user("crone"))).containsExactly(MucFixture.ROOM);
    }

    @Test
    void anOccupantWhoseClientBouncesTheRoomsMessagesIsRemovedWith333() {
        f.createInstant("crone", "firstwitch");
        f.join("hag66", "thirdwitch");
        f.router.clear();

        Message bounce = new Message();
        bounce.setType(Message.Type.error);
        bounce.setFrom(MucFixture.user("hag66"));
        bounce.setTo(occupant("firstwitch"));
        f.muc.process(bounce);

        assertThat(statuses(f.presencesTo("crone").getLast())).containsExactly("333");
        assertThat(f.rooms.get("coven").orElseThrow().byNick("thirdwitch")).isEmpty();
    }

    @Test
    void turningARoomMembersOnlyRemovesNonMembersWith322() {
        f.createInstant("crone", "firstwitch");
        f.join("hag66", "thirdwitch");
        f.router.clear();

        f.configure("crone", "muc#roomconfig_membersonly", "1");

        assertThat(statuses(f.presencesTo("hag66").getLast())).containsExactly("110", "322");
        assertThat(statuses(f.messagesTo("crone").getLast())).containsExactly("104");
    }

    @Test
    void aMediatedInvitationComesFromTheRoomWithTheInvitersBareJidAndThePassword() {
        f.createInstant("crone", "firstwitch");
        f.configure("crone", "muc#roomconfig_passwordprotectedroom", "1", "muc#roomconfig_roomsecret", "cauldronburn");
        f.router.clear();

        Message invite = new Message();
        invite.setFrom(MucFixture.user("crone"));
        invite.setTo(MucFixture.ROOM);
        invite.addChildElement("x", MucNamespaces.USER).addElement("invite").addAttribute("to", "hecate@localhost")
                .addElement("reason").setText("Hey Hecate, this is the place for all good witches!");
        f.muc.process(invite);

        Message sent = f.messagesTo("hecate@localhost").getLast();
        assertThat(sent.getFrom()).isEqualTo(MucFixture.ROOM);
        Element x = sent.getChildElement("x", MucNamespaces.USER);
        assertThat(x.element("invite").attributeValue("from")).isEqualTo("crone@localhost");
        assertThat(x.elementText("password")).isEqualTo("cauldronburn");
    }

    @Test
    void aPersistentRoomIsStoredWithItsAffiliationsAndSubjectAndALaterServiceLoadsIt() {
        f.createInstant("crone", "firstwitch");
        f.configure("crone", "muc#roomconfig_persistentroom", "1", "muc#roomconfig_roomname", "The Coven");
        f.admin("crone", "jid", "hag66@localhost", "affiliation", "member");
        Message subject = new Message();
        subject.setType(Message.Type.groupchat);
        subject.setFrom(MucFixture.user("crone"));
        subject.setTo(MucFixture.ROOM);
        subject.setSubject("Fire burn");
        f.muc.process(subject);
        f.leave("crone", "firstwitch");
        assertThat(f.rooms.get("coven")).as("a persistent room stays when empty").isPresent();

        Rooms later = new Rooms(f.settings, store);
        assertThat(later.load()).isEqualTo(1);
        Room room = later.get("coven").orElseThrow();
        assertThat(room.config().name()).isEqualTo("The Coven");
        assertThat(room.subject()).isEqualTo("Fire burn");
        assertThat(room.affiliation(new JID("hag66@localhost"))).isEqualTo(Affiliation.MEMBER);
        assertThat(room.affiliation(new JID("crone@localhost"))).isEqualTo(Affiliation.OWNER);
        assertThat(room.locked()).isFalse();
    }

    @Test
    void aRoomMadeTemporaryIsDeletedFromTheStoreAndGoesWhenEmpty() {
        f.createInstant("crone", "firstwitch");
        f.configure("crone", "muc#roomconfig_persistentroom", "1");
        assertThat(store.rooms).containsKey("coven");

        f.configure("crone", "muc#roomconfig_persistentroom", "0");
        assertThat(store.rooms).isEmpty();
        f.leave("crone", "firstwitch");
        assertThat(f.rooms.get("coven")).isEmpty();
    }

    @Test
    void cancellingTheInitialConfigurationDestroysTheLockedRoom() {
        f.join("crone", "firstwitch");
        var cancel = f.iq("crone", org.xmpp.packet.IQ.Type.set, MucNamespaces.OWNER);
        cancel.getChildElement().addElement("x", "jabber:x:data").addAttribute("type", "cancel");
        f.ask(cancel);
        assertThat(f.rooms.get("coven")).isEmpty();
    }
}
