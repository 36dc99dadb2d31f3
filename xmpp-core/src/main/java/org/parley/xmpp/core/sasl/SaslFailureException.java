package org.parley.xmpp.core.sasl;

/** Ends an exchange with a SASL failure (RFC 6120 §6.5); the mechanisms turn it into a {@link SaslStep.Failed}. */
final class SaslFailureException extends Exception {
    private final SaslFailure condition;

    SaslFailureException(SaslFailure condition, String text) {
        super(text, null, false, false);
        this.condition = condition;
    }

    static SaslFailureException malformed(String text) {
        return new SaslFailureException(SaslFailure.MALFORMED_REQUEST, text);
    }

    SaslStep.Failed toStep() {
        return new SaslStep.Failed(condition, getMessage());
    }
}
