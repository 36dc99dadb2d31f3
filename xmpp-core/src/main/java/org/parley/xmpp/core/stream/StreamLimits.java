package org.parley.xmpp.core.stream;

/**
 * What one peer may make an {@link XmppStreamReader} hold; going past any of them is a {@code <policy-violation/>}
 * stream error (RFC 6120 §4.9.3.14, §13.12 on resource exhaustion).
 *
 * @param maxStanzaBytes raw bytes of one stanza (a first-level element), counted from the end of what came before
 *                       it; the stream header is held to it too
 * @param maxDepth       element nesting within a stanza, the stanza itself being depth 1
 * @param maxAttributes  attributes on one element, namespace declarations included
 */
public record StreamLimits(int maxStanzaBytes, int maxDepth, int maxAttributes) {

    /** Rejects a limit that is not positive. */
    public StreamLimits {
        positive("maxStanzaBytes", maxStanzaBytes);
        positive("maxDepth", maxDepth);
        positive("maxAttributes", maxAttributes);
    }

    /** 256 KiB stanzas, 64 levels, 64 attributes. */
    public static StreamLimits defaults() {
        return new StreamLimits(262_144, 64, 64);
    }

    private static void positive(String name, int value) {
        if (value <= 0) throw new IllegalArgumentException(name + " must be positive: " + value);
    }
}
