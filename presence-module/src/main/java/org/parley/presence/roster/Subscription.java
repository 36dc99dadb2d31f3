package org.parley.presence.roster;

/** The {@code subscription} attribute of a roster item (RFC 6121 §2.1.2.5). */
public enum Subscription {
    /** Neither party is subscribed to the other's presence. */
    NONE,
    /** The user is subscribed to the contact's presence. */
    TO,
    /** The contact is subscribed to the user's presence. */
    FROM,
    /** Both are subscribed to each other's presence. */
    BOTH;

    /** The attribute value, e.g. {@code "both"}. */
    public String attributeValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
