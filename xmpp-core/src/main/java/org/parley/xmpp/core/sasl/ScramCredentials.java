package org.parley.xmpp.core.sasl;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * What the server stores for a password, per RFC 5802 §3: the salt, the iteration count, {@code StoredKey} and
 * {@code ServerKey}. The password itself is never stored; SCRAM verifies a client proof against these values and
 * PLAIN re-derives them from the presented password ({@link #verifyPassword}).
 *
 * <p>Arrays are copied in and out, so instances are immutable; {@link #toString()} never shows the keys.
 *
 * @param hash       the SCRAM hash these keys were derived with
 * @param salt       the salt, sent to clients in the server-first-message
 * @param iterations the PBKDF2 iteration count {@code i}, at least 1
 * @param storedKey  {@code H(ClientKey)}, {@link ScramHash#keyLength()} bytes
 * @param serverKey  {@code HMAC(SaltedPassword, "Server Key")}, {@link ScramHash#keyLength()} bytes
 */
public record ScramCredentials(ScramHash hash, byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
    /** Salt length used by {@link #generate}, in bytes. */
    private static final int SALT_LENGTH = 16;
    private static final byte[] CLIENT_KEY = "Client Key".getBytes(US_ASCII);
    private static final byte[] SERVER_KEY = "Server Key".getBytes(US_ASCII);

    /** @throws IllegalArgumentException if the salt is empty, {@code iterations < 1} or a key has the wrong length */
    public ScramCredentials {
        Objects.requireNonNull(hash, "hash");
        if (salt.length == 0) throw new IllegalArgumentException("empty salt");
        if (iterations < 1) throw new IllegalArgumentException("iterations must be at least 1: " + iterations);
        if (storedKey.length != hash.keyLength() || serverKey.length != hash.keyLength()) {
            throw new IllegalArgumentException("keys must be " + hash.keyLength() + " bytes for " + hash);
        }
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    /**
     * Derives the credentials for {@code password} (RFC 5802 §3): {@code SaltedPassword = Hi(Normalize(password),
     * salt, i)}, {@code StoredKey = H(HMAC(SaltedPassword, "Client Key"))}, {@code ServerKey = HMAC(SaltedPassword,
     * "Server Key")}, where {@code Normalize} is SASLprep treating the password as a stored string.
     *
     * @throws IllegalArgumentException if SASLprep prohibits the password, or per the constructor
     */
    public static ScramCredentials derive(ScramHash hash, String password, byte[] salt, int iterations) {
        return fromSaltedPassword(hash, hash.hi(SaslPrep.stored(password), salt, iterations), salt, iterations);
    }

    /**
     * Derives credentials for a new password with a fresh 16-byte random salt.
     *
     * @param iterations the iteration count; RFC 5802 §5.1 and RFC 7677 §4 ask for at least 4096
     * @throws IllegalArgumentException if SASLprep prohibits the password or {@code iterations < 1}
     */
    public static ScramCredentials generate(ScramHash hash, String password, int iterations, SecureRandom random) {
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        return derive(hash, password, salt, iterations);
    }

    /**
     * Whether {@code password} is the one these credentials were derived from, comparing {@code StoredKey} in
     * constant time. A password that SASLprep rejects never matches. Costs one {@code Hi}, i.e. {@link #iterations}
     * HMACs.
     */
    public boolean verifyPassword(String password) {
        String normalized;
        try {
            normalized = SaslPrep.query(password);
        } catch (IllegalArgumentException e) {
            return false;
        }
        ScramCredentials presented = fromSaltedPassword(hash, hash.hi(normalized, salt, iterations), salt, iterations);
        return MessageDigest.isEqual(presented.storedKey, storedKey);
    }

    private static ScramCredentials fromSaltedPassword(ScramHash hash, byte[] saltedPassword, byte[] salt, int i) {
        byte[] storedKey = hash.digest(hash.hmac(saltedPassword, CLIENT_KEY));
        byte[] serverKey = hash.hmac(saltedPassword, SERVER_KEY);
        Arrays.fill(saltedPassword, (byte) 0);
        return new ScramCredentials(hash, salt, i, storedKey, serverKey);
    }

    /** A copy of the salt. */
    @Override
    public byte[] salt() {
        return salt.clone();
    }

    /** A copy of {@code StoredKey}. */
    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    /** A copy of {@code ServerKey}. */
    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScramCredentials that
                && hash == that.hash
                && iterations == that.iterations
                && Arrays.equals(salt, that.salt)
                && MessageDigest.isEqual(storedKey, that.storedKey)
                && MessageDigest.isEqual(serverKey, that.serverKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hash, iterations, Arrays.hashCode(salt), Arrays.hashCode(storedKey));
    }

    /** Shows the hash, salt and iteration count, never the keys. */
    @Override
    public String toString() {
        return "ScramCredentials[hash=" + hash + ", salt=" + Base64.getEncoder().encodeToString(salt)
                + ", iterations=" + iterations + "]";
    }
}
