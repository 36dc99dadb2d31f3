package org.parley.server.account;

import org.parley.xmpp.core.sasl.CredentialStore;
import org.parley.xmpp.core.sasl.ScramCredentials;

import java.util.Collection;
import java.util.List;

/**
 * Local accounts and their SCRAM credentials (RFC 6120 §6; RFC 5802 §3). Usernames are nodeprepped localparts.
 * All methods block (JDBC): call them off the event loop.
 */
public interface AccountStore extends CredentialStore {
    /**
     * Creates an account with one credential per SCRAM hash.
     *
     * @return false if the username is taken (nothing is changed)
     */
    boolean create(String username, Collection<ScramCredentials> credentials);

    /** Replaces all credentials of an existing account; false if there is no such account. */
    boolean changeCredentials(String username, Collection<ScramCredentials> credentials);

    /** Deletes the account and its credentials; false if there was no such account. */
    boolean delete(String username);

    /** True if the account exists. */
    boolean exists(String username);

    /** All usernames, sorted, at most {@code limit}. */
    List<String> usernames(int limit);
}
