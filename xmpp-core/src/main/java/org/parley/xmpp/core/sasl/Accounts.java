package org.parley.xmpp.core.sasl;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

/** The identity rules that SCRAM and PLAIN share: preparing the authcid, vetting the authzid, asking the store. */
final class Accounts {
    private static final Logger log = LoggerFactory.getLogger(Accounts.class);

    private Accounts() {
    }

    /** The nodeprepped localpart for an authentication identity; an authcid that is no valid localpart fails. */
    static String username(String authcid) throws SaslFailureException {
        return nodeprep(authcid).orElseThrow(
                () -> new SaslFailureException(SaslFailure.NOT_AUTHORIZED, "username is not a valid localpart"));
    }

    /**
     * Accepts an empty authzid, or one naming the authenticated user itself: {@code username} or
     * {@code username@…} (localparts compared after nodeprep). Only the caller knows the domain, so it checks the
     * rest. RFC 6120 §6.3.8 leaves acting for another entity to server policy; Parley allows none, and fails with
     * {@code <invalid-authzid/>} (RFC 6120 §6.5.6).
     */
    static void checkAuthzid(String authzid, String username) throws SaslFailureException {
        if (authzid.isEmpty()) return;
        int at = authzid.indexOf('@');
        String localpart = at < 0 ? authzid : authzid.substring(0, at);
        if (!nodeprep(localpart).filter(username::equals).isPresent()) {
            throw new SaslFailureException(SaslFailure.INVALID_AUTHZID, "may only act as " + username);
        }
    }

    /** The stored credentials; a store that throws is reported as {@code <temporary-auth-failure/>}. */
    static Optional<ScramCredentials> credentials(CredentialStore store, String username, ScramHash hash)
            throws SaslFailureException {
        try {
            return store.credentials(username, hash).filter(credentials -> credentials.hash() == hash);
        } catch (RuntimeException e) {
            log.warn("Credential lookup for {} ({}) failed", username, hash, e);
            throw new SaslFailureException(SaslFailure.TEMPORARY_AUTH_FAILURE, "credential store unavailable");
        }
    }

    private static Optional<String> nodeprep(String localpart) {
        if (localpart.isEmpty()) return Optional.empty();
        try {
            return Optional.of(JID.nodeprep(localpart));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
