package org.parley.xmpp.core.sasl;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.Base64;

/** Decoding of the text inside SASL payloads, shared by the mechanisms. */
final class Payloads {
    static final byte[] EMPTY = new byte[0];

    private Payloads() {
    }

    /** Strict UTF-8 (RFC 5802 and RFC 4616 messages are UTF-8); anything else is {@code <malformed-request/>}. */
    static String utf8(byte[] payload) throws SaslFailureException {
        try {
            return UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload))
                    .toString();
        } catch (CharacterCodingException e) {
            throw SaslFailureException.malformed("payload is not UTF-8");
        }
    }

    /** Base64 (RFC 4648 §4) inside a message; bad base64 is {@code <incorrect-encoding/>} (RFC 6120 §6.5.5). */
    static byte[] base64(String value, String what) throws SaslFailureException {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new SaslFailureException(SaslFailure.INCORRECT_ENCODING, what + " is not base64");
        }
    }

    static String toBase64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }
}
