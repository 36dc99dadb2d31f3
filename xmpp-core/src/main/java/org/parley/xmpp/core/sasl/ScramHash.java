package org.parley.xmpp.core.sasl;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hash functions of the SCRAM family: SCRAM-SHA-1 (RFC 5802), SCRAM-SHA-256 (RFC 7677) and SCRAM-SHA-512
 * (draft-melnikov-scram-sha-512). Besides naming the algorithms, it provides the three primitives of RFC 5802 §2.2:
 * {@code HMAC}, {@code H} and {@code Hi}.
 */
public enum ScramHash {
    SHA_1("SCRAM-SHA-1", "HmacSHA1", "SHA-1", 20),
    SHA_256("SCRAM-SHA-256", "HmacSHA256", "SHA-256", 32),
    SHA_512("SCRAM-SHA-512", "HmacSHA512", "SHA-512", 64);

    private final String mechanismName;
    private final String macAlgorithm;
    private final String digestAlgorithm;
    private final int keyLength;

    ScramHash(String mechanismName, String macAlgorithm, String digestAlgorithm, int keyLength) {
        this.mechanismName = mechanismName;
        this.macAlgorithm = macAlgorithm;
        this.digestAlgorithm = digestAlgorithm;
        this.keyLength = keyLength;
    }

    /** The SASL mechanism name, e.g. {@code SCRAM-SHA-256}. */
    public String mechanismName() {
        return mechanismName;
    }

    /** The JCA name of the HMAC, e.g. {@code HmacSHA256}. */
    public String macAlgorithm() {
        return macAlgorithm;
    }

    /** The JCA name of the digest, e.g. {@code SHA-256}. */
    public String digestAlgorithm() {
        return digestAlgorithm;
    }

    /** The output length of the hash in bytes, which is also the length of every SCRAM key and proof. */
    public int keyLength() {
        return keyLength;
    }

    /** The hash of the SCRAM mechanism named exactly {@code name}, or empty for any other name (including -PLUS). */
    public static Optional<ScramHash> forMechanism(String name) {
        return Arrays.stream(values()).filter(hash -> hash.mechanismName.equals(name)).findFirst();
    }

    /** {@code HMAC(key, data)}; {@code key} must not be empty. */
    byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(macAlgorithm);
            mac.init(new SecretKeySpec(key, macAlgorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(macAlgorithm + " is missing from this JDK", e);
        }
    }

    /** {@code H(data)}. */
    byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance(digestAlgorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(digestAlgorithm + " is missing from this JDK", e);
        }
    }

    /**
     * {@code Hi(str, salt, i)} of RFC 5802 §2.2, which is PBKDF2 (RFC 8018) with this HMAC and one block of output.
     * The JDK encodes {@code normalizedPassword} as UTF-8, as SCRAM requires.
     */
    byte[] hi(String normalizedPassword, byte[] salt, int iterations) {
        String algorithm = "PBKDF2With" + macAlgorithm;
        PBEKeySpec spec = new PBEKeySpec(normalizedPassword.toCharArray(), salt, iterations, keyLength * 8);
        try {
            return SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
