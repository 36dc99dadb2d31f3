package org.parley.muc;

/**
 * A room's configuration (XEP-0045 §10.2, the {@code muc#roomconfig} form). Immutable; an owner's submission
 * produces a new one.
 *
 * @param name          {@code muc#roomconfig_roomname}
 * @param description   {@code muc#roomconfig_roomdesc}
 * @param persistent    {@code muc#roomconfig_persistentroom}: kept in the database and when the last occupant leaves
 * @param publicRoom    {@code muc#roomconfig_publicroom}: listed in the service's disco#items
 * @param membersOnly   {@code muc#roomconfig_membersonly}
 * @param moderated     {@code muc#roomconfig_moderatedroom}: only participants with voice may speak
 * @param password      {@code muc#roomconfig_roomsecret}, or empty for none
 * @param maxUsers      {@code muc#roomconfig_maxusers}
 * @param maxMembers    {@code parley#roomconfig_maxmembers}: most members, admins and owners
 * @param whoisAnyone   {@code muc#roomconfig_whois} = anyone (non-anonymous), else moderators only
 * @param changeSubject {@code muc#roomconfig_changesubject}: participants may change the subject
 * @param allowInvites  {@code muc#roomconfig_allowinvites}: occupants without admin rights may invite others into a
 *                      members-only room (XEP-0045 §7.8.2); admins and owners always may
 * @param allowPm       {@code muc#roomconfig_allowpm}: which roles may send private messages (§7.5)
 * @param memberListRoles {@code muc#roomconfig_getmemberlist}: the roles of occupants who may retrieve the member,
 *                      admin and owner lists (admins and owners always may; in a semi-anonymous room only moderators
 *                      see them, as the lists hold real JIDs)
 * @param enableLogging {@code muc#roomconfig_enablelogging}: the room keeps its archive (XEP-0313) and tells
 *                      entering occupants so (status 170, §7.2.12)
 */
public record RoomConfig(String name, String description, boolean persistent, boolean publicRoom, boolean membersOnly,
                         boolean moderated, String password, int maxUsers, int maxMembers, boolean whoisAnyone,
                         boolean changeSubject, boolean allowInvites, PrivateMessages allowPm,
                         java.util.Set<Role> memberListRoles, boolean enableLogging) {
    public RoomConfig {
        name = name == null ? "" : name;
        description = description == null ? "" : description;
        password = password == null ? "" : password;
        allowPm = allowPm == null ? PrivateMessages.ANYONE : allowPm;
        memberListRoles = memberListRoles == null ? ALL_ROLES : java.util.Set.copyOf(memberListRoles);
    }

    /** Every role an occupant can have. */
    public static final java.util.Set<Role> ALL_ROLES = java.util.Set.of(Role.MODERATOR, Role.PARTICIPANT, Role.VISITOR);

    /**
     * The configuration of a new room: temporary, public, open, unmoderated, no password, semi-anonymous, invitations
     * into members-only rooms by admins and owners only, private messages from anyone, member list for every role
     * (non-anonymous rooms; XEP-0045 clients such as Conversations read it for end-to-end encryption in private
     * groups), logged (our users expect the history kept).
     */
    public static RoomConfig defaults(MucSettings settings) {
        return new RoomConfig("", "", false, true, false, false, "", settings.maxUsers(), settings.maxMembers(), false,
                false, false, PrivateMessages.ANYONE, ALL_ROLES, true);
    }

    /** Whether an occupant with {@code role} may retrieve the member, admin and owner lists. */
    public boolean mayGetMemberList(Role role) {
        return memberListRoles.contains(role) && (whoisAnyone || role == Role.MODERATOR);
    }

    /** True if entering needs the password (XEP-0045 §7.2.6). */
    public boolean passwordProtected() {
        return !password.isEmpty();
    }
}
