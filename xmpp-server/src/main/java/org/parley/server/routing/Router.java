package org.parley.server.routing;

import org.parley.server.module.IqDispatcher;
import org.parley.server.session.ClientSession;
import org.parley.server.session.LocalSessions;
import org.parley.server.session.SessionEntry;
import org.parley.server.session.SessionTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

import java.util.Optional;

/**
 * Carries out {@link RoutingRules} decisions: writes to local sessions, hands IQs to modules, bounces errors.
 * Thread-safe; called on event loops and on virtual threads.
 */
public final class Router {
    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final String domain;
    private final SessionTable table;
    private final LocalSessions locals;
    private final IqDispatcher dispatcher;

    public Router(String domain, SessionTable table, LocalSessions locals, IqDispatcher dispatcher) {
        this.domain = domain;
        this.table = table;
        this.locals = locals;
        this.dispatcher = dispatcher;
    }

    /** The served domain. */
    public String domain() {
        return domain;
    }

    /**
     * Routes a stanza whose {@code from} is already stamped (a client's full JID, or the server for its own
     * stanzas).
     */
    public void route(Packet stanza) {
        Decision decision = RoutingRules.decide(stanza, domain, table);
        switch (decision) {
            case Decision.Deliver deliver -> deliver.sessions().forEach(jid -> deliverTo(jid, stanza));
            case Decision.HandleIq handle -> dispatcher.dispatch((IQ) stanza, handle.target(), this::route);
            case Decision.Bounce bounce -> bounce(stanza, bounce.condition(), bounce.rule());
            case Decision.Ignore ignore -> log.debug("Ignored ({}): {}", ignore.rule(), stanza.toXML());
            case Decision.OwnPresence own -> ownPresence((Presence) stanza);
        }
    }

    private void deliverTo(JID fullJid, Packet stanza) {
        Optional<ClientSession> session = locals.get(fullJid);
        if (session.isPresent()) {
            session.get().deliver(stanza);
            return;
        }
        // The entry left between the decision and the write: an accepted message must not vanish silently.
        if (stanza instanceof Message || (stanza instanceof IQ iq && iq.isRequest())) {
            bounce(stanza, PacketError.Condition.service_unavailable, "RFC 6121 §8.5.3.2: resource went away");
        }
    }

    private void bounce(Packet stanza, PacketError.Condition condition, String rule) {
        if (Stanzas.isError(stanza) || stanza.getFrom() == null) return;
        log.debug("Bouncing with {} ({}): {}", condition, rule, stanza.toXML());
        Packet reply = Stanzas.bounce(stanza, condition);
        if (reply.getFrom() == null) reply.setFrom(new JID(null, domain, null, true));
        route(reply);
    }

    /**
     * RFC 6121 §4.2.2 / §4.4.2: record the session's availability and priority, and send the presence to all of
     * the user's available resources (the presence module of a later issue adds contacts).
     */
    private void ownPresence(Presence presence) {
        JID from = presence.getFrom();
        Optional<SessionEntry> entry = table.get(from);
        boolean available = presence.getType() == null;
        // A session that already left (its stream closed) still has its unavailable presence broadcast.
        if (entry.isEmpty() && available) return;
        entry.ifPresent(e -> table.update(e.withPresence(available ? clampPriority(presence) : e.priority(), available)));
        for (SessionEntry s : table.sessionsOf(from.asBareJID())) {
            if (s.available() || s.fullJid().equals(from)) {
                Packet copy = presence.createCopy();
                copy.setTo(s.fullJid());
                deliverTo(s.fullJid(), copy);
            }
        }
    }

    private static int clampPriority(Presence presence) {
        try {
            return Math.max(-128, Math.min(127, presence.getPriority()));
        } catch (RuntimeException malformed) {
            return 0;
        }
    }
}
