package org.parley.server.session;

import org.xmpp.packet.JID;

import java.util.Objects;

/**
 * The routing facts of one bound client session (STYLE.md §7): nothing a router on another node could not use.
 *
 * @param fullJid   the bound full JID (RFC 6120 §7)
 * @param streamId  the stream id, unique per connection: the owner's handle for removal
 * @param nodeId    the cluster node holding the connection
 * @param priority  presence priority, -128..127 (RFC 6121 §4.7.2.3); 0 before any presence
 * @param available true once the session sent available presence (RFC 6121 §4.2), false after unavailable
 */
public record SessionEntry(JID fullJid, String streamId, String nodeId, int priority, boolean available) {
    public SessionEntry {
        Objects.requireNonNull(fullJid, "fullJid");
        if (fullJid.getResource() == null) throw new IllegalArgumentException("not a full JID: " + fullJid);
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(nodeId, "nodeId");
    }

    /** This entry after a presence with {@code priority} and availability. */
    public SessionEntry withPresence(int newPriority, boolean nowAvailable) {
        return new SessionEntry(fullJid, streamId, nodeId, newPriority, nowAvailable);
    }
}
