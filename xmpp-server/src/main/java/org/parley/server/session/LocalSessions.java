package org.parley.server.session;

import org.xmpp.packet.JID;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The client sessions connected to this node, by full JID. Thread-safe. */
public final class LocalSessions {
    private final Map<JID, ClientSession> sessions = new ConcurrentHashMap<>();

    /** Adds {@code session}; returns the session it replaced, if any. */
    public Optional<ClientSession> put(ClientSession session) {
        return Optional.ofNullable(sessions.put(session.jid(), session));
    }

    /** Removes {@code session} if it is still the one bound to its JID. */
    public boolean remove(ClientSession session) {
        return sessions.remove(session.jid(), session);
    }

    /** The session bound to {@code fullJid} on this node. */
    public Optional<ClientSession> get(JID fullJid) {
        return Optional.ofNullable(sessions.get(fullJid));
    }
}
