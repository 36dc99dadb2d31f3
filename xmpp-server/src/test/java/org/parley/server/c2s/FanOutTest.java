package org.parley.server.c2s;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.module.InterceptorStage;
import org.parley.xmpp.core.module.ModuleContext;
import org.parley.xmpp.core.module.StanzaInterceptor;
import org.parley.xmpp.core.module.Verdict;
import org.parley.xmpp.core.module.XmppModule;
import org.parley.xmpp.core.stream.StreamEvent;
import org.parley.xmpp.core.stream.XmlWriter;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.server.c2s.C2sFixture.SM;
import static org.parley.server.c2s.C2sFixture.element;
import static org.parley.server.c2s.C2sFixture.elements;

/**
 * A groupchat message fanned out by the router ({@code Router.fanOut}, XEP-0045 §7.4 reflection) on the real stream
 * handler: each client gets the bytes its own copy would have been serialised to, its interceptors still decide for
 * it alone, and stream management (XEP-0198) and CSI (XEP-0352) treat the copy like any other stanza.
 */
class FanOutTest {
    private static final JID ROOM_NICK = new JID("room@conference.localhost/Mercutio");
    private static final JID JULIET = new JID("juliet@localhost/balcony");
    private static final JID ROMEO = new JID("romeo@localhost/garden");
    private static final JID NURSE = new JID("nurse@localhost/kitchen");
    private static final String SID = "urn:xmpp:sid:0";

    @TempDir
    static Path dataDir;
    private C2sFixture server;

    @BeforeEach
    void start() {
        server = new C2sFixture(dataDir, 300,
                // Romeo blocks the room (as XEP-0191 would): his copy goes no further.
                new Interceptor(InterceptorStage.BLOCKING, stanza -> stanza.getTo().getNode().equals("romeo")
                        && stanza.getFrom().toBareJID().equals(ROOM_NICK.toBareJID()) ? Verdict.handled() : Verdict.proceed()),
                // Juliet's archive stamps her copy (as XEP-0313 does for what it keeps): a change to her copy only.
                new Interceptor(InterceptorStage.ARCHIVE, stanza -> {
                    if (stanza.getTo().getNode().equals("juliet")) {
                        stanza.getElement().addElement("stanza-id", SID).addAttribute("by", "juliet@localhost")
                                .addAttribute("id", "42");
                    }
                    return Verdict.proceed();
                }));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyRecipientGetsTheBytesOfItsOwnCopyInTheOrderTheRoomSentThem() {
        C2sFixture.Client nurse = server.bound("nurse", "kitchen");
        C2sFixture.Client benvolio = server.bound("benvolio", "street");
        JID benvolioJid = new JID("benvolio@localhost/street");
        int nurseBefore = nurse.received.length();
        int benvolioBefore = benvolio.received.length();
        List<Message> sent = new ArrayList<>();

        for (int i = 1; i <= 20; i++) {
            Message m = groupchat("it's \"line\" " + i + " & <more>");
            sent.add(m);
            server.router.fanOut(m, List.of(NURSE, benvolioJid));
        }
        server.settle();
        nurse.read();
        benvolio.read();

        assertThat(nurse.received.substring(nurseBefore)).isEqualTo(perCopy(sent, NURSE));
        assertThat(benvolio.received.substring(benvolioBefore)).isEqualTo(perCopy(sent, benvolioJid));
    }

    @Test
    void aRecipientWhoBlocksTheRoomDoesNotGetItsCopyAndTheOthersDo() {
        C2sFixture.Client romeo = server.bound("romeo", "garden");
        C2sFixture.Client nurse = server.bound("nurse", "kitchen");

        server.router.fanOut(groupchat("Good morrow"), List.of(ROMEO, NURSE));

        assertThat(messages(romeo.read())).isEmpty();
        assertThat(messages(nurse.read())).extracting(m -> m.elementText("body")).containsExactly("Good morrow");
    }

    @Test
    void anInterceptorsChangeToOneCopyReachesThatRecipientAndNoOther() {
        C2sFixture.Client juliet = server.bound("juliet", "balcony");
        C2sFixture.Client nurse = server.bound("nurse", "kitchen");
        int nurseBefore = nurse.received.length();
        Message m = groupchat("Wherefore");

        server.router.fanOut(m, List.of(JULIET, NURSE));

        Element julietCopy = messages(juliet.read()).getFirst();
        assertThat(julietCopy.element("stanza-id").attributeValue("by")).isEqualTo("juliet@localhost");
        assertThat(julietCopy.attributeValue("to")).isEqualTo(JULIET.toString());
        nurse.read();
        assertThat(nurse.received.substring(nurseBefore)).isEqualTo(perCopy(List.of(m), NURSE)).doesNotContain(SID);
        assertThat(m.getElement().element("stanza-id")).as("the room's stanza is untouched").isNull();
    }

    @Test
    void resumptionResendsTheUnacknowledgedFannedOutStanzasWithTheSameBytes() {
        C2sFixture.Client old = server.bound("nurse", "kitchen");
        String id = server.enableResumable(old);
        int before = old.received.length();
        List<Message> sent = List.of(groupchat("one"), groupchat("two"));
        for (Message m : sent) server.router.fanOut(m, List.of(NURSE));
        old.read();
        String firstTime = withoutAckRequests(old.received.substring(before));
        assertThat(firstTime).isEqualTo(perCopy(sent, NURSE));
        old.cut();
        Message whileAway = groupchat("three");
        server.router.fanOut(whileAway, List.of(NURSE));
        server.settle();

        C2sFixture.Client next = server.authenticated("nurse");
        int resumedAt = next.received.length();
        List<StreamEvent> events = next.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='0'/>");

        assertThat(element(events, "resumed", SM).attributeValue("h")).isEqualTo("0");
        String resent = next.received.substring(resumedAt);
        resent = withoutAckRequests(resent.substring(resent.indexOf("<message")));
        assertThat(resent).isEqualTo(firstTime + perCopy(List.of(whileAway), NURSE));
        assertThat(element(next.send("<a xmlns='urn:xmpp:sm:3' h='3'/><r xmlns='urn:xmpp:sm:3'/>"), "a", SM)).isNotNull();
        assertThat(server.offline).isEmpty();
    }

    @Test
    void anInactiveClientGetsAHeldChatStateBeforeTheMessageThatFollowsIt() {
        C2sFixture.Client nurse = server.bound("nurse", "kitchen");
        nurse.send("<inactive xmlns='urn:xmpp:csi:0'/>");
        int before = nurse.received.length();
        Message composing = groupchat(null);
        composing.getElement().addElement("composing", "http://jabber.org/protocol/chatstates");

        server.router.fanOut(composing, List.of(NURSE));
        assertThat(messages(nurse.read())).as("held while inactive").isEmpty();
        Message line = groupchat("Anon!");
        server.router.fanOut(line, List.of(NURSE));
        nurse.read();

        assertThat(nurse.received.substring(before)).isEqualTo(perCopy(List.of(composing, line), NURSE));
    }

    @Test
    void aStanzaFannedOutToASessionThatEndedIsRoutedAgainNotLost() {
        C2sFixture.Client nurse = server.bound("nurse", "kitchen");
        server.enableResumable(nurse);
        Message m = new Message();
        m.setFrom(new JID("juliet@localhost/balcony"));
        m.setType(Message.Type.chat);
        m.setBody("for the nurse");
        server.router.fanOut(m, List.of(NURSE));
        nurse.send("</stream:stream>");

        // RFC 6121 §8.5.3.2.1 via the unacknowledged stanzas' fate: the full JID is gone, offline storage takes it.
        assertThat(server.offline).extracting(Message::getBody).containsExactly("for the nurse");
    }

    private static Message groupchat(String body) {
        Message m = new Message();
        m.setType(Message.Type.groupchat);
        m.setFrom(ROOM_NICK);
        m.setID("id-" + body);
        if (body != null) m.setBody(body);
        m.getElement().addElement("occupant-id", "urn:xmpp:occupant-id:0").addAttribute("id", "m3rc");
        return m;
    }

    /** What the client gets when each copy is serialised on its own, as before fan-out. */
    private static String perCopy(List<Message> messages, JID to) {
        StringBuilder out = new StringBuilder();
        for (Message m : messages) {
            Message copy = m.createCopy();
            copy.setTo(to);
            out.append(XmlWriter.toXml(copy.getElement(), Namespaces.CLIENT));
        }
        return out.toString();
    }

    private static String withoutAckRequests(String xml) {
        return xml.replace("<r xmlns='urn:xmpp:sm:3'/>", "");
    }

    private static List<Element> messages(List<StreamEvent> events) {
        return elements(events).stream().filter(e -> e.getName().equals("message")).toList();
    }

    /** A module with one inbound interceptor (real registration through the module SPI). */
    private record Interceptor(InterceptorStage stage, java.util.function.Function<Packet, CompletionStage<Verdict>> inbound)
            implements XmppModule, StanzaInterceptor {
        @Override
        public String name() {
            return "test-" + stage;
        }

        @Override
        public void start(ModuleContext context) {
            context.addInterceptor(stage, this);
        }

        @Override
        public CompletionStage<Verdict> inbound(Packet stanza) {
            return inbound.apply(stanza);
        }
    }
}
