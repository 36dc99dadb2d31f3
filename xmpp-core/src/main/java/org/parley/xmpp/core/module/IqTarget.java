package org.parley.xmpp.core.module;

/**
 * Whom an IQ request is addressed to, as the router classifies its {@code to} attribute.
 *
 * <p>RFC 6120 §10.3.3 and RFC 6121 §8.5.2.1.3: a request with no {@code to}, or to the sender's own bare JID,
 * or to any local account's bare JID, is handled by the server on behalf of that account.
 */
public enum IqTarget {
    /** To the server's domain itself. */
    SERVER,
    /** To a local account's bare JID (or with no {@code to}): answered by the server on the account's behalf. */
    ACCOUNT
}
