package org.parley.muc;

import java.util.Locale;

/**
 * A long-lived association of a bare JID with a room (XEP-0045 §5.2), strongest first. Members, admins and
 * owners count against the room's member cap.
 */
public enum Affiliation {
    OWNER, ADMIN, MEMBER, NONE, OUTCAST;

    /** The protocol value, e.g. {@code owner}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The affiliation for a protocol value. @throws IllegalArgumentException for an unknown one */
    public static Affiliation of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** True for owner and admin (XEP-0045 §5.2: "admin" privileges and above). */
    public boolean isAdminOrOwner() {
        return this == OWNER || this == ADMIN;
    }

    /** True for member, admin and owner: those who may enter a members-only room and count against the cap. */
    public boolean isMember() {
        return this == OWNER || this == ADMIN || this == MEMBER;
    }
}
