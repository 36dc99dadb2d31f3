package org.parley.xmpp.core.sasl;

import java.util.Optional;

/**
 * Where the SASL mechanisms find a user's {@link ScramCredentials}. Lookups may block (a database query), so the
 * mechanisms must be driven off the event loop.
 */
@FunctionalInterface
public interface CredentialStore {
    /**
     * The credentials of {@code username} for {@code hash}, or empty if the user does not exist or has none for that
     * hash. A store that cannot answer (database down) throws; the mechanisms report that as
     * {@link SaslFailure#TEMPORARY_AUTH_FAILURE}.
     *
     * @param username the localpart, already nodeprepped (RFC 6122 Appendix A)
     */
    Optional<ScramCredentials> credentials(String username, ScramHash hash);
}
