package org.parley.muc;

import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Presence;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.muc.MucFixture.errorCondition;
import static org.parley.muc.MucFixture.item;
import static org.parley.muc.MucFixture.occupant;
import static org.parley.muc.MucFixture.statuses;

/**
 * XEP-0045 §7.2 entry refusals, §8 moderator, §9 admin and §10 owner use cases, and the member cap: who may do what,
 * and the error each refusal carries.
 */
class MucAdministrationTest {
    private final MucFixture f = new MucFixture();

    @Test
    void aMembersOnlyRoomRefusesNonMembersWithRegistrationRequiredAndAdmitsMembers() {
        f.createInstant("crone", "firstwitch");
        assertThat(f.configure("crone", "muc#roomconfig_membersonly", "1").getType()).isEqualTo(IQ.Type.result);

        f.join("hag66", "thirdwitch");
        assertThat(errorCondition(f.presencesTo("hag66").getLast())).isEqualTo("registration-required");

        assertThat(f.admin("crone", "jid", "hag66@localhost", "affiliation", "member").getType()).isEqualTo(IQ.Type.result);
        f.join("hag66", "thirdwitch");
        assertThat(statuses(f.presencesTo("hag66").getLast())).contains("110");
    }

    @Test
    void aPasswordProtectedRoomRefusesAWrongPasswordWithNotAuthorized() {
        f.createInstant("crone", "firstwitch");
        f.configure("crone", "muc#roomconfig_passwordprotectedroom", "1", "muc#roomconfig_roomsecret", "cauldronburn");

        f.join("hag66", "thirdwitch", "toil");
        Presence error = f.presencesTo("hag66").getLast();
        assertThat(errorCondition(error)).isEqualTo("not-authorized");
        assertThat(error.toXML()).doesNotContain("toil");

        f.join("hag66", "thirdwitch", "cauldronburn");
        assertThat(statuses(f.presencesTo("hag66").getLast())).contains("110");
    }

    @Test
    void aPasswordProtectedRoomWithoutAPasswordIsNotAcceptable() {
        f.createInstant("crone", "firstwitch");
        assertThat(errorCondition(f.configure("crone", "muc#roomconfig_passwordprotectedroom", "1")))
                .isEqualTo("not-acceptable");
    }

    @Test
    void aFullRoomRefusesWithServiceUnavailableButAdminsStillEnter() {
        f.createInstant("crone", "firstwitch");
        f.configure("crone", "muc#roomconfig_maxusers", "2");
        f.admin("crone", "jid", "boss@localhost", "affiliation", "admin");
        f.join("wiccarocks", "secondwitch");

        f.join("hag66", "thirdwitch");
        assertThat(errorCondition(f.presencesTo("hag66").getLast())).isEqualTo("service-unavailable");

        f.join("boss", "hecate");
        assertThat(statuses(f.presencesTo("boss").getLast())).contains("110");
        assertThat(f.rooms.get("coven").orElseThrow().occupantCount()).isEqualTo(3);
    }

    @Test
    void anOwnerMayOnlyLowerTheOccupantCapNeverRaiseItAboveTheService() {
        f.createInstant("crone", "firstwitch");
        assertThat(errorCondition(f.configure("crone", "muc#roomconfig_maxusers", "101"))).isEqualTo("not-acceptable");
        assertThat(f.configure("crone", "muc#roomconfig_maxusers", "50").getType()).isEqualTo(IQ.Type.result);
        assertThat(f.rooms.get("coven").orElseThrow().config().maxUsers()).isEqualTo(50);
    }

    @Test
    void aModeratorKicksAParticipantWith307AndEveryoneIsTold() {
        f.createInstant("crone", "firstwitch");
        f.join("hag66", "thirdwitch");
        f.join("wiccarocks", "secondwitch");
        f.router.clear();

        IQ kick = f.iq("crone", IQ.Type.set, MucNamespaces.ADMIN);
        kick.getChildElement().addElement("item").addAttribute("nick", "thirdwitch").addAttribute("role", "none")
                .addElement("reason").setText("Avaunt, you cullion!");
        assertThat(f.ask(kick).getType()).isEqualTo(IQ.Type.result);

        Presence kicked = f.presencesTo("hag66").getLast();
        assertThat(kicked.getType()).isEqualTo(Presence.Type.unavailable);
        assertThat(statuses(kicked)).containsExactly("110", "307");
        assertThat(item(kicked).element("actor").attributeValue("nick")).isEqualTo("firstwitch");
        assertThat(item(kicked).elementText("reason")).isEqualTo("Avaunt, you cullion!");
        assertThat(statuses(f.presencesTo("wiccarocks").getLast())).containsExactly("307");
        assertThat(f.rooms.get("coven").orElseThrow().byNick("thirdwitch")).isEmpty();
    }

    @Test
    void aParticipantMayNotKickAndAModeratorMayNotKickAnAdmin() {
        f.createInstant("crone", "firstwitch");
        f.admin("crone", "jid", "boss@localhost", "affiliation", "admin");
        f.join("boss", "hecate");
        f.join("hag66", "thirdwitch");
        f.join("wiccarocks", "secondwitch");

        assertThat(errorCondition(f.admin("hag66", "nick", "secondwitch", "role", "none"))).isEqualTo("forbidden");
        // A participant made moderator by an admin still cannot kick the admin.
        assertThat(f.admin("boss", "nick", "thirdwitch", "role", "moderator").getType()).isEqualTo(IQ.Type.result);
        assertThat(errorCondition(f.admin("hag66", "nick", "hecate", "role", "none"))).isEqualTo("not-allowed");
    }

    @Test
    void anAdminMayNotRevokeModeratorStatusFromAnOwner() {
        f.createInstant("crone", "firstwitch");
        f.admin("crone", "jid", "boss@localhost", "affiliation", "admin");
        f.join("boss", "hecate");

        assertThat(errorCondition(f.admin("boss", "nick", "firstwitch", "role", "participant"))).isEqualTo("not-allowed");
        assertThat(f.admin("crone", "nick", "hecate", "role", "participant").getType()).isEqualTo(IQ.Type.result);
    }

    @Test
    void anOwnerBansWith301AndTheOutcastCannotReturn() {
        f.createInstant("crone", "firstwitch");
        f.join("hag66", "thirdwitch");
        f.router.clear();

        assertThat(f.admin("crone", "jid", "hag66@localhost", "affiliation", "outcast").getType()).isEqualTo(IQ.Type.result);
        Presence banned = f.presencesTo("hag66").getLast();
        assertThat(statuses(banned)).containsExactly("110", "301");
        assertThat(item(banned).attributeValue("affiliation")).isEqualTo("outcast");

        f.join("hag66", "thirdwitch");
        assertThat(errorCondition(f.presencesTo("hag66").getLast())).isEqualTo("forbidden");
    }

    @Test
    void voiceIsRevokedAndGrantedInAModeratedRoom() {
        f.createInstant("crone", "firstwitch");
        f.configure("crone", "muc#roomconfig_moderatedroom", "1");
        f.join("hag66", "thirdwitch");
        assertThat(item(f.presencesTo("hag66").getLast()).attributeValue("role")).isEqualTo("visitor");

        f.say("hag66", "may I?");
        assertThat(errorCondition(f.messagesTo("hag66").getLast())).isEqualTo("forbidden");

        f.admin("crone", "nick", "thirdwitch", "role", "participant");
        f.router.clear();
        f.say("hag66", "thank you");
        assertThat(f.messagesTo("crone").getLast().getBody()).isEqualTo("thank you");
    }

    @Test
    void aVisitorsVoiceRequestReachesTheModeratorsAndTheirApprovalGrantsVoice() {
        f.createInstant("crone", "firstwitch");
        f.configure("crone", "muc#roomconfig_moderatedroom", "1");
        f.join("hag66", "thirdwitch");
        f.router.clear();

        org.xmpp.packet.Message request = new org.xmpp.packet.Message();
        request.setFrom(MucFixture.user("hag66"));
        request.setTo(MucFixture.ROOM);
        Element x = request.addChildElement("x", "jabber:x:data").addAttribute("type", "submit");
        x.addElement("field").addAttribute("var", "FORM_TYPE").addElement("value").setText(VoiceRequests.FORM_TYPE);
        x.addElement("field").addAttribute("var", "muc#role").addElement("value").setText("participant");
        f.muc.process(request);

        org.xmpp.packet.Message toModerator = f.messagesTo("crone").getLast();
        assertThat(toModerator.toXML()).contains("muc#request_allow").contains("thirdwitch");

        org.xmpp.packet.Message approval = toModerator.createCopy();
        approval.setFrom(MucFixture.user("crone"));
        approval.setTo(MucFixture.ROOM);
        Element form = approval.getElement().element(org.dom4j.QName.get("x", "jabber:x:data")).addAttribute("type", "submit");
        for (Element field : form.elements("field")) {
            if ("muc#request_allow".equals(field.attributeValue("var"))) field.element("value").setText("true");
        }
        f.muc.process(approval);
        assertThat(f.rooms.get("coven").orElseThrow().byNick("thirdwitch").orElseThrow().role()).isEqualTo(Role.PARTICIPANT);
        assertThat(item(f.presencesTo("hag66").getLast()).attributeValue("role")).isEqualTo("participant");
    }

    @Test
    void theAffiliationMatrixAdminsManageMembersOnlyOwnersManageAdmins() {
        f.createInstant("crone", "firstwitch");
        f.admin("crone", "jid", "boss@localhost", "affiliation", "admin");
        f.admin("crone", "jid", "other@localhost", "affiliation", "admin");

        assertThat(f.admin("boss", "jid", "hag66@localhost", "affiliation", "member").getType()).isEqualTo(IQ.Type.result);
        assertThat(errorCondition(f.admin("boss", "jid", "hag66@localhost", "affiliation", "admin"))).isEqualTo("forbidden");
        assertThat(errorCondition(f.admin("boss", "jid", "crone@localhost", "affiliation", "outcast"))).isEqualTo("not-allowed");
        assertThat(errorCondition(f.admin("boss", "jid", "other@localhost", "affiliation", "none"))).isEqualTo("not-allowed");
        assertThat(errorCondition(f.admin("hag66", "jid", "wiccarocks@localhost", "affiliation", "member"))).isEqualTo("forbidden");
        // §10.6: the only owner may not give up ownership.
        assertThat(errorCondition(f.admin("crone", "jid", "crone@localhost", "affiliation", "admin"))).isEqualTo("conflict");
    }

    @Test
    void affiliationListsAreForAdminsAndOwners() {
        f.createInstant("crone", "firstwitch");
        f.admin("crone", "jid", "hag66@localhost", "affiliation", "member");
        IQ get = f.iq("crone", IQ.Type.get, MucNamespaces.ADMIN);
        get.getChildElement().addElement("item").addAttribute("affiliation", "member");
        List<Element> items = f.ask(get).getChildElement().elements("item");
        assertThat(items).extracting(i -> i.attributeValue("jid")).containsExactly("hag66@localhost");

        IQ byMember = f.iq("hag66", IQ.Type.get, MucNamespaces.ADMIN);
        byMember.getChildElement().addElement("item").addAttribute("affiliation", "member");
        assertThat(errorCondition(f.ask(byMember))).isEqualTo("forbidden");
    }

    @Test
    void theMemberCapAdmitsExactly100MembersAndRefusesThe101stWithNotAllowed() {
        f.createInstant("crone", "firstwitch"); // the owner is member 1
        for (int i = 2; i <= 100; i++) {
            assertThat(f.admin("crone", "jid", "witch" + i + "@localhost", "affiliation", "member").getType())
                    .as("member %d", i).isEqualTo(IQ.Type.result);
        }
        Room room = f.rooms.get("coven").orElseThrow();
        assertThat(room.memberCount()).isEqualTo(100);

        IQ refused = f.admin("crone", "jid", "witch101@localhost", "affiliation", "member");
        assertThat(errorCondition(refused)).isEqualTo("not-allowed");
        assertThat(refused.getError().getText()).contains("100 members");
        assertThat(room.memberCount()).isEqualTo(100);
        // An existing member may still be promoted, and an outcast costs no place.
        assertThat(f.admin("crone", "jid", "witch2@localhost", "affiliation", "admin").getType()).isEqualTo(IQ.Type.result);
        assertThat(f.admin("crone", "jid", "troll@localhost", "affiliation", "outcast").getType()).isEqualTo(IQ.Type.result);

        IQ info = f.ask(f.iq("crone", IQ.Type.get, MucDisco.DISCO_INFO));
        assertThat(info.toXML()).contains("parley#roominfo_maxmembers").contains("<value>100</value>");
    }

    @Test
    void anOwnerMayLowerTheMemberCapButNotBelowTheCurrentMembersNorAboveTheService() {
        f.createInstant("crone", "firstwitch");
        f.admin("crone", "jid", "hag66@localhost", "affiliation", "member");
        assertThat(errorCondition(f.configure("crone", RoomConfigForm.MAX_MEMBERS, "101"))).isEqualTo("not-acceptable");
        assertThat(errorCondition(f.configure("crone", RoomConfigForm.MAX_MEMBERS, "1"))).isEqualTo("not-acceptable");
        assertThat(f.configure("crone", RoomConfigForm.MAX_MEMBERS, "2").getType()).isEqualTo(IQ.Type.result);
        assertThat(errorCondition(f.admin("crone", "jid", "wiccarocks@localhost", "affiliation", "member"))).isEqualTo("not-allowed");
    }

    @Test
    void onlyOwnersConfigureAndDestroyingSendsTheAlternateVenue() {
        f.createInstant("crone", "firstwitch");
        f.join("hag66", "thirdwitch");
        assertThat(errorCondition(f.ask(f.iq("hag66", IQ.Type.get, MucNamespaces.OWNER)))).isEqualTo("forbidden");
        assertThat(f.ask(f.iq("crone", IQ.Type.get, MucNamespaces.OWNER)).toXML()).contains("muc#roomconfig_maxusers");

        IQ destroy = f.iq("crone", IQ.Type.set, MucNamespaces.OWNER);
        Element d = destroy.getChildElement().addElement("destroy").addAttribute("jid", "heath@" + MucFixture.SERVICE);
        d.addElement("reason").setText("Macbeth doth come.");
        assertThat(f.ask(destroy).getType()).isEqualTo(IQ.Type.result);

        Presence gone = f.presencesTo("hag66").getLast();
        Element destroyed = gone.getChildElement("x", MucNamespaces.USER).element("destroy");
        assertThat(destroyed.attributeValue("jid")).isEqualTo("heath@" + MucFixture.SERVICE);
        assertThat(destroyed.elementText("reason")).isEqualTo("Macbeth doth come.");
        assertThat(f.rooms.get("coven")).isEmpty();
    }

    @Test
    void aServiceAdministratorCountsAsOwnerOfEveryRoomAndMayDestroyIt() {
        MucFixture withAdmin = new MucFixture(new MucSettings(MucFixture.SERVICE, 100, 100, 50,
                java.util.Set.of(new org.xmpp.packet.JID("admin@localhost"))), RoomStore.NONE);
        withAdmin.createInstant("crone", "firstwitch");
        withAdmin.configure("crone", "muc#roomconfig_membersonly", "1");

        withAdmin.join("admin", "operator");
        assertThat(item(withAdmin.presencesTo("admin").getLast()).attributeValue("affiliation")).isEqualTo("owner");
        IQ destroy = withAdmin.iq("admin", IQ.Type.set, MucNamespaces.OWNER);
        destroy.getChildElement().addElement("destroy").addElement("reason").setText("spam");
        assertThat(withAdmin.ask(destroy).getType()).isEqualTo(IQ.Type.result);
        assertThat(withAdmin.rooms.get("coven")).isEmpty();
    }

    @Test
    void theServiceIsAConferenceServiceAndListsOnlyPublicUnlockedRooms() {
        f.createInstant("crone", "firstwitch");
        IQ info = new IQ(IQ.Type.get, "d1");
        info.setFrom(MucFixture.user("crone"));
        info.setTo(MucFixture.SERVICE);
        info.setChildElement("query", MucDisco.DISCO_INFO);
        assertThat(f.ask(info).toXML()).contains("category=\"conference\"").contains(MucNamespaces.MUC);

        f.join("hag66", "x"); // hag66 creates a second, still locked room? no: joins coven
        IQ items = new IQ(IQ.Type.get, "d2");
        items.setFrom(MucFixture.user("crone"));
        items.setTo(MucFixture.SERVICE);
        items.setChildElement("query", MucDisco.DISCO_ITEMS);
        assertThat(f.ask(items).getChildElement().elements("item")).extracting(i -> i.attributeValue("jid"))
                .containsExactly(MucFixture.ROOM.toBareJID());

        f.configure("crone", "muc#roomconfig_publicroom", "0");
        assertThat(f.ask(items).getChildElement().elements("item")).isEmpty();
    }
}
