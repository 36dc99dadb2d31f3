package org.parley.muc;

import java.util.Locale;

/**
 * Which roles may send private messages in a room ({@code muc#roomconfig_allowpm}, XEP-0045 §15.5.3 "Roles that
 * May Send Private Messages"): anyone (visitors too), participants (and moderators), moderators, or none.
 */
public enum PrivateMessages {
    ANYONE, PARTICIPANTS, MODERATORS, NONE;

    /** The form value, e.g. {@code participants}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The setting for a form value. @throws IllegalArgumentException for an unknown one */
    public static PrivateMessages of(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    /** Whether an occupant with {@code role} may send private messages under this setting. */
    public boolean allows(Role role) {
        return switch (this) {
            case ANYONE -> role != Role.NONE;
            case PARTICIPANTS -> role == Role.PARTICIPANT || role == Role.MODERATOR;
            case MODERATORS -> role == Role.MODERATOR;
            case NONE -> false;
        };
    }
}
