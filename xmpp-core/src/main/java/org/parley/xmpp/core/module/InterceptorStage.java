package org.parley.xmpp.core.module;

/**
 * The named places in the stanza path where interceptors run, in this order (STYLE.md §5: named priorities,
 * no numbers). One interceptor per stage and module.
 */
public enum InterceptorStage {
    /** Privacy first: blocked stanzas go no further (XEP-0191). */
    BLOCKING,
    /** Entity capabilities of a client's broadcast presence are noted, before presence handling (XEP-0115). */
    CAPS,
    /** The avatar hash is added to a client's available presence, before presence handling (XEP-0398 §4). */
    AVATAR,
    /** Presence and subscriptions (RFC 6121 §3, §4). */
    PRESENCE,
    /** Copies to the user's other resources (XEP-0280). */
    CARBONS,
    /** Archiving (XEP-0313). */
    ARCHIVE
}
