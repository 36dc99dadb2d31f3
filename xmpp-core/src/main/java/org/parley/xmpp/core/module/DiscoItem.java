package org.parley.xmpp.core.module;

import org.xmpp.packet.JID;

import java.util.Objects;

/** A service discovery item (XEP-0030 §4.1): an entity, optionally a node of it, with a display name. */
public record DiscoItem(JID jid, String node, String name) {
    public DiscoItem {
        Objects.requireNonNull(jid, "jid");
    }
}
