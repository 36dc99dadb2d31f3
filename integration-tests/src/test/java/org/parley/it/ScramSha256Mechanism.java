package org.parley.it;

import org.jivesoftware.smack.SmackException.SmackSaslException;
import org.jivesoftware.smack.sasl.SASLMechanism;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.callback.CallbackHandler;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A SCRAM-SHA-256 client (RFC 7677, RFC 5802 §3) for Smack, written from the RFC for these tests: Smack ships
 * only SCRAM-SHA-1 (its SCRAM engine hashes the ClientKey with SHA-1 whatever the HMAC), and the issue asks for
 * SCRAM-SHA-256 logins. It also checks the server's signature, so a server that skips the proof check fails.
 */
final class ScramSha256Mechanism extends SASLMechanism {
    static final String NAME = "SCRAM-SHA-256";

    private String clientNonce;
    private String clientFirstBare;
    private byte[] expectedServerSignature;
    private boolean serverVerified;

    @Override
    protected void authenticateInternal(CallbackHandler cbh) {
        throw new UnsupportedOperationException("callback handlers are not supported");
    }

    @Override
    protected byte[] getAuthenticationText() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        clientNonce = Base64.getEncoder().encodeToString(random);
        clientFirstBare = "n=" + authenticationId.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
        return ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected byte[] evaluateChallenge(byte[] challenge) throws SmackSaslException {
        String message = new String(challenge, StandardCharsets.UTF_8);
        Map<Character, String> attributes = parse(message);
        try {
            if (expectedServerSignature == null) {
                String nonce = attributes.get('r');
                if (nonce == null || !nonce.startsWith(clientNonce)) throw new SmackSaslException("server nonce does not extend ours");
                byte[] salt = Base64.getDecoder().decode(attributes.get('s'));
                int iterations = Integer.parseInt(attributes.get('i'));
                byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                        .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
                byte[] clientKey = hmac(salted, "Client Key");
                byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
                String withoutProof = "c=" + Base64.getEncoder().encodeToString("n,,".getBytes(StandardCharsets.UTF_8)) + ",r=" + nonce;
                String authMessage = clientFirstBare + "," + message + "," + withoutProof;
                byte[] signature = hmac(storedKey, authMessage);
                byte[] proof = new byte[clientKey.length];
                for (int i = 0; i < proof.length; i++) proof[i] = (byte) (clientKey[i] ^ signature[i]);
                expectedServerSignature = hmac(hmac(salted, "Server Key"), authMessage);
                return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
            }
            String verifier = attributes.get('v');
            serverVerified = verifier != null && MessageDigest.isEqual(Base64.getDecoder().decode(verifier), expectedServerSignature);
            return null;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SmackSaslException(e);
        }
    }

    private static Map<Character, String> parse(String message) {
        Map<Character, String> attributes = new HashMap<>();
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(1) == '=') attributes.put(part.charAt(0), part.substring(2));
        }
        return attributes;
    }

    private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public int getPriority() {
        return 105;
    }

    @Override
    protected void checkIfSuccessfulOrThrow() throws SmackSaslException {
        if (!serverVerified) throw new SmackSaslException("the server's SCRAM signature did not verify");
    }

    @Override
    protected SASLMechanism newInstance() {
        return new ScramSha256Mechanism();
    }
}
