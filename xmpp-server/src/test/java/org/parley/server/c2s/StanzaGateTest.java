package org.parley.server.c2s;

import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.parley.xmpp.core.stream.StreamErrorCondition;
import org.parley.xmpp.core.stream.StreamEvent;
import org.parley.xmpp.core.stream.StreamLimits;
import org.parley.xmpp.core.stream.XmppStreamException;
import org.parley.xmpp.core.stream.XmppStreamReader;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StanzaGate}: what the server checks and stamps on each first-level element of a bound client stream
 * (RFC 6120 §8.1, §8.2, §4.9.3). Inputs are parsed by the real {@link XmppStreamReader}, so namespaces are exactly
 * what the server sees.
 */
class StanzaGateTest {
    private static final String HEADER = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
            + " to='localhost' version='1.0'>";
    private static final JID JULIET = new JID("juliet@localhost/balcony");
    private static final int MAX_BODY_CHARS = 20;

    // ---- RFC 6120 §8.1.2.1: the server stamps 'from' ----

    @Test
    void stampsTheFullJidOnAStanzaWithoutFrom() {
        Packet stanza = accepted("<message to='romeo@localhost' type='chat' id='m1'><body>hi</body></message>");

        assertThat(stanza).isInstanceOf(Message.class);
        assertThat(stanza.getFrom()).isEqualTo(JULIET);
        assertThat(stanza.getTo()).isEqualTo(new JID("romeo@localhost"));
        assertThat(((Message) stanza).getBody()).isEqualTo("hi");
    }

    @Test
    void acceptsFromEqualToTheBareJidAndStampsTheFullJid() {
        Packet stanza = accepted("<presence from='juliet@localhost'/>");

        assertThat(stanza).isInstanceOf(Presence.class);
        assertThat(stanza.getFrom()).isEqualTo(JULIET);
    }

    @Test
    void acceptsFromEqualToTheFullJid() {
        Packet stanza = accepted("<iq from='juliet@localhost/balcony' type='get' id='p1' to='localhost'>"
                + "<ping xmlns='urn:xmpp:ping'/></iq>");

        assertThat(stanza).isInstanceOf(IQ.class);
        assertThat(stanza.getFrom()).isEqualTo(JULIET);
        assertThat(((IQ) stanza).getChildElement().getNamespaceURI()).isEqualTo("urn:xmpp:ping");
    }

    @Test
    void acceptsAnIqResultWithoutChild() {
        assertThat(accepted("<iq type='result' id='ka-1' to='localhost'/>")).isInstanceOf(IQ.class);
    }

    @Test
    void spoofedFromIsAnInvalidFromStreamError() {
        // RFC 6120 §8.1.2.1: a 'from' not matching the stream's JID "MUST" get <invalid-from/>.
        StanzaGate.Result result = admit("<message from='romeo@localhost/orchard' to='juliet@localhost'><body>x</body></message>");

        assertThat(result).isInstanceOfSatisfying(StanzaGate.Result.Fatal.class,
                fatal -> assertThat(fatal.condition()).isEqualTo(StreamErrorCondition.INVALID_FROM));
    }

    @Test
    void fromWithAnotherResourceOfTheSameAccountIsInvalidFrom() {
        StanzaGate.Result result = admit("<presence from='juliet@localhost/chamber'/>");

        assertThat(result).isInstanceOfSatisfying(StanzaGate.Result.Fatal.class,
                fatal -> assertThat(fatal.condition()).isEqualTo(StreamErrorCondition.INVALID_FROM));
    }

    // ---- RFC 6120 §4.9.3.24: first-level elements the server does not support ----

    @Test
    void elementOutsideJabberClientIsUnsupportedStanzaType() {
        StanzaGate.Result result = admit("<foo xmlns='urn:example:foo'/>");

        assertThat(result).isInstanceOfSatisfying(StanzaGate.Result.Fatal.class,
                fatal -> assertThat(fatal.condition()).isEqualTo(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE));
    }

    @Test
    void unknownStanzaNameIsUnsupportedStanzaType() {
        StanzaGate.Result result = admit("<presense/>");

        assertThat(result).isInstanceOfSatisfying(StanzaGate.Result.Fatal.class, fatal -> {
            assertThat(fatal.condition()).isEqualTo(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE);
            assertThat(fatal.text()).contains("presense");
        });
    }

    // ---- RFC 6120 §8.3: malformed stanzas get a stanza error back ----

    @Test
    void malformedToIsRejectedWithJidMalformedToTheSender() {
        // RFC 6120 §8.3.3.8: an address that violates the JID rules gets <jid-malformed/>.
        Packet reply = rejected("<message to='a@b@c' type='chat' id='m2'><body>x</body></message>");

        assertThat(reply).isInstanceOf(Message.class);
        assertThat(reply.getTo()).isEqualTo(JULIET);
        assertThat(reply.getID()).isEqualTo("m2");
        assertThat(reply.getElement().attributeValue("type")).isEqualTo("error");
        assertThat(reply.getError().getCondition()).isEqualTo(PacketError.Condition.jid_malformed);
    }

    @Test
    void malformedToOnAnIqRequestIsRejectedWithAnIqError() {
        Packet reply = rejected("<iq to='a@b@c' type='get' id='q1'><query xmlns='jabber:iq:version'/></iq>");

        assertThat(reply).isInstanceOfSatisfying(IQ.class, iq -> {
            assertThat(iq.getType()).isEqualTo(IQ.Type.error);
            assertThat(iq.getID()).isEqualTo("q1");
            assertThat(iq.getTo()).isEqualTo(JULIET);
            assertThat(iq.getError().getCondition()).isEqualTo(PacketError.Condition.jid_malformed);
        });
    }

    @Test
    void invalidMessageTypeIsRejectedWithBadRequest() {
        // RFC 6120 §8.2.3 / RFC 6121 §5.2.2: the message type must be one of the defined values.
        Packet reply = rejected("<message to='romeo@localhost' type='shout' id='m3'><body>x</body></message>");

        assertThat(reply.getError().getCondition()).isEqualTo(PacketError.Condition.bad_request);
        assertThat(reply.getTo()).isEqualTo(JULIET);
        assertThat(reply.getElement().attributeValue("type")).isEqualTo("error");
    }

    @Test
    void aBodyOverTheLimitIsRejectedWithPolicyViolation() {
        Packet reply = rejected("<message to='romeo@localhost' type='chat' id='m4'><body>" + "x".repeat(MAX_BODY_CHARS + 1)
                + "</body></message>");

        assertThat(reply.getElement().element("error").element("policy-violation")).isNotNull();
        assertThat(reply.getTo()).isEqualTo(JULIET);
        assertThat(reply.getID()).isEqualTo("m4");
    }

    @Test
    void aBodyAtTheLimitIsAccepted() {
        Packet stanza = accepted("<message to='romeo@localhost' type='chat' id='m5'><body>" + "x".repeat(MAX_BODY_CHARS)
                + "</body></message>");

        assertThat(((Message) stanza).getBody()).hasSize(MAX_BODY_CHARS);
    }

    @Test
    void invalidPresenceTypeIsRejectedWithBadRequest() {
        Packet reply = rejected("<presence to='romeo@localhost' type='away'/>");

        assertThat(reply.getError().getCondition()).isEqualTo(PacketError.Condition.bad_request);
        assertThat(reply.getTo()).isEqualTo(JULIET);
    }

    @Test
    void iqWithoutIdIsRejectedWithBadRequest() {
        // RFC 6120 §8.2.3: "the 'id' attribute is REQUIRED for IQ stanzas".
        Packet reply = rejected("<iq type='get' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");

        assertThat(reply).isInstanceOfSatisfying(IQ.class, iq -> {
            assertThat(iq.getType()).isEqualTo(IQ.Type.error);
            assertThat(iq.getError().getCondition()).isEqualTo(PacketError.Condition.bad_request);
            assertThat(iq.getTo()).isEqualTo(JULIET);
        });
    }

    @Test
    void iqRequestWithTwoChildrenIsRejectedWithBadRequest() {
        // RFC 6120 §8.2.3: "An IQ stanza of type get or set MUST contain exactly one child element".
        Packet reply = rejected("<iq type='get' id='q2' to='localhost'><ping xmlns='urn:xmpp:ping'/>"
                + "<query xmlns='jabber:iq:version'/></iq>");

        assertThat(reply).isInstanceOfSatisfying(IQ.class, iq -> {
            assertThat(iq.getID()).isEqualTo("q2");
            assertThat(iq.getError().getCondition()).isEqualTo(PacketError.Condition.bad_request);
        });
    }

    @Test
    void iqRequestWithoutChildIsRejectedWithBadRequest() {
        Packet reply = rejected("<iq type='set' id='q3' to='localhost'/>");

        assertThat(reply.getError().getCondition()).isEqualTo(PacketError.Condition.bad_request);
    }

    @Test
    void iqWithUnknownTypeIsRejectedWithBadRequest() {
        Packet reply = rejected("<iq type='fetch' id='q4' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");

        assertThat(reply).isInstanceOfSatisfying(IQ.class, iq -> {
            assertThat(iq.getType()).isEqualTo(IQ.Type.error);
            assertThat(iq.getID()).isEqualTo("q4");
            assertThat(iq.getError().getCondition()).isEqualTo(PacketError.Condition.bad_request);
        });
    }

    // ---- RFC 6120 §8.3.1: an error is never answered with an error ----

    @Test
    void malformedToOnAnErrorStanzaIsDropped() {
        assertThat(admit("<message to='a@b@c' type='error' id='m4'/>")).isInstanceOf(StanzaGate.Result.Dropped.class);
    }

    @Test
    void iqErrorWithoutIdIsDropped() {
        assertThat(admit("<iq type='error' to='localhost'/>")).isInstanceOf(StanzaGate.Result.Dropped.class);
    }

    // ---- helpers ----

    private static Packet accepted(String xml) {
        StanzaGate.Result result = admit(xml);
        assertThat(result).isInstanceOf(StanzaGate.Result.Accepted.class);
        return ((StanzaGate.Result.Accepted) result).stanza();
    }

    private static Packet rejected(String xml) {
        StanzaGate.Result result = admit(xml);
        assertThat(result).isInstanceOf(StanzaGate.Result.Rejected.class);
        return ((StanzaGate.Result.Rejected) result).errorReply();
    }

    private static StanzaGate.Result admit(String stanzaXml) {
        return StanzaGate.admit(parse(stanzaXml), JULIET, MAX_BODY_CHARS);
    }

    /** The element as the server's stream reader builds it from the wire. */
    static Element parse(String stanzaXml) {
        byte[] bytes = (HEADER + stanzaXml).getBytes(StandardCharsets.UTF_8);
        try {
            List<StreamEvent> events = new XmppStreamReader(StreamLimits.defaults()).feed(bytes, 0, bytes.length);
            assertThat(events).hasSize(2).first().isInstanceOf(StreamEvent.StreamOpen.class);
            return ((StreamEvent.Stanza) events.get(1)).element();
        } catch (XmppStreamException e) {
            throw new AssertionError("test input is not a valid stream: " + stanzaXml, e);
        }
    }
}
