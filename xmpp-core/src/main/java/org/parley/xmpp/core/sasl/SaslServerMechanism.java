package org.parley.xmpp.core.sasl;

/**
 * The server side of one SASL authentication exchange (RFC 4422 §3, RFC 6120 §6.4). An instance serves exactly one
 * attempt: {@link #start} once with the payload of {@code <auth/>}, then {@link #respond} once per
 * {@code <response/>} while the last step was a {@link SaslStep.Challenge}. Once a {@link SaslStep.Success} or
 * {@link SaslStep.Failed} has been returned, every further call returns {@code Failed(MALFORMED_REQUEST)}.
 *
 * <p>Implementations may call a {@link CredentialStore}, which blocks: drive them off the event loop. They are not
 * thread-safe; one exchange runs on one thread at a time.
 */
public interface SaslServerMechanism {
    /** The registered mechanism name (RFC 4422 §3.1), e.g. {@code SCRAM-SHA-256}. */
    String name();

    /**
     * Begins the exchange.
     *
     * @param initialResponse the decoded initial response; an empty array when the client sent none or sent
     *                        {@code =} (RFC 6120 §6.4.2), in which case mechanisms that need one send an empty
     *                        challenge
     */
    SaslStep start(byte[] initialResponse);

    /** Continues the exchange with the decoded payload of a {@code <response/>}. */
    SaslStep respond(byte[] response);
}
