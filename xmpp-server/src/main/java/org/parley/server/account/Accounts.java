package org.parley.server.account;

import org.parley.xmpp.core.sasl.ScramCredentials;
import org.parley.xmpp.core.sasl.ScramHash;
import org.xmpp.packet.JID;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * Account operations shared by in-band registration (XEP-0077), the admin commands (XEP-0133) and the
 * {@code parley} command: username validation and turning a password into SCRAM credentials. Blocking.
 */
public final class Accounts {
    /** Longest accepted username, in characters (the database column is VARCHAR(255)). */
    public static final int MAX_USERNAME_LENGTH = 255;
    /** Longest accepted password, in characters. */
    public static final int MAX_PASSWORD_LENGTH = 1024;

    private final AccountStore store;
    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param store      where accounts live
     * @param iterations the SCRAM iteration count for new credentials (RFC 7677 §4: at least 4096)
     */
    public Accounts(AccountStore store, int iterations) {
        this.store = store;
        this.iterations = iterations;
    }

    /** The underlying store. */
    public AccountStore store() {
        return store;
    }

    /**
     * Normalises a requested username with nodeprep (RFC 7622 §3.3 via Tinder).
     *
     * @throws InvalidAccountException if it is empty, too long or not a valid localpart
     */
    public static String normalizeUsername(String raw) throws InvalidAccountException {
        if (raw == null || raw.isBlank()) throw new InvalidAccountException("username is required");
        String prepped;
        try {
            prepped = JID.nodeprep(raw.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidAccountException("username '" + raw + "' is not a valid JID localpart");
        }
        if (prepped.isEmpty() || prepped.length() > MAX_USERNAME_LENGTH) {
            throw new InvalidAccountException("username must be 1 to " + MAX_USERNAME_LENGTH + " characters");
        }
        return prepped;
    }

    /** Checks a new password: 1 to {@link #MAX_PASSWORD_LENGTH} characters. */
    public static void validatePassword(String password) throws InvalidAccountException {
        if (password == null || password.isEmpty()) throw new InvalidAccountException("password is required");
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw new InvalidAccountException("password is longer than " + MAX_PASSWORD_LENGTH + " characters");
        }
    }

    /**
     * Creates an account.
     *
     * @return false if the username is taken
     * @throws InvalidAccountException for an invalid username or password
     */
    public boolean create(String username, String password) throws InvalidAccountException {
        String user = normalizeUsername(username);
        validatePassword(password);
        return store.create(user, credentialsFor(password));
    }

    /**
     * Sets a new password for an existing account.
     *
     * @return false if there is no such account
     * @throws InvalidAccountException for an invalid username or password
     */
    public boolean changePassword(String username, String password) throws InvalidAccountException {
        String user = normalizeUsername(username);
        validatePassword(password);
        return store.changeCredentials(user, credentialsFor(password));
    }

    /** Deletes an account; false if there was none. */
    public boolean delete(String username) throws InvalidAccountException {
        return store.delete(normalizeUsername(username));
    }

    /** True if the (normalised) account exists. */
    public boolean exists(String username) {
        try {
            return store.exists(normalizeUsername(username));
        } catch (InvalidAccountException e) {
            return false;
        }
    }

    private List<ScramCredentials> credentialsFor(String password) throws InvalidAccountException {
        try {
            return Arrays.stream(ScramHash.values())
                    .map(hash -> ScramCredentials.generate(hash, password, iterations, random))
                    .toList();
        } catch (IllegalArgumentException e) {
            throw new InvalidAccountException("password is not acceptable: " + e.getMessage());
        }
    }
}
