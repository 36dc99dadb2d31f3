package org.parley.server.c2s;

import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.server.c2s.C2sFixture.assertStreamErrorAndClosed;
import static org.parley.server.c2s.C2sFixture.elements;

/**
 * Client State Indication (XEP-0352 §3) on the real stream handler: an inactive client gets messages with a body at
 * once, after what was held; presence and chat states wait, collapsed, until {@code <active/>}; held stanzas count
 * for stream management (XEP-0198 §4) only once sent.
 */
class ClientStateIndicationTest {
    private static final JID ROMEO = new JID("romeo@localhost/orchard");

    @TempDir
    static Path dataDir;
    private C2sFixture server;

    @BeforeEach
    void start() {
        server = new C2sFixture(dataDir, 300);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anInactiveClientGetsAMessageWithABodyAtOnceAfterThePresenceHeldBeforeIt() {
        C2sFixture.Client romeo = server.bound("romeo", "orchard");
        assertThat(romeo.send("<inactive xmlns='urn:xmpp:csi:0'/>")).isEmpty();

        deliver(presence("juliet@localhost/balcony", "away"));
        deliver(presence("juliet@localhost/balcony", "xa"));
        deliver(chatState("juliet@localhost/balcony", "composing"));
        assertThat(romeo.read()).isEmpty();
        deliver(chat("juliet@localhost/balcony", "Wherefore art thou?"));

        assertThat(describe(elements(romeo.read()))).containsExactly(
                "presence juliet@localhost/balcony xa", "chatstate juliet@localhost/balcony composing",
                "message juliet@localhost/balcony Wherefore art thou?");
    }

    @Test
    void becomingActiveSendsTheLatestPresenceOfEachContactInOrder() {
        C2sFixture.Client romeo = server.bound("romeo", "orchard");
        romeo.send("<inactive xmlns='urn:xmpp:csi:0'/>");
        deliver(presence("juliet@localhost/balcony", "away"));
        deliver(presence("nurse@localhost/kitchen", "dnd"));
        deliver(presence("juliet@localhost/balcony", "chat"));
        assertThat(romeo.read()).isEmpty();

        List<Element> out = elements(romeo.send("<active xmlns='urn:xmpp:csi:0'/>"));

        assertThat(describe(out)).containsExactly("presence nurse@localhost/kitchen dnd", "presence juliet@localhost/balcony chat");
        deliver(presence("juliet@localhost/balcony", "away"));
        assertThat(elements(romeo.read())).hasSize(1);
    }

    @Test
    void iqsGoOutAtOnceToo() {
        C2sFixture.Client romeo = server.bound("romeo", "orchard");
        romeo.send("<inactive xmlns='urn:xmpp:csi:0'/>");
        deliver(presence("juliet@localhost/balcony", "away"));

        List<Element> out = elements(romeo.send("<iq type='get' id='p1' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>"));

        assertThat(out).extracting(Element::getName).containsExactly("presence", "iq");
    }

    @Test
    void heldStanzasCountForStreamManagementOnlyWhenSent() {
        C2sFixture.Client romeo = server.bound("romeo", "orchard");
        server.enableResumable(romeo);
        romeo.send("<inactive xmlns='urn:xmpp:csi:0'/>");
        for (String show : List.of("away", "xa", "dnd")) deliver(presence("juliet@localhost/balcony", show));
        assertThat(romeo.read()).as("no stanza sent, no <r/> either").isEmpty();

        assertThat(describe(elements(romeo.send("<active xmlns='urn:xmpp:csi:0'/>")))).containsExactly("presence juliet@localhost/balcony dnd");

        assertThat(romeo.send("<a xmlns='urn:xmpp:sm:3' h='1'/>")).isEmpty();
        // Acknowledging the two collapsed presences too would be more than was sent.
        assertThat(assertStreamErrorAndClosed(romeo, romeo.send("<a xmlns='urn:xmpp:sm:3' h='3'/>"), "undefined-condition")
                .element("handled-count-too-high").attributeValue("send-count")).isEqualTo("1");
    }

    @Test
    void clientStateBeforeBindingIsIgnored() {
        C2sFixture.Client romeo = server.authenticated("romeo");

        assertThat(romeo.send("<inactive xmlns='urn:xmpp:csi:0'/>")).isEmpty();
        assertThat(romeo.channel.isOpen()).isTrue();
    }

    private void deliver(Packet stanza) {
        stanza.setTo(ROMEO);
        server.session(ROMEO.toString()).deliver(stanza);
    }

    private static Presence presence(String from, String show) {
        Presence p = new Presence();
        p.setFrom(from);
        p.getElement().addElement("show").setText(show);
        return p;
    }

    private static Message chatState(String from, String state) {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setFrom(from);
        m.getElement().addElement(state, "http://jabber.org/protocol/chatstates");
        return m;
    }

    private static Message chat(String from, String body) {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setFrom(from);
        m.setBody(body);
        return m;
    }

    private static List<String> describe(List<Element> elements) {
        return elements.stream().map(e -> switch (e.getName()) {
            case "presence" -> "presence " + e.attributeValue("from") + " " + e.elementText("show");
            case "message" -> e.element("body") != null ? "message " + e.attributeValue("from") + " " + e.elementText("body")
                    : "chatstate " + e.attributeValue("from") + " " + e.elements().get(0).getName();
            default -> e.getName();
        }).toList();
    }
}
