package org.parley.server;

import org.parley.server.account.Accounts;
import org.parley.server.account.InvalidAccountException;
import org.parley.server.config.ConfigException;
import org.parley.server.config.ParleyConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;

/**
 * Creates the bootstrap administrator ({@code admin.username}) at start when it does not exist, with the
 * configured password or a generated one that is printed once, so a new server can be administered at once.
 */
final class AdminBootstrap {
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    private final Accounts accounts;
    private final ParleyConfig config;

    AdminBootstrap(Accounts accounts, ParleyConfig config) {
        this.accounts = accounts;
        this.config = config;
    }

    void ensureAdmin() {
        String username = config.admin().username();
        if (accounts.exists(username)) return;
        String configured = config.admin().password();
        String password = configured == null || configured.isEmpty() ? generatePassword() : configured;
        try {
            accounts.create(username, password);
        } catch (InvalidAccountException e) {
            throw new ConfigException("admin: " + e.getMessage());
        }
        String jid = username + "@" + config.domain();
        if (configured == null || configured.isEmpty()) {
            log.warn("Created administrator {} with password: {}  (shown once; change it with 'parley passwd {}')",
                    jid, password, jid);
        } else {
            log.info("Created administrator {} with the password from the configuration", jid);
        }
    }

    private static String generatePassword() {
        SecureRandom random = new SecureRandom();
        char[] chars = new char[16];
        for (int i = 0; i < chars.length; i++) chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        return new String(chars);
    }
}
