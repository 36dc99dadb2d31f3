package org.parley.server.routing;

import org.parley.server.session.SessionEntry;
import org.parley.server.session.SessionTable;
import org.parley.xmpp.core.module.IqTarget;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

import java.util.Comparator;
import java.util.List;

/**
 * The delivery rules of RFC 6120 §10 and RFC 6121 §8 as a pure function of a stanza (whose {@code from} the
 * server has stamped) and the session table. One branch per rule, each citing its section.
 *
 * <p>Rosters and subscriptions are the presence module's (interceptors before these rules); s2s is not here yet
 * (remote domains get {@code remote-server-not-found}).
 */
public final class RoutingRules {
    private RoutingRules() {
    }

    /**
     * Decides the fate of {@code stanza}.
     *
     * @param stanza a message, presence or IQ with {@code from} set to the sender's full JID
     * @param domain the local domain
     * @param table  the session table (only read)
     */
    public static Decision decide(Packet stanza, String domain, SessionTable table) {
        return decide(stanza, domain, d -> false, table);
    }

    /**
     * Decides the fate of {@code stanza} on a server that also hosts service domains (e.g. a MUC service).
     *
     * @param stanza   a message, presence or IQ with {@code from} set to the sender's full JID
     * @param domain   the local domain
     * @param services whether a domain is a hosted service of this server
     * @param table    the session table (only read)
     */
    public static Decision decide(Packet stanza, String domain, java.util.function.Predicate<String> services,
                                  SessionTable table) {
        JID to = stanza.getTo();
        if (to == null && stanza instanceof Message) {
            // RFC 6120 §10.3.1: "MUST treat the message as if the 'to' address were the bare JID of the sender".
            to = stanza.getFrom().asBareJID();
        }
        if (to == null) return noTo(stanza);
        if (!domain.equals(to.getDomain()) && services.test(to.getDomain())) {
            // RFC 6120 §10.4: "the server MUST attempt to route the stanza to the foreign domain" - a domain this
            // server hosts (XEP-0045 §4: a MUC service "hosted by" the server) is reached without s2s; the service
            // gets every stanza to the domain and its JIDs, errors included.
            return new Decision.ToService(to.getDomain());
        }
        if (!domain.equals(to.getDomain())) {
            // RFC 6120 §10.4: a remote domain; without s2s the server cannot reach it.
            return isError(stanza) ? new Decision.Ignore("RFC 6120 §10.4.3: no error about an error")
                    : new Decision.Bounce(PacketError.Condition.remote_server_not_found, "RFC 6120 §10.4.3");
        }
        if (to.getNode() == null) return toServer(stanza);
        if (to.getResource() != null) return toFullJid(stanza, to, table);
        return toBareJid(stanza, to, table);
    }

    /** RFC 6120 §10.3: an IQ or presence with no 'to' concerns the sender's own account (presence: a broadcast). */
    private static Decision noTo(Packet stanza) {
        if (stanza instanceof IQ iq) {
            // RFC 6120 §10.3.3: "the server MUST ... process the stanza on behalf of the account".
            return iq.isRequest() ? new Decision.HandleIq(IqTarget.ACCOUNT)
                    : new Decision.Ignore("RFC 6120 §10.3.3: a response to the account");
        }
        Presence.Type type = ((Presence) stanza).getType();
        return type == null || type == Presence.Type.unavailable ? new Decision.OwnPresence()
                : new Decision.Ignore("RFC 6121 §4.2.2: only availability is broadcast");
    }

    /** RFC 6120 §10.3 / §10.4.1: stanzas to the server's domain itself. */
    private static Decision toServer(Packet stanza) {
        if (stanza instanceof IQ iq) {
            return iq.isRequest() ? new Decision.HandleIq(IqTarget.SERVER)
                    : new Decision.Ignore("RFC 6120 §10.3.3: a response to the server is consumed");
        }
        if (stanza instanceof Message message) {
            Message.Type type = message.getType();
            return type == Message.Type.chat || type == Message.Type.normal
                    ? new Decision.Bounce(PacketError.Condition.service_unavailable, "RFC 6120 §10.3.1: no handler")
                    : new Decision.Ignore("RFC 6120 §10.3.1: no handler for " + type);
        }
        return new Decision.Ignore("RFC 6121 §4.6: directed presence to the server");
    }

    /** RFC 6121 §8.5.3: to a full JID of a local account. */
    private static Decision toFullJid(Packet stanza, JID to, SessionTable table) {
        boolean subscription = stanza instanceof Presence p && isSubscription(p);
        if (stanza instanceof Presence p && p.getType() == Presence.Type.probe) {
            return new Decision.Ignore("RFC 6121 §4.3: probes are answered by the server, never delivered to a client");
        }
        if (table.get(to).isPresent() && !subscription) {
            // RFC 6121 §8.5.3.1: "the server MUST deliver the stanza to that resource".
            return new Decision.Deliver(List.of(to));
        }
        if (stanza instanceof IQ iq) {
            // RFC 6121 §8.5.3.2.3: "the server MUST return a <service-unavailable/> stanza error".
            return iq.isRequest() ? new Decision.Bounce(PacketError.Condition.service_unavailable, "RFC 6121 §8.5.3.2.3")
                    : new Decision.Ignore("RFC 6121 §8.5.3.2.3: response to a gone resource");
        }
        if (stanza instanceof Presence) {
            // RFC 6121 §8.5.3.2.2: subscription presence is handled as for the bare JID, others are ignored.
            return subscription ? toBareJid(stanza, to.asBareJID(), table)
                    : new Decision.Ignore("RFC 6121 §8.5.3.2.2: presence to a gone resource");
        }
        Message.Type type = ((Message) stanza).getType();
        return switch (type) {
            // RFC 6121 §8.5.3.2.1: chat (and normal, as most servers do) fall back to the bare JID rules.
            case chat, normal -> toBareJid(stanza, to.asBareJID(), table);
            case groupchat, headline -> new Decision.Bounce(PacketError.Condition.service_unavailable, "RFC 6121 §8.5.3.2.1");
            case error -> new Decision.Ignore("RFC 6121 §8.5.3.2.1: error to a gone resource");
        };
    }

    /** RFC 6121 §8.5.2: to the bare JID of a local account. */
    private static Decision toBareJid(Packet stanza, JID to, SessionTable table) {
        List<SessionEntry> sessions = table.sessionsOf(to);
        if (stanza instanceof IQ iq) {
            // RFC 6121 §8.5.2.1.3 / §8.5.2.2.3: "the server MUST handle it directly on behalf of the user".
            return iq.isRequest() ? new Decision.HandleIq(IqTarget.ACCOUNT)
                    : new Decision.Ignore("RFC 6121 §8.5.2.1.3: response to a bare JID");
        }
        if (stanza instanceof Presence presence) return presenceToBare(presence, sessions);
        Message message = (Message) stanza;
        // RFC 6121 §8.5.2.1.1: resources with negative priority never receive messages sent to the bare JID.
        List<SessionEntry> eligible = sessions.stream().filter(s -> s.available() && s.priority() >= 0).toList();
        return switch (message.getType()) {
            case chat, normal -> eligible.isEmpty()
                    // RFC 6121 §8.5.2.2.1: "If the server supports offline message storage, the server SHOULD store
                    // the message"; otherwise "MUST return a <service-unavailable/> stanza error" (the router's
                    // part; the storage also answers §8.5.1 for a missing account).
                    ? new Decision.StoreOffline("RFC 6121 §8.5.2.2.1")
                    // RFC 6121 §8.5.2.1.1: "deliver the message to the highest-priority available resource"
                    // (all of them when several share the highest priority).
                    : new Decision.Deliver(highestPriority(eligible));
            case headline -> eligible.isEmpty() ? new Decision.Ignore("RFC 6121 §8.5.2.2.1: headline, nobody online")
                    // RFC 6121 §8.5.2.1.1: headline goes to all available resources with non-negative priority.
                    : new Decision.Deliver(eligible.stream().map(SessionEntry::fullJid).toList());
            // RFC 6121 §8.5.2.1.1: "groupchat ... the server MUST return a <service-unavailable/> error".
            case groupchat -> new Decision.Bounce(PacketError.Condition.service_unavailable, "RFC 6121 §8.5.2.1.1");
            case error -> new Decision.Ignore("RFC 6121 §8.5.2.1.1: error message to a bare JID");
        };
    }

    private static Decision presenceToBare(Presence presence, List<SessionEntry> sessions) {
        Presence.Type type = presence.getType();
        if (type == Presence.Type.probe) return new Decision.Ignore("RFC 6121 §4.3: probes are answered by the presence module");
        if (type == Presence.Type.error) return new Decision.Ignore("RFC 6121 §8.5.2: presence error to a bare JID");
        // RFC 6121 §8.5.2.1.2: "the server MUST deliver it to all available resources"; §3.1.3 for subscribe.
        List<JID> available = sessions.stream().filter(SessionEntry::available).map(SessionEntry::fullJid).toList();
        return available.isEmpty() ? new Decision.Ignore("RFC 6121 §8.5.2.2.2: no available resource")
                : new Decision.Deliver(available);
    }

    private static List<JID> highestPriority(List<SessionEntry> eligible) {
        int top = eligible.stream().max(Comparator.comparingInt(SessionEntry::priority)).orElseThrow().priority();
        return eligible.stream().filter(s -> s.priority() == top).map(SessionEntry::fullJid).toList();
    }

    private static boolean isSubscription(Presence presence) {
        Presence.Type type = presence.getType();
        return type == Presence.Type.subscribe || type == Presence.Type.subscribed
                || type == Presence.Type.unsubscribe || type == Presence.Type.unsubscribed;
    }

    private static boolean isError(Packet stanza) {
        return stanza.getError() != null || "error".equals(stanza.getElement().attributeValue("type"));
    }
}
