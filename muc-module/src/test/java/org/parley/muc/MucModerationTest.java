package org.parley.muc;

import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.muc.MucFixture.errorCondition;
import static org.parley.muc.MucFixture.occupant;
import static org.parley.muc.RoomArchiveFixture.forwarded;
import static org.parley.muc.RoomArchiveFixture.stanzaId;

/** XEP-0425 moderated retraction and XEP-0424 retraction of one's own groupchat message, with archive tombstones. */
class MucModerationTest {
    private static final String RETRACT = "urn:xmpp:message-retract:1";
    private static final String MODERATE = "urn:xmpp:message-moderate:1";

    private final RoomArchiveFixture a = new RoomArchiveFixture();
    private final MucFixture f = a.f;

    @AfterEach
    void close() {
        a.close();
    }

    /** The coven, and hag66's inappropriate message; returns its stanza-id. */
    private String spam() {
        f.createInstant("crone", "firstwitch");
        f.join("wiccarocks", "secondwitch");
        f.join("hag66", "thirdwitch");
        f.say("hag66", "DM me for free magic potions!");
        return stanzaId(f.messagesTo("crone").getLast());
    }

    private IQ moderate(String user, String id, String reason) {
        IQ iq = new IQ(IQ.Type.set, "mod-" + user);
        iq.setFrom(MucFixture.user(user));
        iq.setTo(MucFixture.ROOM);
        Element moderate = iq.setChildElement("moderate", MODERATE);
        if (id != null) moderate.addAttribute("id", id);
        moderate.addElement("retract", RETRACT);
        if (reason != null) moderate.addElement("reason").setText(reason);
        return f.ask(iq);
    }

    private Message retract(String user, String id) {
        Message m = MucFixture.groupchat(user);
        m.setID("retract-" + user);
        m.addChildElement("retract", RETRACT).addAttribute("id", id);
        m.addChildElement("fallback", "urn:xmpp:fallback:0");
        m.setBody("This person attempted to retract a previous message, but it's unsupported by your client.");
        f.router.clear();
        f.muc.process(m);
        return m;
    }

    /** What the archive now holds for {@code id}, as crone reads it. */
    private Element archived(String id) {
        a.query("crone", q -> {
            Element x = q.addElement("x", "jabber:x:data").addAttribute("type", "submit");
            x.addElement("field").addAttribute("var", "ids").addElement("value").setText(id);
        });
        return forwarded(a.results("crone").getFirst());
    }

    @Test
    void aModeratorRetractsAMessageForEveryoneAndTheArchiveKeepsATombstone() {
        String id = spam();

        IQ reply = moderate("crone", id, "This message contains inappropriate content for this forum");

        assertThat(reply.getType()).isEqualTo(IQ.Type.result);
        for (String user : List.of("crone", "wiccarocks", "hag66")) {
            Message notice = f.messagesTo(user).getLast();
            assertThat(notice.getFrom()).isEqualTo(MucFixture.ROOM);
            assertThat(notice.getType()).isEqualTo(Message.Type.groupchat);
            Element retract = notice.getChildElement("retract", RETRACT);
            assertThat(retract.attributeValue("id")).isEqualTo(id);
            assertThat(retract.element(QName.get("moderated", MODERATE)).attributeValue("by")).isEqualTo(occupant("firstwitch").toString());
            assertThat(retract.element(QName.get("moderated", MODERATE)).element(QName.get("occupant-id", OccupantIds.NAMESPACE))).isNotNull();
            assertThat(retract.elementText("reason")).isEqualTo("This message contains inappropriate content for this forum");
            assertThat(stanzaId(notice)).as("the retraction is archived").isNotNull();
        }
        String noticeId = f.messagesTo("crone").getLast().getID();

        Element tombstone = archived(id);
        assertThat(tombstone.element("body")).isNull();
        assertThat(tombstone.attributeValue("from")).isEqualTo(occupant("thirdwitch").toString());
        assertThat(tombstone.element(QName.get("occupant-id", OccupantIds.NAMESPACE))).isNotNull();
        Element retracted = tombstone.element(QName.get("retracted", RETRACT));
        assertThat(retracted.attributeValue("id")).isEqualTo(noticeId);
        assertThat(retracted.attributeValue("stamp")).isNotBlank();
        assertThat(retracted.element(QName.get("moderated", MODERATE)).attributeValue("by")).isEqualTo(occupant("firstwitch").toString());
        assertThat(retracted.elementText("reason")).isEqualTo("This message contains inappropriate content for this forum");
    }

    @Test
    void anOlderClientsV02RequestIsServedAndEveryoneGetsBothForms() {
        String id = spam();
        IQ iq = new IQ(IQ.Type.set, "mod-v02");
        iq.setFrom(MucFixture.user("crone"));
        iq.setTo(MucFixture.ROOM);
        Element moderate = iq.setChildElement("apply-to", "urn:xmpp:fasten:0").addAttribute("id", id)
                .addElement(QName.get("moderate", "urn:xmpp:message-moderate:0"));
        moderate.addElement(QName.get("retract", "urn:xmpp:message-retract:0"));
        moderate.addElement("reason").setText("spam");

        assertThat(f.ask(iq).getType()).isEqualTo(IQ.Type.result);

        Message notice = f.messagesTo("hag66").getLast();
        assertThat(notice.getChildElement("retract", RETRACT).attributeValue("id")).isEqualTo(id);
        Element old = notice.getChildElement("apply-to", "urn:xmpp:fasten:0");
        assertThat(old.attributeValue("id")).isEqualTo(id);
        Element moderated = old.element(QName.get("moderated", "urn:xmpp:message-moderate:0"));
        assertThat(moderated.attributeValue("by")).isEqualTo(occupant("firstwitch").toString());
        assertThat(moderated.element(QName.get("retract", "urn:xmpp:message-retract:0"))).isNotNull();
        assertThat(moderated.elementText("reason")).isEqualTo("spam");
        assertThat(archived(id).element("body")).isNull();
    }

    @Test
    void aNewcomersHistoryShowsTheTombstoneNotTheRetractedMessage() {
        String id = spam();
        moderate("crone", id, null);

        f.join("macbeth", "king");

        List<String> replayed = f.messagesTo("macbeth").stream().map(m -> m.toXML()).toList();
        assertThat(replayed).noneMatch(xml -> xml.contains("free magic potions"));
        assertThat(f.messagesTo("macbeth")).anyMatch(m -> m.getChildElement("retracted", RETRACT) != null && id.equals(stanzaId(m)));
    }

    @Test
    void aNonModeratorMayNotModerateAndNothingChanges() {
        String id = spam();

        IQ reply = moderate("wiccarocks", id, null);

        assertThat(errorCondition(reply)).isEqualTo("forbidden");
        assertThat(f.messagesTo("hag66")).isEmpty();
        assertThat(archived(id).elementText("body")).isEqualTo("DM me for free magic potions!");
    }

    @Test
    void anUnknownOrMalformedIdIsItemNotFoundAndAModerationWithoutIdOrRetractIsABadRequest() {
        spam();
        assertThat(errorCondition(moderate("crone", "0000000000000000042", null))).isEqualTo("item-not-found");
        assertThat(errorCondition(moderate("crone", "not-an-id", null))).isEqualTo("item-not-found");
        assertThat(errorCondition(moderate("crone", null, null))).isEqualTo("bad-request");

        IQ bare = new IQ(IQ.Type.set, "mod-bare");
        bare.setFrom(MucFixture.user("crone"));
        bare.setTo(MucFixture.ROOM);
        bare.setChildElement("moderate", MODERATE).addAttribute("id", "x");
        assertThat(errorCondition(f.ask(bare))).isEqualTo("bad-request");
    }

    @Test
    void anOccupantRetractsItsOwnMessageAndEveryoneGetsTheRetraction() {
        String id = spam();

        retract("hag66", id);

        for (String user : List.of("crone", "wiccarocks", "hag66")) {
            Message got = f.messagesTo(user).getLast();
            assertThat(got.getFrom()).isEqualTo(occupant("thirdwitch"));
            assertThat(got.getChildElement("retract", RETRACT).attributeValue("id")).isEqualTo(id);
        }
        assertThat(stanzaId(f.messagesTo("crone").getLast())).as("the retraction is archived").isNotNull();
        Element tombstone = archived(id);
        assertThat(tombstone.element("body")).isNull();
        // XEP-0424 §5: the tombstone names the retraction message by its 'id'.
        assertThat(tombstone.element(QName.get("retracted", RETRACT)).attributeValue("id")).isEqualTo("retract-hag66");
    }

    @Test
    void retractingSomeoneElsesMessageIsForbiddenAndNotReflected() {
        String id = spam();

        retract("wiccarocks", id);

        Message error = f.messagesTo("wiccarocks").getLast();
        assertThat(errorCondition(error)).isEqualTo("forbidden");
        assertThat(f.messagesTo("crone")).isEmpty();
        assertThat(archived(id).elementText("body")).isEqualTo("DM me for free magic potions!");
    }

    @Test
    void inARoomNotLoggedARetractionOfAMessageSentMeanwhileIsReflectedForClientsToCheck() {
        spam();
        f.configure("crone", "muc#roomconfig_enablelogging", "0");
        f.say("hag66", "unlogged");
        f.router.clear();

        retract("hag66", "some-client-id");

        // XEP-0424 §6: the room cannot check; clients check the occupant id (XEP-0421) of the retraction.
        Message got = f.messagesTo("crone").getLast();
        assertThat(errorCondition(got)).isNull();
        assertThat(got.getChildElement("retract", RETRACT).attributeValue("id")).isEqualTo("some-client-id");
        assertThat(got.getChildElement("occupant-id", OccupantIds.NAMESPACE)).isNotNull();
    }

    @Test
    void aServiceWithoutRoomArchivesRefusesModerationAsNotImplemented() {
        MucFixture plain = new MucFixture();
        plain.createInstant("crone", "firstwitch");
        IQ iq = new IQ(IQ.Type.set, "mod-plain");
        iq.setFrom(MucFixture.user("crone"));
        iq.setTo(MucFixture.ROOM);
        iq.setChildElement("moderate", MODERATE).addAttribute("id", "0000000000000000042").addElement("retract", RETRACT);

        assertThat(errorCondition(plain.ask(iq))).isEqualTo("feature-not-implemented");
    }

    @Test
    void retractingAMessageTheRoomNeverArchivedIsItemNotFound() {
        spam();
        retract("hag66", "0000000000000000042");
        assertThat(errorCondition(f.messagesTo("hag66").getLast())).isEqualTo("item-not-found");
        assertThat(f.messagesTo("crone")).isEmpty();
    }
}
