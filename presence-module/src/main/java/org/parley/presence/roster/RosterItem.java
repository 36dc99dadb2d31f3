package org.parley.presence.roster;

import org.xmpp.packet.JID;

import java.util.List;
import java.util.Objects;

/**
 * One contact in a user's roster with its subscription state (RFC 6121 §2.1.2, Appendix A).
 *
 * @param jid             the contact's bare JID
 * @param name            the user-assigned name, or null
 * @param state           the subscription state (one of the nine of RFC 6121 Appendix A)
 * @param approved        whether the user pre-approved the contact's subscription (RFC 6121 §3.4)
 * @param visible         false while the item exists only to remember an inbound request (None + Pending In
 *                        without a roster entry, RFC 6121 §3.1.3): such items are neither returned nor pushed
 * @param groups          the groups, in the order given, without duplicates
 * @param pendingInStatus the status text of a stored inbound subscription request, or null
 * @param version         the roster version at which this item last changed (RFC 6121 §2.6)
 */
public record RosterItem(JID jid, String name, SubscriptionState state, boolean approved, boolean visible,
                         List<String> groups, String pendingInStatus, long version) {
    public RosterItem {
        Objects.requireNonNull(jid, "jid");
        if (jid.getResource() != null) throw new IllegalArgumentException("a roster item's JID is bare: " + jid);
        Objects.requireNonNull(state, "state");
        groups = List.copyOf(groups);
    }

    /** A new, visible item with no subscription. */
    public static RosterItem of(JID jid, String name, List<String> groups) {
        return new RosterItem(jid.asBareJID(), name, SubscriptionState.NONE, false, true, groups, null, 0);
    }

    /** This item in another subscription state. */
    public RosterItem withState(SubscriptionState newState) {
        return new RosterItem(jid, name, newState, approved, visible, groups, pendingInStatus, version);
    }

    /** This item with another name and groups, made visible (a roster set, RFC 6121 §2.4). */
    public RosterItem withNameAndGroups(String newName, List<String> newGroups) {
        return new RosterItem(jid, newName, state, approved, true, newGroups, pendingInStatus, version);
    }

    /** This item with the pre-approval flag set or cleared. */
    public RosterItem withApproved(boolean newApproved) {
        return new RosterItem(jid, name, state, newApproved, visible, groups, pendingInStatus, version);
    }

    /** This item made visible or hidden. */
    public RosterItem withVisible(boolean newVisible) {
        return new RosterItem(jid, name, state, approved, newVisible, groups, pendingInStatus, version);
    }

    /** This item with the stored inbound request's status text. */
    public RosterItem withPendingInStatus(String status) {
        return new RosterItem(jid, name, state, approved, visible, groups, status, version);
    }

    /** This item as stored at {@code newVersion}. */
    public RosterItem withVersion(long newVersion) {
        return new RosterItem(jid, name, state, approved, visible, groups, pendingInStatus, newVersion);
    }
}
