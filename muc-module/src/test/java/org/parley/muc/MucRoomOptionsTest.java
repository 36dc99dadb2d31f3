package org.parley.muc;

import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.muc.MucFixture.errorCondition;
import static org.parley.muc.MucFixture.item;
import static org.parley.muc.MucFixture.occupant;

/**
 * The {@code muc#roomconfig} options beyond entry and moderation (XEP-0045 §10.2, §15.5.3): who may send private
 * messages ({@code allowpm}), who may invite into a members-only room ({@code allowinvites}), the owner and admin lists
 * in the form ({@code roomowners}, {@code roomadmins}), and XEP-0421 occupant ids that survive a restart.
 */
class MucRoomOptionsTest {
    private final MucLifecycleTest.MemoryStore store = new MucLifecycleTest.MemoryStore();
    private final MucFixture f = new MucFixture(new MucSettings(MucFixture.SERVICE, 3, 100, 50), store);

    private Message privateMessage(String from, String toNick) {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setFrom(MucFixture.user(from));
        m.setTo(occupant(toNick));
        m.setBody("psst");
        f.router.clear();
        f.muc.process(m);
        return m;
    }

    private void invite(String from, String invitee) {
        Message invite = new Message();
        invite.setFrom(MucFixture.user(from));
        invite.setTo(MucFixture.ROOM);
        invite.addChildElement("x", MucNamespaces.USER).addElement("invite").addAttribute("to", invitee);
        f.router.clear();
        f.muc.process(invite);
    }

    /** Submits the owner form with the owner and admin lists (jid-multi, several values each). */
    private IQ submitLists(List<String> owners, List<String> admins) {
        IQ iq = f.iq("crone", IQ.Type.set, MucNamespaces.OWNER);
        Element x = iq.getChildElement().addElement("x", "jabber:x:data").addAttribute("type", "submit");
        if (owners != null) {
            Element field = x.addElement("field").addAttribute("var", "muc#roomconfig_roomowners");
            owners.forEach(o -> field.addElement("value").setText(o));
        }
        if (admins != null) {
            Element field = x.addElement("field").addAttribute("var", "muc#roomconfig_roomadmins");
            admins.forEach(a -> field.addElement("value").setText(a));
        }
        return f.ask(iq);
    }

    private static List<String> values(IQ form, String var) {
        Element x = form.getChildElement().element(org.dom4j.QName.get("x", "jabber:x:data"));
        return x.elements("field").stream().filter(e -> var.equals(e.attributeValue("var"))).findFirst().orElseThrow()
                .elements("value").stream().map(Element::getText).toList();
    }

    @Test
    void privateMessagesFollowAllowpmAndARefusedSenderGetsForbidden() {
        f.createInstant("crone", "firstwitch");
        f.join("hag66", "thirdwitch");

        privateMessage("hag66", "firstwitch");
        assertThat(f.messagesTo("crone")).as("anyone may by default").hasSize(1);

        assertThat(f.configure("crone", "muc#roomconfig_allowpm", "moderators").getType()).isEqualTo(IQ.Type.result);
        privateMessage("hag66", "firstwitch");
        assertThat(f.messagesTo("crone")).isEmpty();
        assertThat(errorCondition(f.messagesTo("hag66").getLast())).isEqualTo("forbidden");

        privateMessage("crone", "thirdwitch");
        assertThat(f.messagesTo("hag66")).as("a moderator still may").hasSize(1);

        f.configure("crone", "muc#roomconfig_allowpm", "none");
        privateMessage("crone", "thirdwitch");
        assertThat(errorCondition(f.messagesTo("crone").getLast())).isEqualTo("forbidden");
        assertThat(f.messagesTo("hag66")).isEmpty();
    }

    @Test
    void anUnknownAllowpmValueIsABadRequestAndChangesNothing() {
        f.createInstant("crone", "firstwitch");
        assertThat(errorCondition(f.configure("crone", "muc#roomconfig_allowpm", "everybody"))).isEqualTo("bad-request");
        assertThat(f.rooms.get("coven").orElseThrow().config().allowPm()).isEqualTo(PrivateMessages.ANYONE);
    }

    @Test
    void inAMembersOnlyRoomAMemberInvitesOnlyWhenAllowinvitesAndTheInviteeBecomesAMember() {
        f.createInstant("crone", "firstwitch");
        f.configure("crone", "muc#roomconfig_membersonly", "1");
        f.admin("crone", "jid", "hag66@localhost", "affiliation", "member");
        f.join("hag66", "thirdwitch");

        invite("hag66", "hecate@localhost");
        assertThat(errorCondition(f.messagesTo("hag66").getLast())).isEqualTo("forbidden");
        assertThat(f.messagesTo("hecate@localhost")).isEmpty();

        f.configure("crone", "muc#roomconfig_allowinvites", "1");
        invite("hag66", "hecate@localhost");
        assertThat(f.messagesTo("hecate@localhost")).hasSize(1);
        Room room = f.rooms.get("coven").orElseThrow();
        assertThat(room.affiliation(new JID("hecate@localhost"))).isEqualTo(Affiliation.MEMBER);
        assertThat(store.rooms.get("coven")).as("not persistent: not stored").isNull();
    }

    @Test
    void anInvitationBeyondTheMemberCapIsNotAllowedAndNotSent() {
        f.createInstant("crone", "firstwitch");
        f.configure("crone", "muc#roomconfig_membersonly", "1");
        f.admin("crone", "jid", "hag66@localhost", "affiliation", "member");
        f.admin("crone", "jid", "wiccarocks@localhost", "affiliation", "member"); // 3 of 3

        invite("crone", "hecate@localhost");
        assertThat(errorCondition(f.messagesTo("crone").getLast())).isEqualTo("not-allowed");
        assertThat(f.messagesTo("hecate@localhost")).isEmpty();
        assertThat(f.rooms.get("coven").orElseThrow().affiliation(new JID("hecate@localhost"))).isEqualTo(Affiliation.NONE);
    }

    @Test
    void theFormListsOwnersAndAdminsAndASubmittedListChangesAffiliationsAndTellsOccupants() {
        f.createInstant("crone", "firstwitch");
        f.admin("crone", "jid", "wiccarocks@localhost", "affiliation", "admin");
        f.join("hag66", "thirdwitch");

        IQ form = f.ask(f.iq("crone", IQ.Type.get, MucNamespaces.OWNER));
        assertThat(values(form, "muc#roomconfig_roomowners")).containsExactly("crone@localhost");
        assertThat(values(form, "muc#roomconfig_roomadmins")).containsExactly("wiccarocks@localhost");

        assertThat(submitLists(List.of("crone@localhost", "hag66@localhost"), List.of()).getType()).isEqualTo(IQ.Type.result);

        Room room = f.rooms.get("coven").orElseThrow();
        assertThat(room.affiliation(new JID("hag66@localhost"))).isEqualTo(Affiliation.OWNER);
        assertThat(room.affiliation(new JID("wiccarocks@localhost"))).isEqualTo(Affiliation.NONE);
        // §10.6: the new owner's presence shows the affiliation and the moderator role to everyone.
        Element item = item(f.presencesTo("crone").getLast());
        assertThat(item.attributeValue("affiliation")).isEqualTo("owner");
        assertThat(item.attributeValue("role")).isEqualTo("moderator");
    }

    @Test
    void anEmptyOwnerListIsAConflictAJidInBothListsABadRequestAndNeitherChangesAnything() {
        f.createInstant("crone", "firstwitch");
        assertThat(errorCondition(submitLists(List.of(), null))).isEqualTo("conflict");
        assertThat(errorCondition(submitLists(List.of("crone@localhost"), List.of("crone@localhost")))).isEqualTo("bad-request");
        assertThat(errorCondition(submitLists(List.of("crone@localhost", "not a jid@@"), null))).isEqualTo("jid-malformed");
        assertThat(f.rooms.get("coven").orElseThrow().affiliations()).containsOnlyKeys(new JID("crone@localhost"));
    }

    @Test
    void listsThatWouldPassTheMemberCapAreNotAllowedWhileSwappingAnAdminAtTheCapIsFine() {
        f.createInstant("crone", "firstwitch");
        f.admin("crone", "jid", "hag66@localhost", "affiliation", "admin");
        f.admin("crone", "jid", "wiccarocks@localhost", "affiliation", "member"); // 3 of 3

        assertThat(errorCondition(submitLists(null, List.of("hag66@localhost", "hecate@localhost")))).isEqualTo("not-allowed");
        assertThat(submitLists(null, List.of("hecate@localhost")).getType()).isEqualTo(IQ.Type.result);
        Room room = f.rooms.get("coven").orElseThrow();
        assertThat(room.affiliation(new JID("hecate@localhost"))).isEqualTo(Affiliation.ADMIN);
        assertThat(room.affiliation(new JID("hag66@localhost"))).isEqualTo(Affiliation.NONE);
    }

    private IQ memberList(String asker, String affiliation) {
        IQ get = f.iq(asker, IQ.Type.get, MucNamespaces.ADMIN);
        get.getChildElement().addElement("item").addAttribute("affiliation", affiliation);
        return f.ask(get);
    }

    @Test
    void inANonAnonymousRoomOccupantsGetTheMemberListAsGetmemberlistAllowsButNeverTheOutcastList() {
        f.createInstant("crone", "firstwitch");
        f.configure("crone", "muc#roomconfig_whois", "anyone");
        f.admin("crone", "jid", "hag66@localhost", "affiliation", "member");
        f.join("hag66", "thirdwitch");

        IQ members = memberList("hag66", "member");
        assertThat(members.getType()).isEqualTo(IQ.Type.result);
        assertThat(members.getChildElement().elements("item")).extracting(e -> e.attributeValue("jid"))
                .containsExactly("hag66@localhost");
        assertThat(memberList("hag66", "owner").getType()).isEqualTo(IQ.Type.result);
        assertThat(errorCondition(memberList("hag66", "outcast"))).isEqualTo("forbidden");
        assertThat(errorCondition(memberList("wiccarocks", "member"))).as("not an occupant").isEqualTo("forbidden");

        IQ form = f.ask(f.iq("crone", IQ.Type.get, MucNamespaces.OWNER));
        assertThat(values(form, "muc#roomconfig_getmemberlist")).containsExactly("moderator", "participant", "visitor");
        IQ onlyModerators = f.iq("crone", IQ.Type.set, MucNamespaces.OWNER);
        onlyModerators.getChildElement().addElement("x", "jabber:x:data").addAttribute("type", "submit")
                .addElement("field").addAttribute("var", "muc#roomconfig_getmemberlist").addElement("value").setText("moderator");
        assertThat(f.ask(onlyModerators).getType()).isEqualTo(IQ.Type.result);
        assertThat(errorCondition(memberList("hag66", "member"))).isEqualTo("forbidden");
    }

    @Test
    void inASemiAnonymousRoomOnlyModeratorsAdminsAndOwnersSeeTheMemberListsRealJids() {
        f.createInstant("crone", "firstwitch");
        f.admin("crone", "jid", "hag66@localhost", "affiliation", "member");
        f.join("hag66", "thirdwitch");
        assertThat(errorCondition(memberList("hag66", "member"))).isEqualTo("forbidden");
        assertThat(memberList("crone", "member").getType()).isEqualTo(IQ.Type.result);
    }

    @Test
    void occupantIdsOfAPersistentRoomAreTheSameAfterARestart() {
        f.createInstant("crone", "firstwitch");
        f.configure("crone", "muc#roomconfig_persistentroom", "1", "muc#roomconfig_allowpm", "participants",
                "muc#roomconfig_allowinvites", "1");
        String before = f.rooms.get("coven").orElseThrow().occupantIds().of(MucFixture.ROOM, MucFixture.user("hag66"));

        Rooms later = new Rooms(f.settings, store);
        later.load();
        Room room = later.get("coven").orElseThrow();
        assertThat(room.occupantIds().of(MucFixture.ROOM, MucFixture.user("hag66"))).isEqualTo(before);
        assertThat(room.config().allowPm()).isEqualTo(PrivateMessages.PARTICIPANTS);
        assertThat(room.config().allowInvites()).isTrue();
    }
}
