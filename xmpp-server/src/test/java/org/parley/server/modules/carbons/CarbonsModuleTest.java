package org.parley.server.modules.carbons;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.server.session.LocalSessionTable;
import org.parley.server.session.SessionEntry;
import org.parley.xmpp.core.module.InterceptorStage;
import org.parley.xmpp.core.module.IqKey;
import org.parley.xmpp.core.module.testing.RecordingModuleContext;
import org.parley.xmpp.core.module.testing.RecordingOutbox;
import org.parley.xmpp.core.module.testing.RecordingRouter;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Message Carbons (XEP-0280) with three resources of Juliet: who gets which copy. */
class CarbonsModuleTest {
    private static final JID BALCONY = new JID("juliet@localhost/balcony");
    private static final JID CHAMBER = new JID("juliet@localhost/chamber");
    private static final JID GARDEN = new JID("juliet@localhost/garden");
    private static final JID ROMEO = new JID("romeo@localhost/orchard");

    private final LocalSessionTable table = new LocalSessionTable();
    private final RecordingRouter router = new RecordingRouter();
    private RecordingModuleContext context;
    private CarbonsModule module;

    @BeforeEach
    void setUp() {
        for (JID jid : List.of(BALCONY, CHAMBER, GARDEN, ROMEO)) {
            table.put(new SessionEntry(jid, "s-" + jid.getResource(), "local", jid.equals(BALCONY) ? 5 : 0, true));
        }
        context = new RecordingModuleContext("localhost", router, bare -> List.of());
        module = new CarbonsModule(table);
        module.start(context);
        enable(CHAMBER);
        enable(GARDEN);
    }

    @Test
    void startAdvertisesTheFeatureAndServesEnableAndDisable() {
        assertThat(context.features()).contains("urn:xmpp:carbons:2");
        assertThat(context.handler(IqKey.account(IQ.Type.set, "enable", "urn:xmpp:carbons:2"))).contains(module);
        assertThat(context.handler(IqKey.server(IQ.Type.set, "disable", "urn:xmpp:carbons:2"))).contains(module);
        assertThat(context.interceptors(InterceptorStage.CARBONS)).containsExactly(module);
    }

    @Test
    void aMessageToTheBareJidIsCopiedAsReceivedToTheEnabledResourcesThatDoNotGetIt() {
        Message message = chat(ROMEO, new JID("juliet@localhost"), "hello");

        module.inbound(message);

        // BALCONY (priority 5) gets the original; CHAMBER and GARDEN asked for carbons (§6).
        assertThat(copiesTo(CHAMBER, "received")).containsExactly("hello");
        assertThat(copiesTo(GARDEN, "received")).containsExactly("hello");
        assertThat(router.deliveredTo(BALCONY)).isEmpty();
        Packet carbon = router.deliveredTo(CHAMBER).getFirst();
        assertThat(carbon.getFrom()).as("§6: from the user's bare JID").isEqualTo(new JID("juliet@localhost"));
        Element inner = carbon.getElement().element("received").element("forwarded").element("message");
        assertThat(inner.attributeValue("from")).isEqualTo(ROMEO.toString());
    }

    @Test
    void aMessageToOneResourceIsCopiedToTheOthersButNotToItself() {
        module.inbound(chat(ROMEO, CHAMBER, "to the chamber"));

        assertThat(router.deliveredTo(CHAMBER)).isEmpty();
        assertThat(copiesTo(GARDEN, "received")).containsExactly("to the chamber");
    }

    @Test
    void aMessageSentByOneResourceIsCopiedAsSentToTheOtherEnabledOnes() {
        module.outbound(chat(GARDEN, ROMEO.asBareJID(), "sent from the garden"));

        assertThat(copiesTo(CHAMBER, "sent")).containsExactly("sent from the garden");
        assertThat(router.deliveredTo(GARDEN)).as("never to the sender").isEmpty();
        assertThat(router.deliveredTo(BALCONY)).as("carbons not enabled").isEmpty();
    }

    @Test
    void aDisabledResourceGetsNoMoreCopies() {
        disable(GARDEN);

        module.inbound(chat(ROMEO, new JID("juliet@localhost"), "hello"));

        assertThat(router.deliveredTo(GARDEN)).isEmpty();
        assertThat(copiesTo(CHAMBER, "received")).hasSize(1);
    }

    @Test
    void anEndedSessionForgetsItsChoice() {
        module.unbound(GARDEN);

        assertThat(module.isEnabled(GARDEN)).isFalse();
        assertThat(module.isEnabled(CHAMBER)).isTrue();
    }

    @Test
    void aPrivateMessageIsNotCopied() {
        Message message = chat(ROMEO, new JID("juliet@localhost"), "just for you");
        message.addChildElement("private", "urn:xmpp:carbons:2");

        module.inbound(message);
        module.outbound(chat(GARDEN, ROMEO, "x")); // to show copies still work otherwise

        assertThat(router.deliveredTo(CHAMBER)).hasSize(1);
        assertThat(copiesTo(CHAMBER, "received")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "chat                           | true  | <message type='chat'><body>x</body></message>",
            "chat without body              | true  | <message type='chat'><active xmlns='http://jabber.org/protocol/chatstates'/></message>",
            "normal with body               | true  | <message><body>x</body></message>",
            "normal receipt (XEP-0184)      | true  | <message><received xmlns='urn:xmpp:receipts' id='a'/></message>",
            "normal marker (XEP-0333)       | true  | <message><displayed xmlns='urn:xmpp:chat-markers:0' id='a'/></message>",
            "normal without IM payload      | false | <message><x xmlns='jabber:x:conference' jid='room@muc'/></message>",
            "groupchat                      | false | <message type='groupchat'><body>x</body></message>",
            "headline                       | false | <message type='headline'><body>x</body></message>",
            "private (§8)                   | false | <message type='chat'><body>x</body><private xmlns='urn:xmpp:carbons:2'/></message>",
            "no-copy hint (XEP-0334)        | false | <message type='chat'><body>x</body><no-copy xmlns='urn:xmpp:hints'/></message>",
            "a carbon copy itself           | false | <message type='chat'><received xmlns='urn:xmpp:carbons:2'/></message>",
    })
    void eligibleMessages(String what, boolean eligible, String xml) throws Exception {
        Message message = new Message(DocumentHelper.parseText(xml.replace("<message", "<message xmlns='jabber:client'"))
                .getRootElement());

        assertThat(CarbonRules.eligible(message)).as(what).isEqualTo(eligible);
    }

    private List<String> copiesTo(JID resource, String direction) {
        return router.deliveredTo(resource).stream()
                .map(p -> p.getElement().element(direction))
                .filter(e -> e != null)
                .map(e -> e.element("forwarded").element("message").elementText("body"))
                .toList();
    }

    private void enable(JID resource) {
        IQ iq = new IQ(IQ.Type.set);
        iq.setFrom(resource);
        iq.setChildElement("enable", "urn:xmpp:carbons:2");
        assertThat(module.handle(iq, new RecordingOutbox()).getType()).isEqualTo(IQ.Type.result);
    }

    private void disable(JID resource) {
        IQ iq = new IQ(IQ.Type.set);
        iq.setFrom(resource);
        iq.setChildElement("disable", "urn:xmpp:carbons:2");
        module.handle(iq, new RecordingOutbox());
    }

    private static Message chat(JID from, JID to, String body) {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setFrom(from);
        m.setTo(to);
        m.setBody(body);
        return m;
    }
}
