package org.parley.muc;

import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Presence;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.muc.MucFixture.errorCondition;
import static org.parley.muc.MucFixture.item;
import static org.parley.muc.MucFixture.occupant;
import static org.parley.muc.MucFixture.statuses;

/** XEP-0045 §7 (occupant use cases) and §10.1 (creation) as conversations between the spec's witches. */
class MucEnterAndTalkTest {
    private final MucFixture f = new MucFixture();

    @Test
    void firstOccupantCreatesALockedRoomAndBecomesItsOwnerWithStatus201() {
        f.join("crone", "firstwitch");

        Presence self = f.presencesTo("crone").getLast();
        assertThat(self.getFrom()).isEqualTo(occupant("firstwitch"));
        assertThat(self.getID()).isEqualTo("join-crone");
        assertThat(statuses(self)).contains("110", "201");
        assertThat(item(self).attributeValue("affiliation")).isEqualTo("owner");
        assertThat(item(self).attributeValue("role")).isEqualTo("moderator");
        assertThat(f.rooms.get("coven").orElseThrow().locked()).isTrue();
    }

    @Test
    void aLockedRoomRefusesOthersWithItemNotFoundUntilTheOwnerAcceptsTheInstantRoom() {
        f.join("crone", "firstwitch");
        f.join("wiccarocks", "secondwitch");
        assertThat(errorCondition(f.presencesTo("wiccarocks").getLast())).isEqualTo("item-not-found");

        IQ submit = f.iq("crone", IQ.Type.set, MucNamespaces.OWNER);
        submit.getChildElement().addElement("x", "jabber:x:data").addAttribute("type", "submit");
        assertThat(f.ask(submit).getType()).isEqualTo(IQ.Type.result);
        f.join("wiccarocks", "secondwitch");
        assertThat(statuses(f.presencesTo("wiccarocks").getLast())).containsExactly("110");
    }

    @Test
    void aNewcomerGetsTheOccupantsThenItselfWith110AndTheOthersSeeIt() {
        f.createInstant("crone", "firstwitch");
        f.join("wiccarocks", "secondwitch");
        f.router.clear();

        f.join("hag66", "thirdwitch");

        List<Presence> toHag = f.presencesTo("hag66");
        assertThat(toHag).extracting(Presence::getFrom)
                .containsExactly(occupant("firstwitch"), occupant("secondwitch"), occupant("thirdwitch"));
        assertThat(statuses(toHag.get(2))).containsExactly("110");
        assertThat(item(toHag.get(2)).attributeValue("role")).isEqualTo("participant");
        assertThat(f.presencesTo("crone")).extracting(Presence::getFrom).containsExactly(occupant("thirdwitch"));
        // §7.2.4 semi-anonymous: the moderator sees the real JID, a participant does not.
        assertThat(item(f.presencesTo("crone").getFirst()).attributeValue("jid")).isEqualTo("hag66@localhost/pda");
        assertThat(item(f.presencesTo("wiccarocks").getFirst()).attributeValue("jid")).isNull();
        // §7.2.15: the subject comes last, empty when none is set.
        Message subject = f.messagesTo("hag66").getLast();
        assertThat(subject.getElement().element("subject")).isNotNull();
    }

    @Test
    void aTakenNickIsRefusedWithConflict() {
        f.createInstant("crone", "firstwitch");
        f.join("hag66", "firstwitch");

        Presence error = f.presencesTo("hag66").getLast();
        assertThat(error.getType()).isEqualTo(Presence.Type.error);
        assertThat(errorCondition(error)).isEqualTo("conflict");
        assertThat(error.getID()).isEqualTo("join-hag66");
    }

    @Test
    void leavingSendsUnavailableWith110ToTheLeaverAndUnavailableToOthersAndAnEmptyTemporaryRoomGoes() {
        f.createInstant("crone", "firstwitch");
        f.join("hag66", "thirdwitch");
        f.router.clear();

        f.leave("hag66", "thirdwitch");
        assertThat(f.presencesTo("hag66").getLast().getType()).isEqualTo(Presence.Type.unavailable);
        assertThat(statuses(f.presencesTo("hag66").getLast())).containsExactly("110");
        assertThat(f.presencesTo("crone").getLast().getType()).isEqualTo(Presence.Type.unavailable);
        assertThat(statuses(f.presencesTo("crone").getLast())).isEmpty();

        f.leave("crone", "firstwitch");
        assertThat(f.rooms.get("coven")).isEmpty();
    }

    @Test
    void changingNickSendsUnavailableWith303AndTheNewNickThenTheNewPresence() {
        f.createInstant("crone", "firstwitch");
        f.join("hag66", "thirdwitch");
        f.router.clear();

        f.join("hag66", "oldhag");

        List<Presence> toCrone = f.presencesTo("crone");
        assertThat(toCrone).hasSize(2);
        assertThat(toCrone.get(0).getType()).isEqualTo(Presence.Type.unavailable);
        assertThat(statuses(toCrone.get(0))).containsExactly("303");
        assertThat(item(toCrone.get(0)).attributeValue("nick")).isEqualTo("oldhag");
        assertThat(toCrone.get(1).getFrom()).isEqualTo(occupant("oldhag"));
        assertThat(statuses(f.presencesTo("hag66").get(0))).containsExactly("110", "303");
    }

    @Test
    void aNickChangeToATakenNickIsRefusedWithConflict() {
        f.createInstant("crone", "firstwitch");
        f.join("hag66", "thirdwitch");
        f.router.clear();

        f.join("hag66", "firstwitch");

        assertThat(errorCondition(f.presencesTo("hag66").getLast())).isEqualTo("conflict");
        assertThat(f.rooms.get("coven").orElseThrow().byNick("thirdwitch")).isPresent();
    }

    @Test
    void aGroupchatMessageIsReflectedToEveryOccupantFromTheSendersOccupantJid() {
        f.createInstant("crone", "firstwitch");
        f.join("wiccarocks", "secondwitch");
        f.join("hag66", "thirdwitch");
        f.router.clear();

        f.say("hag66", "Harpier cries: 'tis time, 'tis time.");

        for (String witch : List.of("crone", "wiccarocks", "hag66")) {
            Message m = f.messagesTo(witch).getLast();
            assertThat(m.getFrom()).isEqualTo(occupant("thirdwitch"));
            assertThat(m.getType()).isEqualTo(Message.Type.groupchat);
            assertThat(m.getBody()).isEqualTo("Harpier cries: 'tis time, 'tis time.");
        }
    }

    @Test
    void aGroupchatMessageFromANonOccupantIsRefusedWithNotAcceptable() {
        f.createInstant("crone", "firstwitch");
        f.router.clear();

        f.say("hag66", "let me in");

        assertThat(errorCondition(f.messagesTo("hag66").getLast())).isEqualTo("not-acceptable");
        assertThat(f.messagesTo("crone")).isEmpty();
    }

    @Test
    void theDiscussionHistoryIsSentOnJoinWithDelayAndHonoursMaxstanzas() {
        f.createInstant("crone", "firstwitch");
        for (int i = 1; i <= 5; i++) f.say("crone", "line " + i);
        f.router.clear();

        Presence join = new Presence();
        join.setFrom(MucFixture.user("hag66"));
        join.setTo(occupant("thirdwitch"));
        join.addChildElement("x", MucNamespaces.MUC).addElement("history").addAttribute("maxstanzas", "2");
        f.muc.process(join);

        List<Message> history = f.messagesTo("hag66").stream().filter(m -> m.getBody() != null).toList();
        assertThat(history).extracting(Message::getBody).containsExactly("line 4", "line 5");
        Element delay = history.getFirst().getChildElement("delay", MucNamespaces.DELAY);
        assertThat(delay.attributeValue("from")).isEqualTo(MucFixture.ROOM.toBareJID());
        assertThat(delay.attributeValue("stamp")).isEqualTo("2026-11-23T10:00:00Z");
    }

    @Test
    void historyHonoursSecondsAndMaxcharsZero() {
        f.createInstant("crone", "firstwitch");
        f.say("crone", "old");
        f.now = f.now.plusSeconds(600);
        f.say("crone", "new");
        History h = f.rooms.get("coven").orElseThrow().history();

        Element seconds = org.dom4j.DocumentHelper.createElement("history").addAttribute("seconds", "60");
        assertThat(h.select(seconds, f.now)).extracting(e -> e.message().getBody()).containsExactly("new");
        Element none = org.dom4j.DocumentHelper.createElement("history").addAttribute("maxchars", "0");
        assertThat(h.select(none, f.now)).isEmpty();
    }

    @Test
    void onlyModeratorsChangeTheSubjectUnlessTheRoomAllowsParticipants() {
        f.createInstant("crone", "firstwitch");
        f.join("hag66", "thirdwitch");
        f.router.clear();

        Message fromHag = subject("hag66", "Fire Burn and Cauldron Bubble!");
        assertThat(errorCondition(f.messagesTo("hag66").getLast())).isEqualTo("forbidden");
        assertThat(fromHag).isNotNull();

        subject("crone", "Fire Burn and Cauldron Bubble!");
        assertThat(f.messagesTo("hag66").getLast().getSubject()).isEqualTo("Fire Burn and Cauldron Bubble!");
        f.join("wiccarocks", "secondwitch");
        assertThat(f.messagesTo("wiccarocks").getLast().getSubject()).isEqualTo("Fire Burn and Cauldron Bubble!");
        assertThat(f.messagesTo("wiccarocks").getLast().getFrom()).isEqualTo(occupant("firstwitch"));
    }

    @Test
    void aPrivateMessageGoesToTheOccupantsRealJidFromTheSendersOccupantJid() {
        f.createInstant("crone", "firstwitch");
        f.join("hag66", "thirdwitch");
        f.router.clear();

        Message pm = new Message();
        pm.setType(Message.Type.chat);
        pm.setFrom(MucFixture.user("hag66"));
        pm.setTo(occupant("firstwitch"));
        pm.setBody("I'll give thee a wind.");
        f.muc.process(pm);

        Message relayed = f.messagesTo("crone").getLast();
        assertThat(relayed.getFrom()).isEqualTo(occupant("thirdwitch"));
        assertThat(relayed.getBody()).isEqualTo("I'll give thee a wind.");

        pm.setTo(occupant("nobody"));
        f.muc.process(pm);
        assertThat(errorCondition(f.messagesTo("hag66").getLast())).isEqualTo("item-not-found");
    }

    @Test
    void aClientPingingItsOwnOccupantJidLearnsItIsJoined() {
        f.createInstant("crone", "firstwitch");
        IQ ping = new IQ(IQ.Type.get, "p1");
        ping.setFrom(MucFixture.user("crone"));
        ping.setTo(occupant("firstwitch"));
        ping.setChildElement("ping", MucNamespaces.PING);
        assertThat(f.ask(ping).getType()).isEqualTo(IQ.Type.result);

        ping.setFrom(MucFixture.user("hag66"));
        assertThat(errorCondition(f.ask(ping))).isEqualTo("not-acceptable");
    }

    @Test
    void aRoomsDiscoItemsAreItsOccupantJidsAndANonOccupantAskingAnOccupantGetsBadRequest() {
        f.createInstant("crone", "firstwitch");
        IQ items = f.iq("hag66", IQ.Type.get, MucDisco.DISCO_ITEMS);
        assertThat(f.ask(items).getChildElement().elements("item")).extracting(i -> i.attributeValue("jid"))
                .containsExactly(occupant("firstwitch").toString());

        items.setTo(occupant("firstwitch"));
        assertThat(errorCondition(f.ask(items))).isEqualTo("bad-request");
    }

    @Test
    void occupantIdsAreStableAcrossNickChangesAndAForgedOneIsReplaced() {
        f.createInstant("crone", "firstwitch");
        f.join("hag66", "thirdwitch");
        String before = occupantId(f.presencesTo("crone").getLast());
        f.join("hag66", "oldhag");
        assertThat(occupantId(f.presencesTo("crone").getLast())).isEqualTo(before);
        assertThat(occupantId(f.presencesTo("crone").getLast())).isNotEqualTo(occupantId(f.presencesTo("crone").getFirst()));

        Message forged = new Message();
        forged.setType(Message.Type.groupchat);
        forged.setFrom(MucFixture.user("hag66"));
        forged.setTo(MucFixture.ROOM);
        forged.setBody("I am the crone");
        forged.addChildElement("occupant-id", OccupantIds.NAMESPACE).addAttribute("id", "forged");
        f.muc.process(forged);
        Message got = f.messagesTo("crone").getLast();
        assertThat(got.getElement().elements(org.dom4j.QName.get("occupant-id", OccupantIds.NAMESPACE))).hasSize(1);
        assertThat(occupantId(got)).isEqualTo(before);
    }

    @Test
    void anIqToAnOccupantIsRelayedUnderTheOccupantJidsAndItsAnswerComesBack() {
        f.createInstant("crone", "firstwitch");
        f.join("hag66", "thirdwitch");
        f.router.clear();

        IQ vcard = new IQ(IQ.Type.get, "v1");
        vcard.setFrom(MucFixture.user("hag66"));
        vcard.setTo(occupant("firstwitch"));
        vcard.setChildElement("vCard", "vcard-temp");
        f.muc.process(vcard);
        IQ relayed = (IQ) f.routedTo("crone").getLast();
        assertThat(relayed.getFrom()).isEqualTo(occupant("thirdwitch"));
        assertThat(relayed.getChildElement().getNamespaceURI()).isEqualTo("vcard-temp");

        IQ forged = IQ.createResultIQ(relayed);
        forged.setFrom(MucFixture.user("wiccarocks"));
        f.muc.process(forged);
        assertThat(f.routedTo("hag66")).as("an answer from someone else is dropped").isEmpty();

        IQ answer = IQ.createResultIQ(relayed);
        answer.setChildElement("vCard", "vcard-temp").addElement("FN").setText("The Crone");
        f.muc.process(answer);
        IQ back = (IQ) f.routedTo("hag66").getLast();
        assertThat(back.getID()).isEqualTo("v1");
        assertThat(back.getFrom()).isEqualTo(occupant("firstwitch"));
        assertThat(back.getType()).isEqualTo(IQ.Type.result);

        vcard.setTo(occupant("nobody"));
        assertThat(errorCondition(f.ask(vcard))).isEqualTo("item-not-found");
    }

    private static String occupantId(org.xmpp.packet.Packet p) {
        return p.getElement().element(org.dom4j.QName.get("occupant-id", OccupantIds.NAMESPACE)).attributeValue("id");
    }

    private Message subject(String user, String text) {
        Message m = new Message();
        m.setType(Message.Type.groupchat);
        m.setFrom(MucFixture.user(user));
        m.setTo(MucFixture.ROOM);
        m.setSubject(text);
        f.muc.process(m);
        return m;
    }
}
