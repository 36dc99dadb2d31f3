package org.parley.server.c2s;

import io.netty.handler.timeout.IdleStateEvent;
import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.stream.StreamEvent;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Presence;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.server.c2s.C2sFixture.SM;
import static org.parley.server.c2s.C2sFixture.assertStreamErrorAndClosed;
import static org.parley.server.c2s.C2sFixture.element;
import static org.parley.server.c2s.C2sFixture.elements;

/**
 * Stream management (XEP-0198) on the real stream handler: enabling (§3), acknowledgements (§4), resumption (§5),
 * and what happens to unacknowledged stanzas when a session ends for good (never dropped).
 */
class StreamManagementTest {
    private static final JID JULIET = new JID("juliet@localhost/balcony");

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

    // ---- §2, §3: feature and enabling ----

    @Test
    void streamManagementAndClientStateIndicationAreOfferedAfterAuthentication() {
        C2sFixture.Client client = server.authenticated("juliet");

        assertThat(client.features.elements()).extracting(e -> "{" + e.getNamespaceURI() + "}" + e.getName())
                .contains("{urn:xmpp:sm:3}sm", "{urn:xmpp:csi:0}csi", "{" + Namespaces.BIND + "}bind");
    }

    @Test
    void enablingBeforeBindingFailsWithUnexpectedRequestAndTheClientMayStillBind() {
        C2sFixture.Client client = server.authenticated("juliet");

        Element failed = element(client.send("<enable xmlns='urn:xmpp:sm:3'/>"), "failed", SM);

        assertThat(failed.element("unexpected-request").getNamespaceURI()).isEqualTo(Namespaces.STANZA_ERRORS);
        assertThat(element(client.send("<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>"),
                "iq", Namespaces.CLIENT).attributeValue("type")).isEqualTo("result");
    }

    @Test
    void enablingTwiceFailsWithUnexpectedRequest() {
        C2sFixture.Client client = server.bound("juliet", "balcony");
        server.enableResumable(client);

        Element failed = element(client.send("<enable xmlns='urn:xmpp:sm:3'/>"), "failed", SM);

        assertThat(failed.element("unexpected-request")).isNotNull();
        assertThat(client.channel.isOpen()).isTrue();
    }

    @Test
    void enablingWithResumptionGivesAnIdAndTheConfiguredResumptionTime() {
        C2sFixture.Client client = server.bound("juliet", "balcony");

        Element enabled = element(client.send("<enable xmlns='urn:xmpp:sm:3' resume='true'/>"), "enabled", SM);

        assertThat(enabled.attributeValue("id")).hasSizeGreaterThanOrEqualTo(20);
        assertThat(enabled.attributeValue("resume")).isEqualTo("true");
        assertThat(enabled.attributeValue("max")).isEqualTo("300");
        assertThat(server.resumables.size()).isEqualTo(1);
    }

    @Test
    void aClientThatPrefersAShorterResumptionTimeGetsIt() {
        C2sFixture.Client client = server.bound("juliet", "balcony");

        Element enabled = element(client.send("<enable xmlns='urn:xmpp:sm:3' resume='1' max='60'/>"), "enabled", SM);

        assertThat(enabled.attributeValue("max")).isEqualTo("60");
    }

    @Test
    void enablingWithoutResumptionGivesNoId() {
        // XEP-0198 §5: "If the server does not support session resumption, it MUST NOT include a 'resume' attribute".
        C2sFixture.Client client = server.bound("juliet", "balcony");

        Element enabled = element(client.send("<enable xmlns='urn:xmpp:sm:3'/>"), "enabled", SM);

        assertThat(enabled.attributes()).isEmpty();
        assertThat(server.resumables.size()).isZero();
    }

    @Test
    void aServerWithResumptionTurnedOffEnablesWithoutAnId(@TempDir Path otherDir) {
        try (C2sFixture noResumption = new C2sFixture(otherDir, 0)) {
            C2sFixture.Client client = noResumption.bound("juliet", "balcony");

            Element enabled = element(client.send("<enable xmlns='urn:xmpp:sm:3' resume='true'/>"), "enabled", SM);

            assertThat(enabled.attributeValue("resume")).isNull();
            assertThat(enabled.attributeValue("id")).isNull();
        }
    }

    // ---- §4: acknowledgements ----

    @Test
    void aRequestIsAnsweredWithTheNumberOfStanzasHandledSinceEnablingNonzasNotCounted() {
        C2sFixture.Client client = server.bound("juliet", "balcony");
        client.send("<presence/>"); // before enabling: not counted
        server.enableResumable(client);

        client.send("<iq type='get' id='p1' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>"
                + "<a xmlns='urn:xmpp:sm:3' h='0'/><message to='juliet@localhost/balcony'><body>note to self</body></message>"
                + "<presence><show>away</show></presence>");
        List<StreamEvent> events = client.send("<r xmlns='urn:xmpp:sm:3'/>");

        assertThat(element(events, "a", SM).attributeValue("h")).isEqualTo("3");
    }

    @Test
    void theServerRequestsAnAcknowledgementAfterFiveStanzasOrAMomentAfterFewer() {
        C2sFixture.Client client = server.bound("juliet", "balcony");
        server.enableResumable(client);
        server.freezeTime();

        for (int i = 1; i <= 5; i++) server.session("juliet@localhost/balcony").deliver(chat(i));
        List<Element> burst = elements(client.read());
        assertThat(burst).extracting(Element::getName).containsExactly("message", "message", "message", "message", "message", "r");

        server.session("juliet@localhost/balcony").deliver(chat(6));
        assertThat(elements(client.read())).extracting(Element::getName).containsExactly("message");
        server.advanceSeconds(1);
        assertThat(elements(client.read())).extracting(Element::getName).containsExactly("r");
    }

    @Test
    void anAcknowledgementOfMoreThanWasSentEndsTheStreamWithHandledCountTooHigh() {
        C2sFixture.Client client = server.bound("juliet", "balcony");
        server.enableResumable(client);
        for (int i = 1; i <= 3; i++) server.session("juliet@localhost/balcony").deliver(chat(i));
        client.read();
        assertThat(client.send("<a xmlns='urn:xmpp:sm:3' h='2'/>")).isEmpty();

        List<StreamEvent> events = client.send("<a xmlns='urn:xmpp:sm:3' h='4'/>");

        // XEP-0198 §4: <undefined-condition/> with <handled-count-too-high h='…' send-count='…'/>.
        Element error = assertStreamErrorAndClosed(client, events, "undefined-condition");
        Element tooHigh = error.element("handled-count-too-high");
        assertThat(tooHigh.getNamespaceURI()).isEqualTo(SM);
        assertThat(tooHigh.attributeValue("h")).isEqualTo("4");
        assertThat(tooHigh.attributeValue("send-count")).isEqualTo("3");
    }

    // ---- §5: resumption ----

    @Test
    void aResumableSessionWhoseConnectionDiesStaysBoundAndAvailableAndKeepsWhatIsRoutedToIt() {
        C2sFixture.Client juliet = server.bound("juliet", "balcony");
        juliet.send("<presence/>");
        server.enableResumable(juliet);

        juliet.cut();

        assertThat(server.table.get(JULIET)).hasValueSatisfying(e -> assertThat(e.available()).isTrue());
        assertThat(server.locals.get(JULIET)).isPresent();
        server.session(JULIET.toString()).deliver(chat(1));
        server.settle();
        assertThat(server.offline).isEmpty();
    }

    @Test
    void resumingSendsResumedThenEveryUnacknowledgedStanzaInOrderAndKeepsTheFullJid() {
        C2sFixture.Client old = server.bound("juliet", "balcony");
        old.send("<presence/>");
        String id = server.enableResumable(old);
        old.send("<iq type='get' id='p1' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
        for (int i = 1; i <= 3; i++) server.session(JULIET.toString()).deliver(chat(i));
        old.read();
        old.send("<a xmlns='urn:xmpp:sm:3' h='2'/>"); // the client acknowledges the pong and message 1
        old.cut();
        for (int i = 4; i <= 5; i++) server.session(JULIET.toString()).deliver(chat(i));

        C2sFixture.Client next = server.authenticated("juliet");
        // The client had handled message 2 as well, but not acknowledged it yet.
        List<StreamEvent> events = next.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='3'/>");

        List<Element> out = elements(events);
        assertThat(out.get(0).getName()).isEqualTo("resumed");
        assertThat(out.get(0).attributeValue("previd")).isEqualTo(id);
        assertThat(out.get(0).attributeValue("h")).isEqualTo("1"); // the ping
        assertThat(out.stream().filter(e -> e.getName().equals("message")).map(e -> e.elementText("body")))
                .containsExactly("m3", "m4", "m5");
        // The stream continues with the same full JID and counters.
        server.session(JULIET.toString()).deliver(chat(6));
        assertThat(elements(next.read()).stream().filter(e -> e.getName().equals("message")).map(e -> e.elementText("body")))
                .containsExactly("m6");
        Element pong = element(next.send("<iq type='get' id='p2' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>"),
                "iq", Namespaces.CLIENT);
        assertThat(pong.attributeValue("to")).isEqualTo(JULIET.toString());
        assertThat(element(next.send("<r xmlns='urn:xmpp:sm:3'/>"), "a", SM).attributeValue("h")).isEqualTo("2");
        assertThat(element(next.send("<a xmlns='urn:xmpp:sm:3' h='7'/><r xmlns='urn:xmpp:sm:3'/>"), "a", SM)).isNotNull();
        assertThat(server.table.size()).isEqualTo(1);
    }

    @Test
    void resumingAnUnknownSessionFailsWithItemNotFoundAndTheClientMayBind() {
        C2sFixture.Client client = server.authenticated("juliet");

        Element failed = element(client.send("<resume xmlns='urn:xmpp:sm:3' previd='no-such-session' h='0'/>"), "failed", SM);

        assertThat(failed.element("item-not-found").getNamespaceURI()).isEqualTo(Namespaces.STANZA_ERRORS);
        assertThat(element(client.send("<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>"),
                "iq", Namespaces.CLIENT).attributeValue("type")).isEqualTo("result");
    }

    @Test
    void resumingASessionThatTimedOutFailsWithTheCountOfHandledStanzas() {
        C2sFixture.Client juliet = server.bound("juliet", "balcony");
        String id = server.enableResumable(juliet);
        juliet.send("<presence/>");
        juliet.send("<message to='romeo@localhost' type='chat' id='a'><body>one</body></message>");
        server.freezeTime();
        juliet.cut();
        server.settle();
        server.advanceSeconds(300);
        assertThat(server.table.get(JULIET)).isEmpty();

        C2sFixture.Client again = server.authenticated("juliet");
        Element failed = element(again.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='0'/>"), "failed", SM);

        // XEP-0198 §5: <failed h='…'/> tells the client its two stanzas were handled; it need not resend them.
        assertThat(failed.element("item-not-found")).isNotNull();
        assertThat(failed.attributeValue("h")).isEqualTo("2");
        C2sFixture.Client romeo = server.authenticated("romeo");
        Element other = element(romeo.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='0'/>"), "failed", SM);
        assertThat(other.attributeValue("h")).as("another account learns nothing").isNull();
    }

    @Test
    void anotherAccountCannotResumeTheSession() {
        C2sFixture.Client juliet = server.bound("juliet", "balcony");
        String id = server.enableResumable(juliet);
        juliet.cut();

        C2sFixture.Client romeo = server.authenticated("romeo");
        Element failed = element(romeo.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='0'/>"), "failed", SM);

        assertThat(failed.element("item-not-found")).isNotNull();
        assertThat(server.table.get(JULIET)).isPresent();
    }

    @Test
    void resumingOnABoundStreamFailsWithUnexpectedRequest() {
        C2sFixture.Client juliet = server.bound("juliet", "balcony");
        String id = server.enableResumable(juliet);

        Element failed = element(juliet.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='0'/>"), "failed", SM);

        assertThat(failed.element("unexpected-request")).isNotNull();
    }

    @Test
    void resumingWhileTheOldConnectionIsStillOpenClosesItWithConflict() {
        C2sFixture.Client old = server.bound("juliet", "balcony");
        String id = server.enableResumable(old);
        server.session(JULIET.toString()).deliver(chat(1));
        old.read();

        C2sFixture.Client next = server.authenticated("juliet");
        List<StreamEvent> events = next.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='0'/>");

        assertThat(element(events, "resumed", SM)).isNotNull();
        assertThat(element(events, "message", Namespaces.CLIENT).elementText("body")).isEqualTo("m1");
        assertStreamErrorAndClosed(old, old.read(), "conflict");
        // Closing the old connection neither ended nor detached the session.
        assertThat(server.table.get(JULIET)).isPresent();
        server.session(JULIET.toString()).deliver(chat(2));
        assertThat(element(next.read(), "message", Namespaces.CLIENT).elementText("body")).isEqualTo("m2");
    }

    @Test
    void resumingWithAnAcknowledgementOfMoreThanWasSentIsAStreamError() {
        C2sFixture.Client old = server.bound("juliet", "balcony");
        String id = server.enableResumable(old);
        old.cut();

        C2sFixture.Client next = server.authenticated("juliet");
        List<StreamEvent> events = next.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='1'/>");

        assertThat(assertStreamErrorAndClosed(next, events, "undefined-condition").element("handled-count-too-high")).isNotNull();
        assertThat(server.table.get(JULIET)).as("the session still waits for its client").isPresent();
    }

    // ---- never drop: sessions that end for good ----

    @Test
    void aSessionNotResumedInTimeEndsAndItsUnacknowledgedMessagesGoToOfflineStorageInOrder() {
        C2sFixture.Client juliet = server.bound("juliet", "balcony");
        juliet.send("<presence/>");
        server.enableResumable(juliet);
        server.freezeTime();
        for (int i = 1; i <= 2; i++) server.session(JULIET.toString()).deliver(chat(i));
        juliet.read();
        juliet.cut();
        for (int i = 3; i <= 4; i++) server.session(JULIET.toString()).deliver(chat(i));
        Presence presence = new Presence();
        presence.setFrom("nurse@localhost/kitchen");
        presence.setTo(JULIET);
        server.session(JULIET.toString()).deliver(presence);
        server.settle();

        server.advanceSeconds(299);
        assertThat(server.table.get(JULIET)).isPresent();
        server.advanceSeconds(1);

        assertThat(server.table.get(JULIET)).isEmpty();
        assertThat(server.locals.get(JULIET)).isEmpty();
        assertThat(server.resumables.size()).isZero();
        // RFC 6121 §8.5.3.2.1: to a gone resource, chat falls back to the bare JID: nobody online, offline storage.
        assertThat(server.offline).extracting(Message::getBody).containsExactly("m1", "m2", "m3", "m4");
        assertThat(server.offline.get(0).getChildElement("delay", "urn:xmpp:delay")).isNotNull();
    }

    @Test
    void unacknowledgedMessagesGoToAnotherResourceOfTheUserWhenTheSessionEnds() {
        C2sFixture.Client balcony = server.bound("juliet", "balcony");
        balcony.send("<presence/>");
        server.enableResumable(balcony);
        C2sFixture.Client garden = server.bound("juliet", "garden");
        garden.send("<presence/>");
        balcony.read();
        garden.read();
        server.freezeTime();
        balcony.cut();
        server.session(JULIET.toString()).deliver(chat(1));
        server.settle();

        server.advanceSeconds(300);

        assertThat(elements(garden.read()).stream().filter(e -> e.getName().equals("message")).map(e -> e.elementText("body")))
                .containsExactly("m1");
        assertThat(server.offline).isEmpty();
    }

    @Test
    void closingTheStreamWithUnacknowledgedMessagesRoutesThemAgain() {
        C2sFixture.Client juliet = server.bound("juliet", "balcony");
        server.enableResumable(juliet);
        for (int i = 1; i <= 3; i++) server.session(JULIET.toString()).deliver(chat(i));
        juliet.read();
        juliet.send("<a xmlns='urn:xmpp:sm:3' h='1'/>");

        List<StreamEvent> events = juliet.send("</stream:stream>");

        assertThat(events).last().isInstanceOf(StreamEvent.StreamClose.class);
        assertThat(server.table.size()).isZero();
        assertThat(server.offline).extracting(Message::getBody).containsExactly("m2", "m3");
    }

    @Test
    void aResourceConflictEndsADetachedSessionAndItsMessagesGoToTheNewSession() {
        C2sFixture.Client old = server.bound("juliet", "balcony");
        server.enableResumable(old);
        old.cut();
        server.session(JULIET.toString()).deliver(chat(1));
        server.settle();

        // RFC 6120 §7.7.2.2: binding the same resource again ends the older session.
        C2sFixture.Client next = server.authenticated("juliet");
        List<Element> out = elements(next.send("<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                + "<resource>balcony</resource></bind></iq>"));

        assertThat(out).extracting(Element::getName).containsExactly("iq", "message");
        assertThat(out.get(1).elementText("body")).isEqualTo("m1");
        assertThat(server.table.size()).isEqualTo(1);
        assertThat(server.resumables.size()).isZero();
    }

    @Test
    void tooManyUnacknowledgedStanzasEndTheSessionAndItsMessagesAreKept() {
        C2sFixture.Client juliet = server.bound("juliet", "balcony");
        server.enableResumable(juliet);
        juliet.cut();
        int max = server.config().streamManagement().maxUnackedStanzas();

        for (int i = 1; i <= max + 1; i++) server.session(JULIET.toString()).deliver(chat(i));
        server.settle();

        assertThat(server.table.size()).isZero();
        assertThat(server.offline).hasSize(max + 1);
    }

    // ---- keepalive ----

    @Test
    void withStreamManagementTheKeepalivePingIsAnAckRequestAndATimeoutDetachesAResumableSession() {
        C2sFixture.Client juliet = server.bound("juliet", "balcony");
        server.enableResumable(juliet);
        server.freezeTime();

        juliet.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertThat(elements(juliet.read())).extracting(Element::getName).containsExactly("r");
        server.advanceSeconds(server.config().keepalive().pingTimeoutSeconds());

        assertThat(juliet.channel.isOpen()).isFalse();
        assertThat(server.table.get(JULIET)).as("detached, not ended").isPresent();
        assertThat(server.resumables.size()).isEqualTo(1);
    }

    @Test
    void anAnsweredKeepaliveRequestKeepsTheConnection() {
        C2sFixture.Client juliet = server.bound("juliet", "balcony");
        server.enableResumable(juliet);
        server.freezeTime();
        juliet.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        juliet.read();

        juliet.send("<a xmlns='urn:xmpp:sm:3' h='0'/>");
        server.advanceSeconds(server.config().keepalive().pingTimeoutSeconds());

        assertThat(juliet.channel.isOpen()).isTrue();
    }

    private static Message chat(int n) {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setFrom("romeo@localhost/orchard");
        m.setTo(JULIET);
        m.setID("m" + n);
        m.setBody("m" + n);
        return m;
    }
}
