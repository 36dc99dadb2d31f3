package org.parley.xmpp.core.module;

import org.xmpp.packet.JID;

/**
 * Told when a client resource is bound (RFC 6120 §7), when it becomes available (its initial presence, RFC 6121
 * §4.2) and when its session has ended. Must not block.
 */
public interface SessionListener {
    /** A resource was bound to {@code fullJid}. */
    default void bound(JID fullJid) {
    }

    /**
     * {@code fullJid} sent available presence after being unavailable (RFC 6121 §4.2: initial presence); called
     * just before the router counts it for messages to the bare JID.
     *
     * @param priority its presence priority (RFC 6121 §4.7.2.3; negative means it takes no bare-JID messages)
     */
    default void available(JID fullJid, int priority) {
    }

    /** The session of {@code fullJid} ended (after its unavailable presence, if it had been available). */
    default void unbound(JID fullJid) {
    }
}
