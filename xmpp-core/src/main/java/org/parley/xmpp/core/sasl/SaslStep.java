package org.parley.xmpp.core.sasl;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a {@link SaslServerMechanism} answers to one client message (RFC 6120 §6.4): another challenge, success
 * (which ends the exchange) or failure (which also ends it). Payloads are raw bytes; the stream layer base64-encodes
 * them, sending {@code =} for an empty payload.
 */
public sealed interface SaslStep {

    /** Send {@code <challenge/>} with {@code data} (possibly empty) and wait for the client's response. */
    record Challenge(byte[] data) implements SaslStep {
        public Challenge {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Challenge that && Arrays.equals(data, that.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Challenge[" + data.length + " bytes]";
        }
    }

    /**
     * Send {@code <success/>} with {@code additionalData} (RFC 6120 §6.3.10; empty for none): the client has
     * authenticated as {@code username}, the nodeprepped localpart.
     */
    record Success(String username, byte[] additionalData) implements SaslStep {
        public Success {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(additionalData, "additionalData");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Success that
                    && username.equals(that.username)
                    && Arrays.equals(additionalData, that.additionalData);
        }

        @Override
        public int hashCode() {
            return 31 * username.hashCode() + Arrays.hashCode(additionalData);
        }

        @Override
        public String toString() {
            return "Success[username=" + username + ", " + additionalData.length + " bytes]";
        }
    }

    /** Send {@code <failure/>} with {@code condition} and {@code text} (empty for no {@code <text/>}). */
    record Failed(SaslFailure condition, String text) implements SaslStep {
        public Failed {
            Objects.requireNonNull(condition, "condition");
            Objects.requireNonNull(text, "text");
        }
    }
}
