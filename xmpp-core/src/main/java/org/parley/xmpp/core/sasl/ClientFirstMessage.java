package org.parley.xmpp.core.sasl;

/**
 * A parsed SCRAM {@code client-first-message} (RFC 5802 §7).
 *
 * @param gs2Header   the GS2 header as sent, including its trailing comma, echoed in the {@code c} attribute
 * @param authzid     the decoded authorization identity, empty if absent
 * @param authcid     the decoded user name, not yet prepared
 * @param clientNonce the client's part of the nonce
 * @param bare        the {@code client-first-message-bare}, part of the AuthMessage
 */
record ClientFirstMessage(String gs2Header, String authzid, String authcid, String clientNonce, String bare) {

    static ClientFirstMessage parse(String message) throws SaslFailureException {
        String[] gs2 = message.split(",", 3);
        if (gs2.length < 3) throw SaslFailureException.malformed("missing GS2 header");
        String cbindFlag = gs2[0];
        // RFC 5802 §6: "If the channel binding flag was "p" and the server does not support the indicated channel
        // binding type, then the server MUST fail authentication." Parley supports none.
        if (cbindFlag.startsWith("p=")) {
            throw new SaslFailureException(SaslFailure.NOT_AUTHORIZED, "channel binding not supported");
        }
        // RFC 5802 §6: "If the flag is set to "y" and the server supports channel binding, the server MUST fail
        // authentication." Parley offers no -PLUS mechanism, so "y" is as good as "n".
        if (!cbindFlag.equals("n") && !cbindFlag.equals("y")) {
            throw SaslFailureException.malformed("bad channel binding flag");
        }
        String authzid = gs2[1].isEmpty() ? "" : ScramSyntax.saslName(ScramSyntax.value(gs2[1], 'a'));

        String bare = gs2[2];
        String[] attributes = bare.split(",", -1);
        ScramSyntax.rejectMandatoryExtension(attributes[0]);
        if (attributes.length < 2) throw SaslFailureException.malformed("missing nonce");
        String authcid = ScramSyntax.saslName(ScramSyntax.value(attributes[0], 'n'));
        String clientNonce = ScramSyntax.nonce(ScramSyntax.value(attributes[1], 'r'));
        ScramSyntax.checkExtensions(attributes, 2, attributes.length);
        return new ClientFirstMessage(gs2[0] + "," + gs2[1] + ",", authzid, authcid, clientNonce, bare);
    }
}
