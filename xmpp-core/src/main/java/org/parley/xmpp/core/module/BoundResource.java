package org.parley.xmpp.core.module;

import org.xmpp.packet.JID;

/**
 * A bound resource as modules see it (RFC 6120 §7, RFC 6121 §4.7.2.3).
 *
 * @param fullJid   the full JID
 * @param priority  the priority of its last presence, -128..127 (0 before any)
 * @param available whether it has sent available presence and not unavailable since
 */
public record BoundResource(JID fullJid, int priority, boolean available) {
}
