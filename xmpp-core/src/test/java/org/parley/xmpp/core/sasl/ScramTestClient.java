package org.parley.xmpp.core.sasl;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of SCRAM (RFC 5802 §3, §5), written independently of the server code: {@code Hi} is computed with
 * a plain HMAC loop rather than the JDK's PBKDF2. The password must already be SASLprep-normalized.
 */
final class ScramTestClient {
    private final ScramHash hash;
    private final String username;
    private final String password;
    private final String clientNonce;
    private String gs2Header = "n,,";
    private String channelBinding;
    private String serverFirst;
    private byte[] expectedServerSignature;

    ScramTestClient(ScramHash hash, String username, String password, String clientNonce) {
        this.hash = hash;
        this.username = username;
        this.password = password;
        this.clientNonce = clientNonce;
    }

    ScramTestClient gs2Header(String header) {
        this.gs2Header = header;
        return this;
    }

    /** Sends this as {@code c=} instead of the base64 of the GS2 header. */
    ScramTestClient channelBinding(String base64) {
        this.channelBinding = base64;
        return this;
    }

    String clientFirstBare() {
        return "n=" + username.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
    }

    byte[] clientFirst() {
        return (gs2Header + clientFirstBare()).getBytes(UTF_8);
    }

    /** The client-final-message answering {@code serverFirstMessage}, using the nonce the server sent. */
    byte[] clientFinal(byte[] serverFirstMessage) {
        serverFirst = new String(serverFirstMessage, UTF_8);
        String nonce = attribute(serverFirst, 'r');
        return clientFinal(serverFirstMessage, nonce);
    }

    /** The client-final-message with {@code nonce} in its {@code r=} attribute, whatever the server sent. */
    byte[] clientFinal(byte[] serverFirstMessage, String nonce) {
        serverFirst = new String(serverFirstMessage, UTF_8);
        byte[] salt = Base64.getDecoder().decode(attribute(serverFirst, 's'));
        int iterations = Integer.parseInt(attribute(serverFirst, 'i'));
        byte[] saltedPassword = hi(password.getBytes(UTF_8), salt, iterations);
        byte[] clientKey = hmac(saltedPassword, "Client Key".getBytes(UTF_8));
        byte[] storedKey = digest(clientKey);
        String cbind = channelBinding != null ? channelBinding : b64(gs2Header.getBytes(UTF_8));
        String withoutProof = "c=" + cbind + ",r=" + nonce;
        byte[] authMessage = (clientFirstBare() + "," + serverFirst + "," + withoutProof).getBytes(UTF_8);
        byte[] clientSignature = hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        }
        expectedServerSignature = hmac(hmac(saltedPassword, "Server Key".getBytes(UTF_8)), authMessage);
        return (withoutProof + ",p=" + b64(proof)).getBytes(UTF_8);
    }

    /** The server-final-message a genuine server sends after the last {@link #clientFinal}. */
    byte[] expectedServerFinal() {
        return ("v=" + b64(expectedServerSignature)).getBytes(UTF_8);
    }

    static String attribute(String message, char name) {
        for (String attribute : message.split(",")) {
            if (attribute.charAt(0) == name && attribute.charAt(1) == '=') return attribute.substring(2);
        }
        throw new IllegalArgumentException("no " + name + " in " + message);
    }

    private byte[] hi(byte[] key, byte[] salt, int iterations) {
        byte[] u = hmac(key, concat(salt, new byte[] {0, 0, 0, 1}));
        byte[] result = u.clone();
        for (int n = 1; n < iterations; n++) {
            u = hmac(key, u);
            for (int i = 0; i < result.length; i++) {
                result[i] ^= u[i];
            }
        }
        return result;
    }

    private byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(hash.macAlgorithm());
            mac.init(new SecretKeySpec(key, hash.macAlgorithm()));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance(hash.digestAlgorithm()).digest(data);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = new byte[a.length + b.length];
        System.arraycopy(a, 0, result, 0, a.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    private static String b64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }
}
