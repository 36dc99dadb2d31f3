package org.parley.it;

import org.jivesoftware.smack.sasl.SASLMechanism;
import org.jivesoftware.smack.sasl.core.ScramMechanism;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;

/**
 * SCRAM-SHA-256 (RFC 7677) for Smack, which ships only SCRAM-SHA-1: Smack's own SCRAM engine with HMAC-SHA-256,
 * so the tests can log in the way the issue asks.
 */
final class ScramSha256Mechanism extends ScramMechanism {
    static final String NAME = "SCRAM-SHA-256";

    ScramSha256Mechanism() {
        super(new org.jivesoftware.smack.sasl.core.ScramHmac() {
            @Override
            public String getHmacName() {
                return "SHA-256";
            }

            @Override
            public byte[] hmac(byte[] key, byte[] str) throws InvalidKeyException {
                try {
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(key, "HmacSHA256"));
                    return mac.doFinal(str);
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    @Override
    public int getPriority() {
        return 105;
    }

    @Override
    protected SASLMechanism newInstance() {
        return new ScramSha256Mechanism();
    }
}
