package org.parley.server.sm;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What becomes of stanzas a client never acknowledged when its session ends (never drop a message). */
class UnackedFateTest {
    private static final Instant SENT = Instant.parse("2026-01-02T03:04:05Z");

    private static Packet parse(String xml) throws Exception {
        Element element = DocumentHelper.parseText(xml).getRootElement();
        return switch (element.getName()) {
            case "message" -> new Message(element, true);
            case "presence" -> new Presence(element, true);
            default -> new IQ(element, true);
        };
    }

    @Test
    void aChatMessageIsRoutedAgainToItsAddressWithDelayedDelivery() throws Exception {
        Packet chat = parse("<message xmlns='jabber:client' from='juliet@localhost/balcony' to='romeo@localhost/orchard'"
                + " type='chat' id='m1'><body>Wherefore art thou?</body></message>");

        UnackedFate.Fate fate = UnackedFate.of(chat, SENT, "localhost");

        Message again = ((UnackedFate.Fate.Reroute) fate).message();
        assertThat(again.getTo()).isEqualTo(new JID("romeo@localhost/orchard"));
        assertThat(again.getFrom()).isEqualTo(new JID("juliet@localhost/balcony"));
        assertThat(again.getBody()).isEqualTo("Wherefore art thou?");
        // XEP-0203: when the server first sent it.
        Element delay = again.getChildElement("delay", UnackedFate.DELAY);
        assertThat(delay.attributeValue("stamp")).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(delay.attributeValue("from")).isEqualTo("localhost");
        assertThat(((Message) chat).getChildElement("delay", UnackedFate.DELAY)).as("the original is untouched").isNull();
    }

    @Test
    void aMessageThatAlreadyCarriesADelayKeepsItsOwn() throws Exception {
        Packet stored = parse("<message xmlns='jabber:client' from='juliet@localhost/balcony' to='romeo@localhost'>"
                + "<body>hi</body><delay xmlns='urn:xmpp:delay' from='localhost' stamp='2025-12-31T00:00:00Z'/></message>");

        Message again = ((UnackedFate.Fate.Reroute) UnackedFate.of(stored, SENT, "localhost")).message();

        assertThat(again.getElement().elements("delay")).hasSize(1);
        assertThat(again.getChildElement("delay", UnackedFate.DELAY).attributeValue("stamp")).isEqualTo("2025-12-31T00:00:00Z");
    }

    @Test
    void anErrorMessageOrACarbonCopyIsDropped() throws Exception {
        Packet error = parse("<message xmlns='jabber:client' from='x@localhost' to='romeo@localhost/orchard' type='error'>"
                + "<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>");
        Packet carbon = parse("<message xmlns='jabber:client' from='romeo@localhost' to='romeo@localhost/orchard' type='chat'>"
                + "<received xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"
                + "<message xmlns='jabber:client' from='juliet@localhost/balcony' to='romeo@localhost/phone' type='chat'>"
                + "<body>hi</body></message></forwarded></received></message>");

        assertThat(UnackedFate.of(error, SENT, "localhost")).isInstanceOf(UnackedFate.Fate.Drop.class);
        assertThat(UnackedFate.of(carbon, SENT, "localhost")).isInstanceOf(UnackedFate.Fate.Drop.class);
    }

    @Test
    void anIqRequestIsAnsweredWithServiceUnavailableAndAResponseIsDropped() throws Exception {
        // RFC 6120 §8.2.3: a request gets a response; the client that would have given it is gone.
        Packet request = parse("<iq xmlns='jabber:client' from='juliet@localhost/balcony' to='romeo@localhost/orchard'"
                + " type='get' id='v1'><query xmlns='jabber:iq:version'/></iq>");
        Packet response = parse("<iq xmlns='jabber:client' from='localhost' to='romeo@localhost/orchard' type='result' id='r1'/>");

        IQ bounce = (IQ) ((UnackedFate.Fate.Bounce) UnackedFate.of(request, SENT, "localhost")).errorReply();

        assertThat(bounce.getType()).isEqualTo(IQ.Type.error);
        assertThat(bounce.getID()).isEqualTo("v1");
        assertThat(bounce.getTo()).isEqualTo(new JID("juliet@localhost/balcony"));
        assertThat(bounce.getFrom()).isEqualTo(new JID("romeo@localhost/orchard"));
        assertThat(bounce.getError().getCondition()).isEqualTo(org.xmpp.packet.PacketError.Condition.service_unavailable);
        assertThat(UnackedFate.of(response, SENT, "localhost")).isInstanceOf(UnackedFate.Fate.Drop.class);
    }

    @Test
    void presenceIsDropped() throws Exception {
        Packet presence = parse("<presence xmlns='jabber:client' from='juliet@localhost/balcony' to='romeo@localhost/orchard'/>");

        assertThat(UnackedFate.of(presence, SENT, "localhost")).isInstanceOf(UnackedFate.Fate.Drop.class);
    }
}
