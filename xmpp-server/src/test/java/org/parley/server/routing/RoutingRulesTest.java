package org.parley.server.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.server.session.LocalSessionTable;
import org.parley.server.session.SessionEntry;
import org.parley.xmpp.core.module.IqTarget;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError.Condition;
import org.xmpp.packet.Presence;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RoutingRules#decide} as a table (STYLE.md §6): one row per delivery rule of RFC 6120 §10 and RFC 6121 §8.5,
 * each against a real {@link LocalSessionTable} holding the row's sessions. A bounce or ignore must cite the same
 * section as the row.
 */
class RoutingRulesTest {
    private static final String DOMAIN = "localhost";
    private static final String ROMEO = "romeo@localhost/orchard";
    private static final String JULIET = "juliet@localhost";
    private static final String SERVICE = "conference.localhost";

    /** One rule: a stanza, the sessions in the table, the expected decision. */
    record Row(String rule, Packet stanza, List<SessionEntry> sessions, Decision expected) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static Stream<Row> rules() {
        return Stream.of(
                // ---- no 'to' (RFC 6120 §10.3) ----
                new Row("RFC 6120 §10.3.3: an IQ request without 'to' is handled on behalf of the sender's account",
                        iq(IQ.Type.get, null), List.of(), new Decision.HandleIq(IqTarget.ACCOUNT)),
                new Row("RFC 6120 §10.3.3: an IQ response without 'to' is consumed",
                        iq(IQ.Type.result, null), List.of(), ignore("RFC 6120 §10.3.3")),
                new Row("RFC 6120 §10.3.1: a message without 'to' is treated as sent to the sender's bare JID",
                        message(Message.Type.chat, null),
                        List.of(session(ROMEO, 0), session("romeo@localhost/garden", 3)),
                        deliver("romeo@localhost/garden")),
                new Row("RFC 6121 §4.2.2: available presence without 'to' is the sender's own presence",
                        presence(null, null), List.of(session(ROMEO, 0)), new Decision.OwnPresence()),
                new Row("RFC 6121 §4.5.2: unavailable presence without 'to' is the sender's own presence",
                        presence(Presence.Type.unavailable, null), List.of(session(ROMEO, 0)), new Decision.OwnPresence()),
                new Row("RFC 6121 §4.2.2: a subscription presence without 'to' is not broadcast",
                        presence(Presence.Type.subscribe, null), List.of(session(ROMEO, 0)), ignore("RFC 6121 §4.2.2")),

                // ---- remote domains (RFC 6120 §10.4) ----
                new Row("RFC 6120 §10.4.3: a stanza to a remote domain bounces with remote-server-not-found",
                        message(Message.Type.chat, "mercutio@verona.example"), List.of(),
                        bounce(Condition.remote_server_not_found, "RFC 6120 §10.4.3")),
                new Row("RFC 6120 §10.4.3: an error to a remote domain is dropped, never answered",
                        message(Message.Type.error, "mercutio@verona.example"), List.of(), ignore("RFC 6120 §10.4.3")),
                new Row("XEP-0045 §4 / RFC 6120 §10.4: a groupchat message to a room of a hosted service goes to the service",
                        message(Message.Type.groupchat, "chapel@" + SERVICE), List.of(), new Decision.ToService(SERVICE)),
                new Row("XEP-0045 §7.2: presence to an occupant JID of a hosted service goes to the service",
                        presence(null, "chapel@" + SERVICE + "/romeo"), List.of(), new Decision.ToService(SERVICE)),
                new Row("XEP-0045 §6.1: an IQ to the hosted service's domain goes to the service",
                        iq(IQ.Type.get, SERVICE), List.of(), new Decision.ToService(SERVICE)),
                new Row("XEP-0045 §7.2.9: an error to a hosted service goes to the service (it may remove a ghost occupant)",
                        message(Message.Type.error, "chapel@" + SERVICE), List.of(), new Decision.ToService(SERVICE)),

                // ---- the server's own domain (RFC 6120 §10.3) ----
                new Row("RFC 6120 §10.3.3: an IQ request to the domain is handled by the server",
                        iq(IQ.Type.get, DOMAIN), List.of(), new Decision.HandleIq(IqTarget.SERVER)),
                new Row("RFC 6120 §10.3.3: an IQ result to the domain is consumed",
                        iq(IQ.Type.result, DOMAIN), List.of(), ignore("RFC 6120 §10.3.3")),
                new Row("RFC 6120 §10.3.1: a chat message to the domain bounces with service-unavailable",
                        message(Message.Type.chat, DOMAIN), List.of(),
                        bounce(Condition.service_unavailable, "RFC 6120 §10.3.1")),

                // ---- a full JID (RFC 6121 §8.5.3) ----
                new Row("RFC 6121 §8.5.3.1: a stanza to a bound full JID is delivered to that resource",
                        message(Message.Type.chat, "juliet@localhost/balcony"),
                        List.of(session("juliet@localhost/balcony", -1), session("juliet@localhost/chamber", 10)),
                        deliver("juliet@localhost/balcony")),
                new Row("RFC 6121 §4.3: a probe to a bound full JID is answered by the server, not delivered",
                        presence(Presence.Type.probe, "juliet@localhost/balcony"), List.of(session("juliet@localhost/balcony", 0)),
                        ignore("RFC 6121 §4.3")),
                new Row("RFC 6121 §8.5.3.1: an IQ to a bound full JID is delivered to that resource",
                        iq(IQ.Type.get, "juliet@localhost/balcony"), List.of(session("juliet@localhost/balcony", 0)),
                        deliver("juliet@localhost/balcony")),
                new Row("RFC 6121 §8.5.3.2.1: chat to a gone full JID follows the bare JID rules (highest priority)",
                        message(Message.Type.chat, "juliet@localhost/tomb"),
                        List.of(session("juliet@localhost/balcony", 1), session("juliet@localhost/chamber", 7)),
                        deliver("juliet@localhost/chamber")),
                new Row("RFC 6121 §8.5.3.2.1: groupchat to a gone full JID bounces with service-unavailable",
                        message(Message.Type.groupchat, "juliet@localhost/tomb"),
                        List.of(session("juliet@localhost/balcony", 1)),
                        bounce(Condition.service_unavailable, "RFC 6121 §8.5.3.2.1")),
                new Row("RFC 6121 §8.5.3.2.3: an IQ request to a gone full JID bounces with service-unavailable",
                        iq(IQ.Type.get, "juliet@localhost/tomb"), List.of(session("juliet@localhost/balcony", 1)),
                        bounce(Condition.service_unavailable, "RFC 6121 §8.5.3.2.3")),
                new Row("RFC 6121 §8.5.3.2.2: presence to a gone full JID is ignored",
                        presence(null, "juliet@localhost/tomb"), List.of(session("juliet@localhost/balcony", 1)),
                        ignore("RFC 6121 §8.5.3.2.2")),
                new Row("RFC 6121 §8.5.3.2.2: a subscription request to a full JID is handled as for the bare JID",
                        presence(Presence.Type.subscribe, "juliet@localhost/balcony"),
                        List.of(session("juliet@localhost/balcony", 1), session("juliet@localhost/chamber", -5)),
                        deliver("juliet@localhost/balcony", "juliet@localhost/chamber")),

                // ---- a bare JID (RFC 6121 §8.5.2) ----
                new Row("RFC 6121 §8.5.2.1.1: chat to a bare JID goes to the highest-priority available resource",
                        message(Message.Type.chat, JULIET),
                        List.of(session("juliet@localhost/balcony", 1), session("juliet@localhost/chamber", 5),
                                unavailable("juliet@localhost/tomb", 100)),
                        deliver("juliet@localhost/chamber")),
                new Row("RFC 6121 §8.5.2.1.1: normal messages to a bare JID go to all resources tied at the highest priority",
                        message(Message.Type.normal, JULIET),
                        List.of(session("juliet@localhost/balcony", 5), session("juliet@localhost/chamber", 5),
                                session("juliet@localhost/garden", 2)),
                        deliver("juliet@localhost/balcony", "juliet@localhost/chamber")),
                new Row("RFC 6121 §8.5.2.1.1: negative priority never receives messages to the bare JID",
                        message(Message.Type.chat, JULIET),
                        List.of(session("juliet@localhost/balcony", -1), session("juliet@localhost/chamber", 0)),
                        deliver("juliet@localhost/chamber")),
                new Row("RFC 6121 §8.5.2.2.1: chat to a bare JID with only negative-priority resources is stored offline",
                        message(Message.Type.chat, JULIET), List.of(session("juliet@localhost/balcony", -1)),
                        storeOffline()),
                new Row("RFC 6121 §8.5.2.2.1: chat to a bare JID with no session is stored offline",
                        message(Message.Type.chat, JULIET), List.of(), storeOffline()),
                new Row("RFC 6121 §8.5.2.2.1: normal to a bare JID with no session is stored offline",
                        message(Message.Type.normal, JULIET), List.of(), storeOffline()),
                new Row("RFC 6121 §8.5.2.2.1: chat to a bare JID whose sessions sent no available presence is stored",
                        message(Message.Type.chat, JULIET), List.of(unavailable("juliet@localhost/balcony", 5)),
                        storeOffline()),
                new Row("RFC 6121 §8.5.3.2.1: chat to a gone full JID with nobody available is stored offline",
                        message(Message.Type.chat, "juliet@localhost/tomb"), List.of(), storeOffline()),
                new Row("RFC 6121 §8.5.2.1.1: headline goes to all available resources with non-negative priority",
                        message(Message.Type.headline, JULIET),
                        List.of(session("juliet@localhost/balcony", 5), session("juliet@localhost/chamber", 0),
                                session("juliet@localhost/garden", -1), unavailable("juliet@localhost/tomb", 3)),
                        deliver("juliet@localhost/balcony", "juliet@localhost/chamber")),
                new Row("RFC 6121 §8.5.2.1.1: groupchat to a bare JID bounces with service-unavailable",
                        message(Message.Type.groupchat, JULIET), List.of(session("juliet@localhost/balcony", 5)),
                        bounce(Condition.service_unavailable, "RFC 6121 §8.5.2.1.1")),
                new Row("RFC 6121 §8.5.2.1.1: an error message to a bare JID is dropped",
                        message(Message.Type.error, JULIET), List.of(session("juliet@localhost/balcony", 5)),
                        ignore("RFC 6121 §8.5.2.1.1")),
                new Row("RFC 6121 §8.5.2.1.3: an IQ request to a bare JID is handled on behalf of the account",
                        iq(IQ.Type.get, JULIET), List.of(session("juliet@localhost/balcony", 5)),
                        new Decision.HandleIq(IqTarget.ACCOUNT)),
                new Row("RFC 6121 §8.5.2.1.2: available presence to a bare JID goes to all available resources",
                        presence(null, JULIET),
                        List.of(session("juliet@localhost/balcony", 5), session("juliet@localhost/garden", -1),
                                unavailable("juliet@localhost/tomb", 3)),
                        deliver("juliet@localhost/balcony", "juliet@localhost/garden")),
                new Row("RFC 6121 §4.3: a probe to a bare JID is ignored (answered by the presence module)",
                        presence(Presence.Type.probe, JULIET), List.of(session("juliet@localhost/balcony", 5)),
                        ignore("RFC 6121 §4.3")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void decidesAsTheRuleSays(Row row) {
        LocalSessionTable table = new LocalSessionTable();
        row.sessions().forEach(table::put);

        Decision actual = RoutingRules.decide(row.stanza(), DOMAIN, SERVICE::equals, table);

        assertThat(actual).isInstanceOf(row.expected().getClass());
        switch (row.expected()) {
            case Decision.Deliver expected -> assertThat(((Decision.Deliver) actual).sessions())
                    .containsExactlyInAnyOrderElementsOf(expected.sessions());
            case Decision.Bounce expected -> {
                Decision.Bounce bounce = (Decision.Bounce) actual;
                assertThat(bounce.condition()).isEqualTo(expected.condition());
                assertThat(bounce.rule()).startsWith(expected.rule());
            }
            case Decision.Ignore expected -> assertThat(((Decision.Ignore) actual).rule()).startsWith(expected.rule());
            case Decision.HandleIq expected -> assertThat(actual).isEqualTo(expected);
            case Decision.OwnPresence expected -> assertThat(actual).isEqualTo(expected);
            case Decision.StoreOffline expected -> assertThat(actual).isEqualTo(expected);
            case Decision.ToService expected -> assertThat(actual).isEqualTo(expected);
        }
    }

    // ---- fixtures: stanzas from romeo@localhost/orchard, as the server stamps them ----

    private static Message message(Message.Type type, String to) {
        Message message = new Message();
        message.setFrom(ROMEO);
        if (to != null) message.setTo(to);
        message.setType(type);
        message.setBody("Art thou not Romeo, and a Montague?");
        return message;
    }

    private static IQ iq(IQ.Type type, String to) {
        IQ iq = new IQ(type, "q1");
        iq.setFrom(ROMEO);
        if (to != null) iq.setTo(to);
        if (type == IQ.Type.get) iq.setChildElement("ping", "urn:xmpp:ping");
        return iq;
    }

    private static Presence presence(Presence.Type type, String to) {
        Presence presence = new Presence(type);
        presence.setFrom(ROMEO);
        if (to != null) presence.setTo(to);
        return presence;
    }

    private static SessionEntry session(String fullJid, int priority) {
        return new SessionEntry(new JID(fullJid), "stream-" + fullJid, "local", priority, true);
    }

    private static SessionEntry unavailable(String fullJid, int priority) {
        return new SessionEntry(new JID(fullJid), "stream-" + fullJid, "local", priority, false);
    }

    private static Decision deliver(String... fullJids) {
        return new Decision.Deliver(Stream.of(fullJids).map(JID::new).toList());
    }

    private static Decision storeOffline() {
        return new Decision.StoreOffline("RFC 6121 §8.5.2.2.1");
    }

    private static Decision bounce(Condition condition, String section) {
        return new Decision.Bounce(condition, section);
    }

    private static Decision ignore(String section) {
        return new Decision.Ignore(section);
    }
}
