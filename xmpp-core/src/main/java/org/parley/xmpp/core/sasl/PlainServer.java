package org.parley.xmpp.core.sasl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The server side of PLAIN (RFC 4616): one message {@code [authzid] NUL authcid NUL passwd}, checked against the
 * stored SCRAM credentials with {@link ScramCredentials#verifyPassword} (SHA-256 preferred, then SHA-1, then
 * SHA-512). The password crosses the wire in the clear, so offer PLAIN only on an encrypted stream (RFC 4616 §5,
 * RFC 6120 §13.8).
 */
public final class PlainServer implements SaslServerMechanism {
    private static final List<ScramHash> LOOKUP_ORDER = List.of(ScramHash.SHA_256, ScramHash.SHA_1, ScramHash.SHA_512);

    private enum State { NEW, AWAITING_RESPONSE, DONE }

    private final CredentialStore store;
    private State state = State.NEW;

    public PlainServer(CredentialStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public String name() {
        return "PLAIN";
    }

    /** Verifies the initial response, or sends an empty challenge asking for it if there is none. */
    @Override
    public SaslStep start(byte[] initialResponse) {
        if (state != State.NEW) return fail(SaslFailureException.malformed("PLAIN exchange already started"));
        state = State.AWAITING_RESPONSE;
        return initialResponse.length == 0 ? new SaslStep.Challenge(Payloads.EMPTY) : respond(initialResponse);
    }

    @Override
    public SaslStep respond(byte[] response) {
        if (state != State.AWAITING_RESPONSE) return fail(SaslFailureException.malformed("no PLAIN exchange"));
        try {
            SaslStep step = verify(Payloads.utf8(response));
            state = State.DONE;
            return step;
        } catch (SaslFailureException e) {
            return fail(e);
        }
    }

    private SaslStep verify(String message) throws SaslFailureException {
        // RFC 4616 §2: "the NUL (U+0000) character MUST NOT appear in authzid, authcid, or passwd productions",
        // so a message that does not split into exactly three fields is malformed.
        String[] fields = message.split("\0", -1);
        if (fields.length != 3 || fields[1].isEmpty() || fields[2].isEmpty()) {
            throw SaslFailureException.malformed("expected [authzid] NUL authcid NUL passwd");
        }
        String username = Accounts.username(fields[1]);
        Accounts.checkAuthzid(fields[0], username);
        Optional<ScramCredentials> stored = storedCredentials(username);
        // An unknown user costs the same Hi() as a known one, so timing does not reveal which users exist.
        ScramCredentials credentials = stored.orElseGet(() -> DecoyCredentials.forUser(ScramHash.SHA_256, username));
        boolean passwordMatches = credentials.verifyPassword(fields[2]);
        if (!passwordMatches || stored.isEmpty()) {
            throw new SaslFailureException(SaslFailure.NOT_AUTHORIZED, "wrong username or password");
        }
        return new SaslStep.Success(username, Payloads.EMPTY);
    }

    private Optional<ScramCredentials> storedCredentials(String username) throws SaslFailureException {
        for (ScramHash hash : LOOKUP_ORDER) {
            Optional<ScramCredentials> credentials = Accounts.credentials(store, username, hash);
            if (credentials.isPresent()) return credentials;
        }
        return Optional.empty();
    }

    private SaslStep fail(SaslFailureException failure) {
        state = State.DONE;
        return failure.toStep();
    }
}
