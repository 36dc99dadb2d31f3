package org.parley.muc;

import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.muc.MucFixture.occupant;
import static org.parley.muc.MucFixture.statuses;

/**
 * One user in a room from two devices under one nick (multi-session, XEP-0045 §7.2.9 allows the nick to its own
 * user): both sessions get everything, the others see one occupant, and it leaves when its last session does.
 */
class MucMultiSessionTest {
    private static final JID PDA = new JID("hag66@localhost/pda");
    private static final JID LAPTOP = new JID("hag66@localhost/laptop");

    private final MucFixture f = new MucFixture();

    private void send(JID from, Presence.Type type) {
        Presence p = new Presence(type);
        p.setFrom(from);
        p.setTo(occupant("thirdwitch"));
        if (type == null) p.addChildElement("x", MucNamespaces.MUC);
        f.muc.process(p);
    }

    private List<Packet> to(JID jid) {
        return f.router.routed().stream().filter(p -> jid.equals(p.getTo())).toList();
    }

    @Test
    void aSecondSessionSharesTheNickAndBothSessionsGetGroupchatAndPrivateMessages() {
        f.createInstant("crone", "firstwitch");
        send(PDA, null);
        send(LAPTOP, null);

        Presence self = (Presence) to(LAPTOP).stream().filter(p -> p instanceof Presence).reduce((a, b) -> b).orElseThrow();
        assertThat(statuses(self)).contains("110");
        Room room = f.rooms.get("coven").orElseThrow();
        assertThat(room.occupantCount()).isEqualTo(2);
        assertThat(room.distinctOccupants()).extracting(Occupant::nick).containsExactly("firstwitch", "thirdwitch");
        f.router.clear();

        f.say("crone", "Round about the cauldron go");
        Message pm = new Message();
        pm.setType(Message.Type.chat);
        pm.setFrom(MucFixture.user("crone"));
        pm.setTo(occupant("thirdwitch"));
        pm.setBody("psst");
        f.muc.process(pm);

        for (JID session : List.of(PDA, LAPTOP)) {
            assertThat(to(session)).extracting(p -> ((Message) p).getBody()).containsExactly("Round about the cauldron go", "psst");
        }
    }

    @Test
    void whenOneSessionLeavesTheOthersStillSeeTheOccupantUntilTheLastGoes() {
        f.createInstant("crone", "firstwitch");
        send(PDA, null);
        send(LAPTOP, null);
        f.router.clear();

        send(LAPTOP, Presence.Type.unavailable);
        assertThat(statuses(to(LAPTOP).getLast())).containsExactly("110");
        assertThat(f.presencesTo("crone")).noneMatch(p -> p.getType() == Presence.Type.unavailable);
        assertThat(f.rooms.get("coven").orElseThrow().byNick("thirdwitch")).isPresent();

        send(PDA, Presence.Type.unavailable);
        assertThat(f.presencesTo("crone").getLast().getType()).isEqualTo(Presence.Type.unavailable);
        assertThat(f.rooms.get("coven").orElseThrow().byNick("thirdwitch")).isEmpty();
    }

    @Test
    void aKickRemovesEverySessionOfTheNickAndTheOthersHearItOnce() {
        f.createInstant("crone", "firstwitch");
        send(PDA, null);
        send(LAPTOP, null);
        f.router.clear();

        assertThat(f.admin("crone", "nick", "thirdwitch", "role", "none").getType()).isEqualTo(IQ.Type.result);

        for (JID session : List.of(PDA, LAPTOP)) {
            Presence kicked = (Presence) to(session).stream().filter(p -> p instanceof Presence).reduce((a, b) -> b).orElseThrow();
            assertThat(kicked.getType()).isEqualTo(Presence.Type.unavailable);
            assertThat(statuses(kicked)).contains("110", "307");
        }
        assertThat(f.presencesTo("crone")).filteredOn(p -> statuses(p).contains("307")).hasSize(1);
        assertThat(f.rooms.get("coven").orElseThrow().occupants()).hasSize(1);
        assertThat(f.rooms.roomsOf(PDA)).isEmpty();
        assertThat(f.rooms.roomsOf(LAPTOP)).isEmpty();
    }

    @Test
    void aSecondSessionOfAUserAlreadyInAFullRoomTakesNoNewPlace() {
        f.createInstant("crone", "firstwitch");
        f.configure("crone", "muc#roomconfig_maxusers", "2");
        send(PDA, null);
        send(LAPTOP, null);
        assertThat(f.rooms.get("coven").orElseThrow().occupants()).hasSize(3);
    }
}
