package org.parley.muc;

import java.util.Locale;

/** A temporary position of an occupant in a room (XEP-0045 §5.1), strongest first; NONE means not in the room. */
public enum Role {
    MODERATOR, PARTICIPANT, VISITOR, NONE;

    /** The protocol value, e.g. {@code moderator}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role for a protocol value. @throws IllegalArgumentException for an unknown one */
    public static Role of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
