package org.parley.xmpp.core.sasl;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * The server side of SCRAM-SHA-1, SCRAM-SHA-256 and SCRAM-SHA-512 (RFC 5802 §5, RFC 7677), without channel binding:
 * the client-first-message is answered with the salt and iteration count, the client-final-message's proof is
 * checked against {@link ScramCredentials#storedKey()}, and success carries {@code v=ServerSignature}.
 *
 * <p>An unknown user gets a challenge like a real one (see {@link DecoyCredentials}) and fails only at the proof,
 * with the same {@code <not-authorized/>} as a wrong password, so the exchange does not reveal which users exist.
 */
public final class ScramServer implements SaslServerMechanism {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 24;

    private enum State { NEW, AWAITING_CLIENT_FIRST, AWAITING_CLIENT_FINAL, DONE }

    private final ScramHash hash;
    private final CredentialStore store;
    private final String serverNonce;
    private State state = State.NEW;
    private Exchange exchange;

    /** What the client-first-message established, needed to check the client-final-message. */
    private record Exchange(
            ClientFirstMessage clientFirst, String username, ScramCredentials credentials, boolean userExists,
            String nonce, String serverFirst) {
    }

    /**
     * @param serverNonceOrNull the server's part of the nonce, or null for 24 random bytes in base64; fixed values
     *                          are for reproducing the RFC test vectors, never for production
     * @throws IllegalArgumentException if the given nonce is empty or not printable ASCII without commas
     */
    public ScramServer(ScramHash hash, CredentialStore store, String serverNonceOrNull) {
        this.hash = Objects.requireNonNull(hash, "hash");
        this.store = Objects.requireNonNull(store, "store");
        this.serverNonce = serverNonceOrNull == null ? randomNonce() : checkedNonce(serverNonceOrNull);
    }

    @Override
    public String name() {
        return hash.mechanismName();
    }

    /** Takes the client-first-message, or sends an empty challenge asking for it if there is none. */
    @Override
    public SaslStep start(byte[] initialResponse) {
        if (state != State.NEW) return fail(SaslFailureException.malformed("SCRAM exchange already started"));
        state = State.AWAITING_CLIENT_FIRST;
        return initialResponse.length == 0 ? new SaslStep.Challenge(Payloads.EMPTY) : respond(initialResponse);
    }

    @Override
    public SaslStep respond(byte[] response) {
        try {
            return switch (state) {
                case AWAITING_CLIENT_FIRST -> clientFirst(Payloads.utf8(response));
                case AWAITING_CLIENT_FINAL -> clientFinal(Payloads.utf8(response));
                case NEW, DONE -> throw SaslFailureException.malformed("no SCRAM exchange in progress");
            };
        } catch (SaslFailureException e) {
            return fail(e);
        }
    }

    private SaslStep fail(SaslFailureException failure) {
        state = State.DONE;
        exchange = null;
        return failure.toStep();
    }

    private SaslStep clientFirst(String message) throws SaslFailureException {
        ClientFirstMessage first = ClientFirstMessage.parse(message);
        String username = Accounts.username(first.authcid());
        Accounts.checkAuthzid(first.authzid(), username);
        Optional<ScramCredentials> stored = Accounts.credentials(store, username, hash);
        ScramCredentials credentials = stored.orElseGet(() -> DecoyCredentials.forUser(hash, username));
        String nonce = first.clientNonce() + serverNonce;
        String serverFirst = "r=" + nonce + ",s=" + Payloads.toBase64(credentials.salt())
                + ",i=" + credentials.iterations();
        exchange = new Exchange(first, username, credentials, stored.isPresent(), nonce, serverFirst);
        state = State.AWAITING_CLIENT_FINAL;
        return new SaslStep.Challenge(serverFirst.getBytes(UTF_8));
    }

    private SaslStep clientFinal(String message) throws SaslFailureException {
        ClientFinalMessage last = ClientFinalMessage.parse(message);
        // RFC 5802 §5.1 (c): the GS2 header of the client-first-message followed by the channel binding data, which
        // is empty here since no channel binding is in use.
        if (!MessageDigest.isEqual(last.channelBinding(), exchange.clientFirst().gs2Header().getBytes(UTF_8))) {
            throw new SaslFailureException(SaslFailure.NOT_AUTHORIZED, "channel binding does not match");
        }
        // RFC 5802 §5.1: "The server MUST verify that the nonce sent by the client in the second message is the same
        // as the one sent by the server in its first message."
        if (!last.nonce().equals(exchange.nonce())) {
            throw new SaslFailureException(SaslFailure.NOT_AUTHORIZED, "nonce does not match");
        }
        byte[] authMessage = (exchange.clientFirst().bare() + "," + exchange.serverFirst() + ","
                + last.withoutProof()).getBytes(UTF_8);
        boolean proofMatches = proofMatches(last.proof(), authMessage);
        if (!proofMatches || !exchange.userExists()) {
            throw new SaslFailureException(SaslFailure.NOT_AUTHORIZED, "invalid proof");
        }
        byte[] serverSignature = hash.hmac(exchange.credentials().serverKey(), authMessage);
        state = State.DONE;
        return new SaslStep.Success(exchange.username(),
                ("v=" + Payloads.toBase64(serverSignature)).getBytes(US_ASCII));
    }

    /** RFC 5802 §3: {@code ClientKey = ClientProof XOR HMAC(StoredKey, AuthMessage)}, then {@code H(ClientKey)}. */
    private boolean proofMatches(byte[] proof, byte[] authMessage) {
        byte[] storedKey = exchange.credentials().storedKey();
        byte[] clientSignature = hash.hmac(storedKey, authMessage);
        if (proof.length != clientSignature.length) return false;
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        return MessageDigest.isEqual(hash.digest(clientKey), storedKey);
    }

    private static String randomNonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return Payloads.toBase64(nonce);
    }

    private static String checkedNonce(String nonce) {
        try {
            return ScramSyntax.nonce(nonce);
        } catch (SaslFailureException e) {
            throw new IllegalArgumentException("server nonce must be printable ASCII without commas: " + nonce);
        }
    }
}
