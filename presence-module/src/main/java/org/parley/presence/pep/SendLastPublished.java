package org.parley.presence.pep;

import java.util.Optional;

/**
 * When the last published item goes to a new subscriber (XEP-0060 §16.4 {@code pubsub#send_last_published_item});
 * in PEP a contact whose caps show interest is an implicit subscriber (XEP-0163 §4.3.2).
 */
public enum SendLastPublished {
    /** Never (bookmarks, XEP-0402 §3). */
    NEVER("never"),
    /** When the subscription is made. */
    ON_SUB("on_sub"),
    /** On subscription and whenever an interested resource becomes available (the PEP default). */
    ON_SUB_AND_PRESENCE("on_sub_and_presence");

    private final String value;

    SendLastPublished(String value) {
        this.value = value;
    }

    /** The field value. */
    public String value() {
        return value;
    }

    /** The option for a field value; empty for an unknown one. */
    public static Optional<SendLastPublished> of(String value) {
        for (SendLastPublished s : values()) {
            if (s.value.equals(value)) return Optional.of(s);
        }
        return Optional.empty();
    }
}
