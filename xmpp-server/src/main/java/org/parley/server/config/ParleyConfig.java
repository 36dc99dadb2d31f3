package org.parley.server.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The whole server configuration, read from {@code conf/parley.yml} by {@link ConfigLoader}. Every key has a
 * default ({@link #defaults()}); {@code conf/parley.yml} documents each one.
 *
 * @param domain       the XMPP domain served (RFC 7622 domainpart), e.g. {@code localhost}
 * @param dataDir      folder for the embedded database, generated certificates and other state
 * @param admins       JIDs (or bare usernames of {@code domain}) allowed to run admin commands (XEP-0133)
 * @param admin        the bootstrap administrator account created at first start
 * @param registration in-band registration (XEP-0077)
 * @param c2s          client-to-server listeners
 * @param tls          the certificate for TLS
 * @param database     the store (H2 by default, MySQL/MariaDB in production)
 * @param limits       XML stream limits (RFC 6120 §13.12)
 * @param keepalive    dead-connection detection with XEP-0199 pings
 * @param sasl         authentication (RFC 6120 §6)
 * @param offline      messages kept for users who are offline (XEP-0160)
 * @param streamManagement acknowledgements and resumption of client streams (XEP-0198)
 * @param archive      the users' message archives (XEP-0313)
 * @param muc          group chat (XEP-0045), served at {@code <subdomain>.<domain>}
 */
public record ParleyConfig(
        String domain,
        String dataDir,
        List<String> admins,
        Admin admin,
        Registration registration,
        C2s c2s,
        Tls tls,
        DatabaseConfig database,
        Limits limits,
        Keepalive keepalive,
        Sasl sasl,
        Offline offline,
        StreamManagement streamManagement,
        Archive archive,
        Muc muc) {

    /**
     * @param username the bootstrap admin's username; created at start when it does not exist
     * @param password its password; empty → a random one is generated and printed once
     */
    public record Admin(String username, String password) {
    }

    /** @param enabled whether clients may create accounts in-band (XEP-0077) */
    public record Registration(boolean enabled) {
    }

    /**
     * @param bindAddress       IP address the listeners bind to
     * @param port              STARTTLS port (RFC 6120), 0 = any free port, -1 = off
     * @param directTlsPort     direct TLS port (XEP-0368), 0 = any free port, -1 = off
     * @param starttlsRequired  whether TLS is mandatory before authentication (RFC 6120 §5.3.1)
     */
    public record C2s(String bindAddress, int port, int directTlsPort, boolean starttlsRequired) {
    }

    /**
     * @param certificate PEM certificate chain file; empty → a self-signed certificate in {@code data_dir}
     * @param privateKey  PEM private key file (PKCS#8 or PKCS#1)
     */
    public record Tls(String certificate, String privateKey) {
    }

    /**
     * @param url      JDBC URL; empty → embedded H2 in {@code data_dir}
     * @param username database user
     * @param password database password
     * @param poolSize maximum pooled connections
     */
    public record DatabaseConfig(String url, String username, String password, int poolSize) {
    }

    /**
     * @param maxStanzaBytes largest accepted stanza, in bytes
     * @param maxDepth       deepest accepted element nesting
     * @param maxAttributes  most attributes on one element
     * @param maxRosterItems most contacts in one roster (RFC 6121 §2.3.3)
     * @param maxVcardChars  largest accepted vCard, in characters of XML (XEP-0054)
     * @param maxBodyChars   longest accepted message body, in characters (a longer one gets {@code <policy-violation/>})
     */
    public record Limits(int maxStanzaBytes, int maxDepth, int maxAttributes, int maxRosterItems, int maxVcardChars,
                         int maxBodyChars) {
    }

    /**
     * @param idleSeconds        seconds without input before the server pings a client
     * @param pingTimeoutSeconds seconds the client has to answer before its connection is closed
     */
    public record Keepalive(int idleSeconds, int pingTimeoutSeconds) {
    }

    /**
     * @param mechanisms      offered SASL mechanisms (of SCRAM-SHA-512, SCRAM-SHA-256, SCRAM-SHA-1, PLAIN)
     * @param scramIterations PBKDF2 iterations for new credentials (RFC 7677: ≥ 4096)
     * @param maxFailures     failed attempts on one stream before it is closed (RFC 6120 §6.4.5)
     */
    public record Sasl(List<String> mechanisms, int scramIterations, int maxFailures) {
    }

    /**
     * @param maxMessagesPerUser most messages kept for one offline user; more are bounced with
     *                           {@code <resource-constraint/>}
     */
    public record Offline(int maxMessagesPerUser) {
    }

    /**
     * @param resumeTimeoutSeconds how long a resumable session whose connection died waits for its client to resume
     *                             it (XEP-0198 §5); 0 turns resumption off
     * @param maxUnackedStanzas    most stanzas a session may hold unacknowledged; beyond it the session ends and its
     *                             unacknowledged messages are routed again (offline storage, other resources)
     */
    public record StreamManagement(int resumeTimeoutSeconds, int maxUnackedStanzas) {
    }

    /**
     * @param retentionDays how many days archived messages are kept, in users' and rooms' archives (a daily purge
     *                      deletes older ones); 0 = for ever
     * @param defaultMode   what is archived for users who set no preference (XEP-0441): {@code always},
     *                      {@code roster} (only messages with contacts in the roster) or {@code never}
     */
    public record Archive(int retentionDays, String defaultMode) {
    }

    /**
     * @param enabled       whether the group chat service runs
     * @param subdomain     the service is {@code <subdomain>.<domain>}, e.g. {@code conference.localhost}
     * @param maxMembers    most affiliated members (member, admin, owner) of one room; owners may only lower it
     * @param maxUsers      most occupants of one room ({@code muc#roomconfig_maxusers}); owners may only lower it
     * @param historySize   groupchat messages kept in memory per room for the discussion history (XEP-0045 §7.2.14),
     *                      reloaded from a logged persistent room's archive after a restart
     */
    public record Muc(boolean enabled, String subdomain, int maxMembers, int maxUsers, int historySize) {
        /** The service domain for {@code domain}. */
        public String serviceDomain(String domain) {
            return subdomain + "." + domain;
        }
    }

    /** The built-in defaults: a server for {@code localhost} that runs with nothing installed. */
    public static ParleyConfig defaults() {
        return new ParleyConfig(
                "localhost",
                "data",
                List.of("admin"),
                new Admin("admin", ""),
                new Registration(true),
                new C2s("0.0.0.0", 5222, 5223, true),
                new Tls("", ""),
                new DatabaseConfig("", "", "", 10),
                new Limits(262_144, 64, 64, 1000, 200_000, 100_000),
                new Keepalive(120, 30),
                new Sasl(List.of("SCRAM-SHA-512", "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"), 4096, 5),
                new Offline(10_000),
                new StreamManagement(300, 10_000),
                new Archive(0, "always"),
                new Muc(true, "conference", 100, 100, 50));
    }

    /** The data folder as a path. */
    public Path dataPath() {
        return Path.of(dataDir);
    }

    /** The JDBC URL to use: the configured one, or an H2 file database in {@code data_dir}. */
    public String jdbcUrl() {
        if (database.url() != null && !database.url().isBlank()) return database.url();
        // AUTO_SERVER lets the parley account commands open the database while the server runs.
        return "jdbc:h2:file:" + dataPath().toAbsolutePath().resolve("parley") + ";AUTO_SERVER=TRUE";
    }
}
