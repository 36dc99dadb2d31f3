package org.parley.archive;

import java.util.Locale;
import java.util.Optional;

/**
 * An archiving mode (XEP-0441 §2.1.1, formerly XEP-0313 §6.1.1): the {@code default} attribute of {@code <prefs/>},
 * and what a JID on the {@code <always/>} or {@code <never/>} list gets.
 */
public enum ArchiveMode {
    /** "all messages are archived by default". */
    ALWAYS,
    /** "messages are never archived by default". */
    NEVER,
    /** "messages are archived only if the contact's bare JID is in the user's roster". */
    ROSTER;

    /** The attribute value, e.g. {@code always}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code value} ({@code always}, {@code never} or {@code roster}), if it is one. */
    public static Optional<ArchiveMode> of(String value) {
        for (ArchiveMode mode : values()) {
            if (mode.value().equals(value)) return Optional.of(mode);
        }
        return Optional.empty();
    }
}
