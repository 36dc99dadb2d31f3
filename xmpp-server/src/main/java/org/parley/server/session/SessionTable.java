package org.parley.server.session;

import org.xmpp.packet.JID;

import java.util.List;
import java.util.Optional;

/**
 * Maps full JIDs to the sessions bound to them, with an index by bare JID. On one node it is an in-memory map
 * ({@link LocalSessionTable}); a cluster implements it on a shared map. Thread-safe.
 */
public interface SessionTable {
    /**
     * Adds or replaces the entry for {@code entry.fullJid()}.
     *
     * @return the entry it replaced, if any (a resource conflict: RFC 6120 §7.7.2.2)
     */
    Optional<SessionEntry> put(SessionEntry entry);

    /** Updates an existing entry if its stream id still matches; false otherwise. */
    boolean update(SessionEntry entry);

    /** Removes the entry for {@code fullJid} only if it belongs to stream {@code streamId}. */
    boolean remove(JID fullJid, String streamId);

    /** The entry bound to this full JID. */
    Optional<SessionEntry> get(JID fullJid);

    /** All sessions of the account with this bare JID (any resource), in no particular order. */
    List<SessionEntry> sessionsOf(JID bareJid);

    /** The number of sessions in the table. */
    int size();
}
