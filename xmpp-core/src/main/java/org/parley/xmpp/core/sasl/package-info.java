/**
 * Server-side SASL (RFC 4422) as XMPP uses it (RFC 6120 §6): the SCRAM-SHA-1, SCRAM-SHA-256 and SCRAM-SHA-512
 * mechanisms (RFC 5802, RFC 7677) and PLAIN (RFC 4616), all checked against {@link
 * org.parley.xmpp.core.sasl.ScramCredentials}, the only stored form of a password.
 *
 * <p>A {@link org.parley.xmpp.core.sasl.SaslServerMechanism} is a small state machine fed the decoded payloads of
 * {@code <auth/>} and {@code <response/>}; each step returns a {@link org.parley.xmpp.core.sasl.SaslStep} that the
 * stream layer turns into {@code <challenge/>}, {@code <success/>} or {@code <failure/>} (RFC 6120 §6.4). Nothing
 * here touches a channel; {@link org.parley.xmpp.core.sasl.CredentialStore} lookups block, so callers run the
 * mechanisms off the event loop.
 */
package org.parley.xmpp.core.sasl;
