package org.parley.xmpp.core.sasl;

/**
 * A parsed SCRAM {@code client-final-message} (RFC 5802 §7).
 *
 * @param channelBinding the decoded {@code c} attribute: GS2 header plus channel binding data
 * @param nonce          the full nonce, client part and server part
 * @param proof          the decoded {@code ClientProof}
 * @param withoutProof   the {@code client-final-message-without-proof}, part of the AuthMessage
 */
record ClientFinalMessage(byte[] channelBinding, String nonce, byte[] proof, String withoutProof) {

    static ClientFinalMessage parse(String message) throws SaslFailureException {
        String[] attributes = message.split(",", -1);
        if (attributes.length < 3) throw SaslFailureException.malformed("expected c, r and p attributes");
        ScramSyntax.rejectMandatoryExtension(attributes[0]);
        byte[] channelBinding = Payloads.base64(ScramSyntax.value(attributes[0], 'c'), "channel binding");
        String nonce = ScramSyntax.nonce(ScramSyntax.value(attributes[1], 'r'));
        int last = attributes.length - 1;
        ScramSyntax.checkExtensions(attributes, 2, last);
        byte[] proof = Payloads.base64(ScramSyntax.value(attributes[last], 'p'), "proof");
        return new ClientFinalMessage(channelBinding, nonce, proof, message.substring(0, message.lastIndexOf(',')));
    }
}
