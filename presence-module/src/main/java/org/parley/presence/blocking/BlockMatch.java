package org.parley.presence.blocking;

import org.xmpp.packet.JID;

import java.util.Set;

/**
 * Whether an address is covered by a block list (XEP-0191 §3.5, using the JID matching of XEP-0016 §2.1): an item
 * {@code user@domain/resource} matches that full JID only; {@code user@domain} every resource of that account;
 * {@code domain/resource} that resource of the domain; {@code domain} everything at that domain.
 */
final class BlockMatch {
    private BlockMatch() {
    }

    static boolean matches(Set<JID> list, JID address) {
        if (list.isEmpty() || address == null) return false;
        String domain = address.getDomain();
        String node = address.getNode();
        String resource = address.getResource();
        if (list.contains(new JID(node, domain, resource, true))) return true;
        if (node != null && list.contains(new JID(node, domain, null, true))) return true;
        if (resource != null && list.contains(new JID(null, domain, resource, true))) return true;
        return list.contains(new JID(null, domain, null, true));
    }
}
