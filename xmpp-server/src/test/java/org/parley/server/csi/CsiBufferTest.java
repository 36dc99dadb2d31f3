package org.parley.server.csi;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client State Indication (XEP-0352): what an inactive client gets at once, what is held and collapsed, and that
 * nothing overtakes a stanza accepted before it.
 */
class CsiBufferTest {
    private static Packet parse(String xml) {
        try {
            Element element = DocumentHelper.parseText(xml).getRootElement();
            return switch (element.getName()) {
                case "message" -> new Message(element, true);
                case "presence" -> new Presence(element, true);
                default -> new IQ(element, true);
            };
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Packet presence(String from, String show) {
        return parse("<presence xmlns='jabber:client' from='" + from + "' to='romeo@localhost/orchard'><show>" + show
                + "</show></presence>");
    }

    private static Packet chatState(String from, String state) {
        return parse("<message xmlns='jabber:client' from='" + from + "' to='romeo@localhost/orchard' type='chat'>"
                + "<" + state + " xmlns='http://jabber.org/protocol/chatstates'/><thread>t1</thread>"
                + "<no-store xmlns='urn:xmpp:hints'/></message>");
    }

    private static Packet chat(String from, String body) {
        return parse("<message xmlns='jabber:client' from='" + from + "' to='romeo@localhost/orchard' type='chat'>"
                + "<body>" + body + "</body><active xmlns='http://jabber.org/protocol/chatstates'/></message>");
    }

    private static List<String> describe(List<Packet> packets) {
        return packets.stream().map(p -> p instanceof Presence pr ? "presence " + pr.getFrom() + " " + pr.getElement().elementText("show")
                : p instanceof Message m && m.getBody() != null ? "chat " + m.getFrom() + " " + m.getBody()
                : p instanceof Message m ? "state " + m.getFrom() + " " + m.getElement().elements().get(0).getName()
                : "iq " + p.getID()).toList();
    }

    @Test
    void anActiveClientGetsEverythingAtOnce() {
        CsiBuffer<Packet> buffer = CsiBuffer.ofPackets();

        assertThat(describe(buffer.offer(presence("juliet@localhost/balcony", "away")))).containsExactly("presence juliet@localhost/balcony away");
        assertThat(describe(buffer.offer(chatState("juliet@localhost/balcony", "composing")))).containsExactly("state juliet@localhost/balcony composing");
    }

    @Test
    void anInactiveClientHasPresenceAndChatStatesHeldKeepingOnlyTheLatestOfEachSender() {
        CsiBuffer<Packet> buffer = CsiBuffer.ofPackets();
        buffer.inactive();

        assertThat(buffer.offer(presence("juliet@localhost/balcony", "away"))).isEmpty();
        assertThat(buffer.offer(chatState("juliet@localhost/balcony", "composing"))).isEmpty();
        assertThat(buffer.offer(presence("nurse@localhost/kitchen", "dnd"))).isEmpty();
        assertThat(buffer.offer(presence("juliet@localhost/balcony", "xa"))).isEmpty();
        assertThat(buffer.offer(chatState("juliet@localhost/balcony", "paused"))).isEmpty();

        assertThat(buffer.heldCount()).isEqualTo(3);
        // XEP-0352 §3 <active/>: what was held goes out, the latest of each, in the order of their last update.
        assertThat(describe(buffer.active())).containsExactly(
                "presence nurse@localhost/kitchen dnd",
                "presence juliet@localhost/balcony xa",
                "state juliet@localhost/balcony paused");
        assertThat(buffer.isInactive()).isFalse();
        assertThat(describe(buffer.offer(presence("juliet@localhost/balcony", "chat")))).hasSize(1);
    }

    @Test
    void aMessageWithABodyGoesOutAtOnceAfterEverythingHeld() {
        CsiBuffer<Packet> buffer = CsiBuffer.ofPackets();
        buffer.inactive();
        buffer.offer(presence("juliet@localhost/balcony", "away"));
        buffer.offer(chatState("juliet@localhost/balcony", "composing"));

        List<Packet> out = buffer.offer(chat("juliet@localhost/balcony", "Wherefore art thou?"));

        // Nothing overtakes: the held stanzas were accepted before the message.
        assertThat(describe(out)).containsExactly("presence juliet@localhost/balcony away",
                "state juliet@localhost/balcony composing", "chat juliet@localhost/balcony Wherefore art thou?");
        assertThat(buffer.heldCount()).isZero();
        assertThat(buffer.isInactive()).as("still inactive").isTrue();
        assertThat(buffer.offer(presence("juliet@localhost/balcony", "xa"))).isEmpty();
    }

    @Test
    void iqsSubscriptionRequestsAndPayloadMessagesGoOutAtOnce() {
        CsiBuffer<Packet> buffer = CsiBuffer.ofPackets();
        buffer.inactive();
        buffer.offer(presence("juliet@localhost/balcony", "away"));

        assertThat(buffer.offer(parse("<iq xmlns='jabber:client' from='localhost' type='get' id='p1'><ping xmlns='urn:xmpp:ping'/></iq>")))
                .hasSize(2);
        assertThat(buffer.offer(parse("<presence xmlns='jabber:client' from='nurse@localhost' type='subscribe'/>"))).hasSize(1);
        // A receipt (XEP-0184) is not a chat state: it goes out.
        assertThat(buffer.offer(parse("<message xmlns='jabber:client' from='juliet@localhost/balcony'>"
                + "<received xmlns='urn:xmpp:receipts' id='m1'/></message>"))).hasSize(1);
    }

    @Test
    void aRoomsChatStatesWithTheirOccupantIdAreHeldPerOccupant() {
        assertTheLatestStateIsHeld("<message xmlns='jabber:client' from='coven@conference.localhost/hag'"
                + " to='romeo@localhost/orchard' type='groupchat'><STATE xmlns='http://jabber.org/protocol/chatstates'/>"
                + "<occupant-id xmlns='urn:xmpp:occupant-id:0' id='h4g'/></message>");
    }

    @Test
    void chatStatesInsideCarbonCopiesAreHeldPerConversation() {
        assertTheLatestStateIsHeld("<message xmlns='jabber:client' from='romeo@localhost' to='romeo@localhost/orchard'"
                + " type='chat'><sent xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"
                + "<message xmlns='jabber:client' from='romeo@localhost/phone' to='juliet@localhost' type='chat'>"
                + "<STATE xmlns='http://jabber.org/protocol/chatstates'/></message></forwarded></sent></message>");
    }

    /** An inactive client: {@code stanza} with STATE composing, then paused, is held; only paused goes out on active. */
    private static void assertTheLatestStateIsHeld(String stanza) {
        CsiBuffer<Packet> buffer = CsiBuffer.ofPackets();
        buffer.inactive();

        assertThat(buffer.offer(parse(stanza.replace("STATE", "composing")))).isEmpty();
        assertThat(buffer.offer(parse(stanza.replace("STATE", "paused")))).isEmpty();

        assertThat(buffer.active()).singleElement().satisfies(p -> assertThat(p.toXML()).contains("paused"));
    }
}
