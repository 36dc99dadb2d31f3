package org.parley.muc;

import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Presence;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.muc.MucFixture.errorCondition;
import static org.parley.muc.MucFixture.occupant;
import static org.parley.muc.MucFixture.statuses;
import static org.parley.muc.RoomArchiveFixture.forwarded;
import static org.parley.muc.RoomArchiveFixture.resultId;
import static org.parley.muc.RoomArchiveFixture.rsm;
import static org.parley.muc.RoomArchiveFixture.stanzaId;
import static org.parley.muc.RoomArchiveFixture.with;

/** The room archive (XEP-0313 on the room JID, §5.1.2) and room logging (XEP-0045 §7.2.12, §10.2.1), on H2. */
class MucRoomArchiveTest {
    private RoomArchiveFixture a = new RoomArchiveFixture();
    private MucFixture f = a.f;

    @AfterEach
    void close() {
        a.close();
    }

    private void coven() {
        f.createInstant("crone", "firstwitch");
        f.join("wiccarocks", "secondwitch");
        f.join("hag66", "thirdwitch");
    }

    @Test
    void everyReflectedCopyCarriesTheRoomsStanzaIdAndForgedOnesAreRemoved() {
        coven();
        f.router.clear();
        Message m = MucFixture.groupchat("hag66");
        m.setBody("Thrice the brinded cat hath mew'd.");
        m.getElement().addElement("stanza-id", "urn:xmpp:sid:0").addAttribute("by", MucFixture.ROOM.toBareJID())
                .addAttribute("id", "forged");
        f.muc.process(m);

        List<String> ids = new ArrayList<>();
        for (String user : List.of("crone", "wiccarocks", "hag66")) {
            Message copy = f.messagesTo(user).getLast();
            assertThat(copy.getElement().elements(org.dom4j.QName.get("stanza-id", "urn:xmpp:sid:0"))).hasSize(1);
            ids.add(stanzaId(copy));
        }
        assertThat(ids).doesNotContain("forged").containsOnly(ids.getFirst());
    }

    @Test
    void chatStatesAreNeitherArchivedNorReplayedAsHistory() {
        coven();
        f.router.clear();
        Message state = MucFixture.groupchat("hag66");
        state.getElement().addElement("composing", "http://jabber.org/protocol/chatstates");
        f.muc.process(state);

        assertThat(stanzaId(f.messagesTo("crone").getLast())).isNull();
        a.query("crone", q -> { });
        assertThat(a.results("crone")).isEmpty();
    }

    @Test
    void aQueryReturnsTheMessagesFromTheirOccupantJidsWithoutToAndAFin() {
        coven();
        f.say("crone", "When shall we three meet again");
        f.say("hag66", "In thunder, lightning, or in rain?");

        IQ fin = a.query("wiccarocks", q -> q.addAttribute("queryid", "f27"));

        assertThat(fin.getType()).isEqualTo(IQ.Type.result);
        assertThat(fin.getChildElement().attributeValue("complete")).isEqualTo("true");
        List<Message> results = a.results("wiccarocks");
        assertThat(results).extracting(r -> r.getFrom().toString()).containsOnly(MucFixture.ROOM.toBareJID());
        assertThat(results).extracting(r -> forwarded(r).attributeValue("from"))
                .containsExactly(occupant("firstwitch").toString(), occupant("thirdwitch").toString());
        assertThat(results).extracting(r -> forwarded(r).attributeValue("to")).containsOnlyNulls();
        assertThat(results).extracting(r -> r.getChildElement("result", RoomArchiveFixture.MAM).attributeValue("queryid"))
                .containsOnly("f27");
    }

    @Test
    void theArchiveIdIsTheStanzaIdTheOccupantsGot() {
        coven();
        f.say("hag66", "Fillet of a fenny snake");
        String seen = stanzaId(f.messagesTo("crone").getLast());

        a.query("crone", q -> { });

        assertThat(a.results("crone")).extracting(RoomArchiveFixture::resultId).containsExactly(seen);
    }

    @Test
    void fiveHundredMessagesPageForwardsAndBackwardsWithoutGapOrRepeat() {
        coven();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            f.say(i % 2 == 0 ? "hag66" : "wiccarocks", "line " + i);
            sent.add(stanzaId(f.messagesTo("crone").getLast()));
        }

        List<String> forwards = new ArrayList<>();
        String after = null;
        boolean complete = false;
        while (!complete) {
            String from = after;
            IQ fin = a.query("crone", q -> rsm(q, 37, from, null));
            a.results("crone").forEach(r -> forwards.add(resultId(r)));
            complete = "true".equals(fin.getChildElement().attributeValue("complete"));
            after = fin.getChildElement().element("set").elementText("last");
            assertThat(fin.getChildElement().element("set").elementText("count")).isEqualTo("500");
        }
        assertThat(forwards).containsExactlyElementsOf(sent);

        List<String> backwards = new ArrayList<>();
        String before = "";
        complete = false;
        while (!complete) {
            String until = before;
            IQ fin = a.query("crone", q -> rsm(q, 41, null, until));
            backwards.addAll(0, a.results("crone").stream().map(RoomArchiveFixture::resultId).toList());
            complete = "true".equals(fin.getChildElement().attributeValue("complete"));
            before = fin.getChildElement().element("set").elementText("first");
        }
        assertThat(backwards).containsExactlyElementsOf(sent);
        assertThat(new LinkedHashSet<>(backwards)).hasSize(500);
    }

    @Test
    void withAnOccupantJidSelectsWhatWasSentUnderThatNick() {
        coven();
        f.say("crone", "one");
        f.say("hag66", "two");
        f.say("crone", "three");

        a.query("wiccarocks", q -> with(q, occupant("firstwitch").toString()));

        assertThat(a.results("wiccarocks")).extracting(r -> forwarded(r).elementText("body")).containsExactly("one", "three");
        // RFC 8266 §2.4: nicks that differ only in case are one nick.
        a.query("wiccarocks", q -> with(q, occupant("FirstWitch").toString()));
        assertThat(a.results("wiccarocks")).hasSize(2);
    }

    @Test
    void realJidsGoOnlyToThoseWhoMaySeeThemInASemiAnonymousRoom() {
        coven();
        f.say("hag66", "By the pricking of my thumbs");

        a.query("crone", q -> { });
        Element item = forwarded(a.results("crone").getFirst()).element(org.dom4j.QName.get("x", MucNamespaces.USER)).element("item");
        assertThat(item.attributeValue("jid")).isEqualTo("hag66@localhost");

        a.query("wiccarocks", q -> { });
        assertThat(forwarded(a.results("wiccarocks").getFirst()).element(org.dom4j.QName.get("x", MucNamespaces.USER))).isNull();
        // XEP-0313 §4.1.1: 'with' a real JID "could not be used by a visitor to a semi-anonymous MUC".
        assertThat(errorCondition(a.query("wiccarocks", q -> with(q, "hag66@localhost")))).isEqualTo("forbidden");
        a.query("crone", q -> with(q, "hag66@localhost"));
        assertThat(a.results("crone")).hasSize(1);
    }

    @Test
    void aNonAnonymousRoomShowsRealJidsToEveryoneAndForgedMucUserItemsAreNotArchived() {
        coven();
        f.configure("crone", "muc#roomconfig_whois", "anyone");
        Message m = MucFixture.groupchat("hag66");
        m.setBody("Double, double toil and trouble");
        m.addChildElement("x", MucNamespaces.USER).addElement("item").addAttribute("jid", "macbeth@localhost");
        f.muc.process(m);

        a.query("wiccarocks", q -> { });

        Element x = forwarded(a.results("wiccarocks").getLast()).element(org.dom4j.QName.get("x", MucNamespaces.USER));
        assertThat(x.elements("item")).hasSize(1);
        assertThat(x.element("item").attributeValue("jid")).isEqualTo("hag66@localhost");
    }

    @Test
    void anOpenRoomsArchiveIsReadableByNonOccupantsButNotByOutcasts() {
        coven();
        f.say("crone", "Hover through the fog and filthy air");
        f.admin("crone", "jid", "troll@localhost", "affiliation", "outcast");

        IQ stranger = a.query("macbeth", q -> { });
        assertThat(stranger.getType()).isEqualTo(IQ.Type.result);
        assertThat(a.results("macbeth")).hasSize(1);
        assertThat(errorCondition(a.query("troll", q -> { }))).isEqualTo("forbidden");
    }

    @Test
    void aMembersOnlyRoomsArchiveIsReadableByItsMembersOnly() {
        coven();
        f.admin("crone", "jid", "hag66@localhost", "affiliation", "member");
        f.configure("crone", "muc#roomconfig_membersonly", "1");
        f.say("crone", "Fair is foul, and foul is fair");

        assertThat(errorCondition(a.query("macbeth", q -> { }))).isEqualTo("forbidden");
        assertThat(a.query("hag66", q -> { }).getType()).isEqualTo(IQ.Type.result);
        assertThat(a.results("hag66")).extracting(r -> forwarded(r).elementText("body")).contains("Fair is foul, and foul is fair");
    }

    @Test
    void anUnknownIdIsItemNotFoundAndTheFormIsOffered() {
        coven();
        f.say("crone", "one");
        assertThat(errorCondition(a.query("crone", q -> rsm(q, 10, "0000000000000000042", null)))).isEqualTo("item-not-found");

        IQ get = f.iq("crone", IQ.Type.get, RoomArchiveFixture.MAM);
        IQ form = f.ask(get);
        assertThat(form.getType()).isEqualTo(IQ.Type.result);
        assertThat(form.getChildElement().element("x").elements("field")).extracting(e -> e.attributeValue("var"))
                .contains("with", "start", "end", "after-id", "before-id", "ids");
    }

    @Test
    void afterIdBeforeIdIdsAndStartSelectFromTheRoomArchive() {
        coven();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            f.say("hag66", "m" + i);
            ids.add(stanzaId(f.messagesTo("crone").getLast()));
        }

        a.query("crone", q -> form(q, "after-id", ids.get(0), "before-id", ids.get(3)));
        assertThat(a.results("crone")).extracting(RoomArchiveFixture::resultId).containsExactly(ids.get(1), ids.get(2));
        a.query("crone", q -> form(q, "ids", ids.get(4)));
        assertThat(a.results("crone")).extracting(r -> forwarded(r).elementText("body")).containsExactly("m4");
        a.query("crone", q -> form(q, "start", "2000-01-01T00:00:00Z", "end", "2000-01-02T00:00:00Z"));
        assertThat(a.results("crone")).isEmpty();
        a.query("crone", q -> form(q, "start", "2000-01-01T00:00:00Z"));
        assertThat(a.results("crone")).hasSize(5);
    }

    @Test
    void aPasswordProtectedRoomsArchiveIsForItsOccupantsAndAffiliatedUsersAndMetadataShowsItsEdges() {
        coven();
        f.configure("crone", "muc#roomconfig_passwordprotectedroom", "1", "muc#roomconfig_roomsecret", "cauldronburn");
        f.say("hag66", "first");
        f.say("hag66", "last");

        assertThat(errorCondition(a.query("macbeth", q -> { }))).isEqualTo("forbidden");
        assertThat(a.query("hag66", q -> { }).getType()).isEqualTo(IQ.Type.result);
        List<String> ids = a.results("hag66").stream().map(RoomArchiveFixture::resultId).toList();
        IQ metadata = f.iq("hag66", IQ.Type.get, RoomArchiveFixture.MAM);
        metadata.setChildElement("metadata", RoomArchiveFixture.MAM);
        Element edges = f.ask(metadata).getChildElement();
        assertThat(edges.element("start").attributeValue("id")).isEqualTo(ids.getFirst());
        assertThat(edges.element("end").attributeValue("id")).isEqualTo(ids.getLast());
    }

    private static void form(Element query, String... varValue) {
        Element x = query.addElement("x", "jabber:x:data").addAttribute("type", "submit");
        for (int i = 0; i < varValue.length; i += 2) {
            x.addElement("field").addAttribute("var", varValue[i]).addElement("value").setText(varValue[i + 1]);
        }
    }

    @Test
    void enteringALoggedRoomGivesStatus170AndTurningLoggingOffAndOnGives171And170() {
        coven();
        assertThat(statuses(f.presencesTo("hag66").getLast())).contains("110", "170");

        f.router.clear();
        f.configure("crone", "muc#roomconfig_enablelogging", "0");
        Message notice = f.messagesTo("hag66").getLast();
        assertThat(statuses(notice)).containsExactly("104", "171");
        f.say("hag66", "not kept");
        assertThat(stanzaId(f.messagesTo("crone").getLast())).isNull();
        f.leave("wiccarocks", "secondwitch");
        f.join("wiccarocks", "secondwitch");
        assertThat(statuses(f.presencesTo("wiccarocks").stream().filter(p -> p.getFrom().equals(occupant("secondwitch")))
                .filter(p -> p.getType() == null).toList().getLast())).doesNotContain("170");
        assertThat(discoFeatures("crone")).doesNotContain("urn:xmpp:mam:2");

        f.router.clear();
        f.configure("crone", "muc#roomconfig_enablelogging", "1");
        assertThat(statuses(f.messagesTo("hag66").getLast())).containsExactly("104", "170");
        assertThat(discoFeatures("crone")).contains("urn:xmpp:mam:2", "urn:xmpp:mam:2#extended", "urn:xmpp:sid:0",
                "urn:xmpp:message-moderate:1", "urn:xmpp:message-retract:1", "urn:xmpp:message-retract:1#tombstone");
    }

    @Test
    void theConfigurationFormOffersEnableLoggingOnByDefault() {
        coven();
        IQ form = f.ask(f.iq("crone", IQ.Type.get, MucNamespaces.OWNER));
        Element field = form.getChildElement().element("x").elements("field").stream()
                .filter(e -> "muc#roomconfig_enablelogging".equals(e.attributeValue("var"))).findFirst().orElseThrow();
        assertThat(field.attributeValue("type")).isEqualTo("boolean");
        assertThat(field.elementText("value")).isEqualTo("1");
    }

    @Test
    void aPersistentRoomsHistorySurvivesARestartWithItsStanzaIds() {
        coven();
        f.configure("crone", "muc#roomconfig_persistentroom", "1");
        f.say("crone", "Round about the cauldron go");
        f.say("hag66", "In the poison'd entrails throw");
        String id = stanzaId(f.messagesTo("crone").getLast());

        a = a.restart();
        f = a.f;
        f.join("wiccarocks", "secondwitch");

        List<Message> history = f.messagesTo("wiccarocks").stream()
                .filter(m -> m.getChildElement("delay", MucNamespaces.DELAY) != null).toList();
        assertThat(history).extracting(Message::getBody)
                .containsExactly("Round about the cauldron go", "In the poison'd entrails throw");
        assertThat(stanzaId(history.getLast())).isEqualTo(id);
        assertThat(history.getLast().getFrom()).isEqualTo(occupant("thirdwitch"));
    }

    @Test
    void aTemporaryRoomsArchiveGoesWithTheRoom() {
        coven();
        f.say("crone", "gone with the room");
        f.leave("crone", "firstwitch");
        f.leave("wiccarocks", "secondwitch");
        f.leave("hag66", "thirdwitch");

        f.createInstant("crone", "firstwitch");
        a.query("crone", q -> { });
        assertThat(a.results("crone")).isEmpty();
    }

    private List<String> discoFeatures(String user) {
        IQ info = f.ask(f.iq(user, IQ.Type.get, MucDisco.DISCO_INFO));
        return info.getChildElement().elements("feature").stream().map(e -> e.attributeValue("var")).toList();
    }
}
