package org.parley.xmpp.core.sasl;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Stand-in credentials for a user that does not exist, so that an exchange for an unknown user looks like one for a
 * known user with a wrong password: same messages, same work, failure only at the proof. The salt is an HMAC of the
 * username under a secret drawn once per server process, so asking twice gives the same salt, as for a real user.
 */
final class DecoyCredentials {
    /** The iteration count announced for unknown users; stores should use the same for real ones. */
    static final int ITERATIONS = 4096;
    private static final int SALT_LENGTH = 16;
    private static final byte[] SECRET = randomSecret();

    private DecoyCredentials() {
    }

    static ScramCredentials forUser(ScramHash hash, String username) {
        byte[] seed = hash.hmac(SECRET, username.getBytes(UTF_8));
        byte[] salt = Arrays.copyOf(seed, SALT_LENGTH);
        return new ScramCredentials(hash, salt, ITERATIONS, hash.digest(seed), hash.hmac(seed, salt));
    }

    private static byte[] randomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }
}
