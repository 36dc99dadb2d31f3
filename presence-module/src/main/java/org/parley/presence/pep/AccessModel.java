package org.parley.presence.pep;

import java.util.Locale;
import java.util.Optional;

/** The access models a PEP node may have (XEP-0060 §4.5; XEP-0163 §3: the default is {@link #PRESENCE}). */
public enum AccessModel {
    /** Anyone may retrieve items and receive notifications. */
    OPEN,
    /** Contacts with a presence subscription to the owner ('from' or 'both') may. */
    PRESENCE,
    /** Only JIDs on the whitelist may; Parley keeps no whitelist other than the owner. */
    WHITELIST;

    /** The field value, e.g. {@code presence}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The model for a field value; empty for one not supported (roster, authorize). */
    public static Optional<AccessModel> of(String value) {
        for (AccessModel m : values()) {
            if (m.value().equals(value)) return Optional.of(m);
        }
        return Optional.empty();
    }
}
