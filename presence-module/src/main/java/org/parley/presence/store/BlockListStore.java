package org.parley.presence.store;

import org.xmpp.packet.JID;

import java.util.Collection;
import java.util.Set;

/** A user's block list (XEP-0191): the JIDs (bare, full or domain) they block. Blocking (JDBC). */
public interface BlockListStore {
    /** The blocked JIDs. */
    Set<JID> blocked(String username);

    /** Adds {@code jids} (already blocked ones are ignored). */
    void block(String username, Collection<JID> jids);

    /** Removes {@code jids} (those not blocked are ignored). */
    void unblock(String username, Collection<JID> jids);

    /** Empties the block list. */
    void unblockAll(String username);
}
