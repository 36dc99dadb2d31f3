package org.parley.server.c2s;

/**
 * The stages of client stream negotiation (RFC 6120 §4.3): each stream restart moves to the next stage.
 * Transitions are pure and tested row by row.
 */
public enum Phase {
    /** TCP connected, no TLS yet (RFC 6120 §5). */
    CONNECTED,
    /** TLS established, not authenticated (RFC 6120 §6). */
    SECURED,
    /** SASL succeeded, no resource bound yet (RFC 6120 §7). */
    AUTHENTICATED,
    /** A resource is bound: stanzas flow (RFC 6120 §8). */
    BOUND;

    /** The phase after STARTTLS succeeds; only allowed from {@link #CONNECTED}. */
    public Phase afterTls() {
        if (this != CONNECTED) throw new IllegalStateException("STARTTLS in phase " + this);
        return SECURED;
    }

    /** The phase after SASL success; only before authentication. */
    public Phase afterSasl() {
        if (this != CONNECTED && this != SECURED) throw new IllegalStateException("SASL in phase " + this);
        return AUTHENTICATED;
    }

    /** The phase after resource binding; only once authenticated. */
    public Phase afterBind() {
        if (this != AUTHENTICATED) throw new IllegalStateException("bind in phase " + this);
        return BOUND;
    }

    /**
     * The phase after resuming a previous session instead of binding (XEP-0198 §5: "instead of" resource binding,
     * the stream continues with the session's full JID); only once authenticated.
     */
    public Phase afterResume() {
        if (this != AUTHENTICATED) throw new IllegalStateException("resume in phase " + this);
        return BOUND;
    }

    /** True before SASL success. */
    public boolean preAuthentication() {
        return this == CONNECTED || this == SECURED;
    }
}
