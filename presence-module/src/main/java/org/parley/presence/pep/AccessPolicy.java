package org.parley.presence.pep;

import org.parley.presence.roster.RosterItem;
import org.parley.presence.roster.Rosters;
import org.parley.presence.roster.Subscription;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.JID;

/**
 * Who may retrieve a node's items and receive its notifications (XEP-0060 §4.5 access models; XEP-0163 §3: the
 * owner always may). Reads rosters (blocking on a cache miss).
 */
public final class AccessPolicy {
    private final Rosters rosters;
    private final String domain;

    /**
     * @param rosters the rosters (presence subscriptions)
     * @param domain  the served domain
     */
    public AccessPolicy(Rosters rosters, String domain) {
        this.rosters = rosters;
        this.domain = domain;
    }

    /** Whether {@code requester} (any JID) is the owner of the PEP service of {@code owner} (a username). */
    public boolean isOwner(String owner, JID requester) {
        return requester != null && owner.equals(requester.getNode()) && domain.equals(requester.getDomain());
    }

    /** Whether {@code requester} may see the node. */
    public boolean allows(String owner, AccessModel model, JID requester) {
        return refusal(owner, model, requester) == null;
    }

    /** Throws the refusal of XEP-0060 §6.5 if {@code requester} may not see the node. */
    public void check(String owner, AccessModel model, JID requester) throws StanzaErrorException {
        StanzaErrorException refusal = refusal(owner, model, requester);
        if (refusal != null) throw refusal;
    }

    private StanzaErrorException refusal(String owner, AccessModel model, JID requester) {
        if (isOwner(owner, requester)) return null;
        return switch (model) {
            case OPEN -> null;
            // XEP-0060 §6.5.3: "not-authorized" + "presence-subscription-required" without a subscription.
            case PRESENCE -> hasPresenceSubscription(owner, requester) ? null : PubSub.presenceSubscriptionRequired();
            // XEP-0060 §6.5.5: "not-allowed" + "closed-node" for whoever is not on the whitelist (only the owner).
            case WHITELIST -> PubSub.closedNode();
        };
    }

    /** Whether the owner's roster gives {@code contact} the owner's presence ('from' or 'both', RFC 6121 §2.1.2.5). */
    public boolean hasPresenceSubscription(String owner, JID contact) {
        if (contact == null || contact.getNode() == null) return false;
        Subscription sub = rosters.item(owner, contact.asBareJID()).map(RosterItem::state)
                .map(s -> s.subscription()).orElse(Subscription.NONE);
        return sub == Subscription.FROM || sub == Subscription.BOTH;
    }
}
