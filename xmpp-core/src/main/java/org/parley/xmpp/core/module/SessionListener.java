package org.parley.xmpp.core.module;

import org.xmpp.packet.JID;

/** Told when a client resource is bound (RFC 6120 §7) and when its session has ended. Must not block. */
public interface SessionListener {
    /** A resource was bound to {@code fullJid}. */
    default void bound(JID fullJid) {
    }

    /** The session of {@code fullJid} ended (after its unavailable presence, if it had been available). */
    default void unbound(JID fullJid) {
    }
}
