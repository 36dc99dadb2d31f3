package org.parley.muc;

import org.xmpp.packet.JID;

import java.util.Objects;
import java.util.Set;

/**
 * The service-wide settings of the group chat module (the {@code muc} section of {@code parley.yml}).
 *
 * @param serviceDomain the service's domain, e.g. {@code conference.localhost}
 * @param maxMembers    most affiliated members (member, admin, owner) of a room; a room may only lower it
 * @param maxUsers      most occupants of a room ({@code muc#roomconfig_maxusers}); a room may only lower it
 * @param historySize   groupchat messages kept in memory per room for the discussion history (XEP-0045 §7.2.14)
 * @param serviceAdmins bare JIDs (the server's administrators) who count as owners of every room
 */
public record MucSettings(String serviceDomain, int maxMembers, int maxUsers, int historySize, Set<JID> serviceAdmins) {
    public MucSettings {
        Objects.requireNonNull(serviceDomain, "serviceDomain");
        if (maxMembers < 1 || maxUsers < 1 || historySize < 0) throw new IllegalArgumentException("bad MUC limits");
        serviceAdmins = serviceAdmins.stream().map(JID::asBareJID).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Settings without service administrators. */
    public MucSettings(String serviceDomain, int maxMembers, int maxUsers, int historySize) {
        this(serviceDomain, maxMembers, maxUsers, historySize, Set.of());
    }
}
