package org.parley.xmpp.core.module;

import org.xmpp.packet.JID;

import java.util.List;
import java.util.Set;

/**
 * A named node of the server's service discovery tree (XEP-0030 §3.2, §4.2), e.g. the ad-hoc commands node of
 * XEP-0050 §2.2. What it lists may depend on who asks.
 */
public interface DiscoNode {
    /** The node name, e.g. {@code http://jabber.org/protocol/commands}. */
    String node();

    /** The identities of this node for disco#info. */
    List<DiscoIdentity> identities();

    /** The features of this node for disco#info. */
    Set<String> features();

    /** The items under this node visible to {@code requester} (a full JID). */
    List<DiscoItem> items(JID requester);
}
