package org.parley.server.sm;

import org.parley.xmpp.core.Namespaces;

/**
 * The XEP-0198 elements the server sends, as XML. They are nonzas (top-level elements that are not stanzas): never
 * counted. Session ids are the server's own (URL-safe base64), so nothing here needs escaping.
 */
public final class SmNonzas {
    /** The stream management namespace (XEP-0198 §2). */
    public static final String NAMESPACE = "urn:xmpp:sm:3";
    /** The stream feature (§2). */
    public static final String FEATURE = "<sm xmlns='" + NAMESPACE + "'/>";
    /** The server's request for an acknowledgement (§4). */
    public static final String REQUEST = "<r xmlns='" + NAMESPACE + "'/>";

    private SmNonzas() {
    }

    /** §3: stream management is on; with an id and 'max' when the session can be resumed (§5). */
    public static String enabled(String id, int maxSeconds) {
        if (id == null) return "<enabled xmlns='" + NAMESPACE + "'/>";
        return "<enabled xmlns='" + NAMESPACE + "' id='" + id + "' resume='true' max='" + maxSeconds + "'/>";
    }

    /** §4: the number of stanzas the server has handled. */
    public static String ack(long h) {
        return "<a xmlns='" + NAMESPACE + "' h='" + h + "'/>";
    }

    /** §5: the session is resumed; 'h' is what the server handled of the client's stanzas. */
    public static String resumed(String previd, long h) {
        return "<resumed xmlns='" + NAMESPACE + "' previd='" + previd + "' h='" + h + "'/>";
    }

    /** §3 / §5: a request that cannot be honoured, with a stanza error condition (e.g. {@code unexpected-request}). */
    public static String failed(String stanzaErrorCondition) {
        return "<failed xmlns='" + NAMESPACE + "'><" + stanzaErrorCondition + " xmlns='" + Namespaces.STANZA_ERRORS
                + "'/></failed>";
    }

    /**
     * §5: resumption refused for a session that has ended; 'h' tells the client which of its stanzas the server had
     * handled, so it can resend the rest on a new session.
     */
    public static String failed(String stanzaErrorCondition, long h) {
        return "<failed xmlns='" + NAMESPACE + "' h='" + h + "'><" + stanzaErrorCondition + " xmlns='"
                + Namespaces.STANZA_ERRORS + "'/></failed>";
    }

    /** §4: the application-specific stream error condition for an 'h' larger than the count of stanzas sent. */
    public static String handledCountTooHigh(long h, long sendCount) {
        return "<handled-count-too-high xmlns='" + NAMESPACE + "' h='" + h + "' send-count='" + sendCount + "'/>";
    }
}
