package org.parley.muc;

import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.muc.MucFixture.errorCondition;

/** XEP-0045 §7.10 registering with a room, §7.12 the reserved nick, §7.2.9 reserved nicks, and the member cap. */
class MucRegistrationTest {
    private final MucFixture f = new MucFixture();

    private IQ register(String user, String nick) {
        IQ iq = f.iq(user, IQ.Type.set, RoomRegistrationHandler.REGISTER);
        Element x = iq.getChildElement().addElement("x", "jabber:x:data").addAttribute("type", "submit");
        x.addElement("field").addAttribute("var", "FORM_TYPE").addElement("value").setText(RoomRegistrationHandler.FORM_TYPE);
        if (nick != null) x.addElement("field").addAttribute("var", RoomRegistrationHandler.NICK_FIELD).addElement("value").setText(nick);
        return f.ask(iq);
    }

    @Test
    void registeringMakesAMemberAndReservesTheNickAgainstOthers() {
        f.createInstant("crone", "firstwitch");
        assertThat(f.ask(f.iq("hag66", IQ.Type.get, RoomRegistrationHandler.REGISTER)).toXML()).contains(RoomRegistrationHandler.NICK_FIELD);

        assertThat(register("hag66", "thirdwitch").getType()).isEqualTo(IQ.Type.result);
        Room room = f.rooms.get("coven").orElseThrow();
        assertThat(room.affiliation(new JID("hag66@localhost"))).isEqualTo(Affiliation.MEMBER);

        IQ asked = f.ask(f.iq("hag66", IQ.Type.get, RoomRegistrationHandler.REGISTER));
        assertThat(asked.getChildElement().element("registered")).isNotNull();
        assertThat(asked.getChildElement().elementText("username")).isEqualTo("thirdwitch");
        IQ node = f.iq("hag66", IQ.Type.get, MucDisco.DISCO_INFO);
        node.getChildElement().addAttribute("node", MucDisco.RESERVED_NICK_NODE);
        assertThat(f.ask(node).getChildElement().element("identity").attributeValue("name")).isEqualTo("thirdwitch");

        f.join("wiccarocks", "thirdwitch");
        assertThat(errorCondition(f.presencesTo("wiccarocks").getLast())).isEqualTo("conflict");
        assertThat(errorCondition(register("wiccarocks", "thirdwitch"))).isEqualTo("conflict");
        f.join("hag66", "thirdwitch");
        assertThat(MucFixture.statuses(f.presencesTo("hag66").getLast())).contains("110");
    }

    @Test
    void aRegistrationWithoutANickIsABadRequestAndAnOutcastMayNotRegister() {
        f.createInstant("crone", "firstwitch");
        assertThat(errorCondition(register("hag66", null))).isEqualTo("bad-request");
        f.admin("crone", "jid", "troll@localhost", "affiliation", "outcast");
        assertThat(errorCondition(register("troll", "troll"))).isEqualTo("forbidden");
    }

    @Test
    void inAMembersOnlyRoomOnlyMembersRegisterANick() {
        f.createInstant("crone", "firstwitch");
        f.configure("crone", "muc#roomconfig_membersonly", "1");
        assertThat(errorCondition(register("hag66", "thirdwitch"))).isEqualTo("not-allowed");
        f.admin("crone", "jid", "hag66@localhost", "affiliation", "member");
        assertThat(register("hag66", "thirdwitch").getType()).isEqualTo(IQ.Type.result);
    }

    @Test
    void theHundredAndFirstRegistrationIsRefusedWithNotAllowed() {
        f.createInstant("crone", "firstwitch");
        for (int i = 2; i <= 100; i++) assertThat(register("witch" + i, "nick" + i).getType()).isEqualTo(IQ.Type.result);
        IQ refused = register("witch101", "nick101");
        assertThat(errorCondition(refused)).isEqualTo("not-allowed");
        assertThat(f.rooms.get("coven").orElseThrow().memberCount()).isEqualTo(100);
    }

    @Test
    void cancellingARegistrationReleasesTheNickAndTheMembership() {
        f.createInstant("crone", "firstwitch");
        register("hag66", "thirdwitch");
        IQ remove = f.iq("hag66", IQ.Type.set, RoomRegistrationHandler.REGISTER);
        remove.getChildElement().addElement("remove");
        assertThat(f.ask(remove).getType()).isEqualTo(IQ.Type.result);

        Room room = f.rooms.get("coven").orElseThrow();
        assertThat(room.affiliation(new JID("hag66@localhost"))).isEqualTo(Affiliation.NONE);
        assertThat(room.reservedBy("thirdwitch")).isEmpty();
    }

    @Test
    void aRevokedMembershipReleasesTheReservedNick() {
        f.createInstant("crone", "firstwitch");
        register("hag66", "thirdwitch");
        f.admin("crone", "jid", "hag66@localhost", "affiliation", "none");
        assertThat(f.rooms.get("coven").orElseThrow().reservedBy("thirdwitch")).isEmpty();
    }
}
