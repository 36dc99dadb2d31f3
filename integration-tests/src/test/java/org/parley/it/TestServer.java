package org.parley.it;

import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.parley.server.ParleyServer;
import org.parley.server.config.ParleyConfig;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;

/**
 * A Parley server started in-process on free ports for one test class, with the client configuration that
 * reaches it: TLS trusting exactly the server's generated certificate (no trust-all).
 */
final class TestServer implements AutoCloseable {
    static final String DOMAIN = "localhost";
    static final String ADMIN_PASSWORD = "admin-secret-1";

    private final ParleyServer server;
    private final Path dataDir;
    private final X509TrustManager trustManager;

    private TestServer(ParleyServer server, Path dataDir) throws Exception {
        this.server = server;
        this.dataDir = dataDir;
        this.trustManager = trustManagerFor(dataDir.resolve("tls").resolve(DOMAIN + ".crt"));
    }

    /** Starts a server on H2 in {@code dataDir}. */
    static TestServer h2(Path dataDir) throws Exception {
        return start(dataDir, "");
    }

    /**
     * Starts a server with the given store.
     *
     * @param jdbcUrl a JDBC URL, or empty for H2 in {@code dataDir}
     */
    static TestServer start(Path dataDir, String jdbcUrl) throws Exception {
        return start(config(dataDir, jdbcUrl, ParleyConfig.defaults().limits(), ParleyConfig.defaults().keepalive()));
    }

    /** Starts a server with a complete configuration (see {@link #config}). */
    static TestServer start(ParleyConfig config) throws Exception {
        return new TestServer(ParleyServer.start(config), config.dataPath());
    }

    /** The test configuration: ports chosen by the OS on loopback, a known admin password. */
    static ParleyConfig config(Path dataDir, String jdbcUrl, ParleyConfig.Limits limits, ParleyConfig.Keepalive keepalive) {
        return config(dataDir, jdbcUrl, limits, keepalive, ParleyConfig.defaults().offline());
    }

    /** The test configuration with another offline message quota. */
    static ParleyConfig config(Path dataDir, String jdbcUrl, ParleyConfig.Limits limits, ParleyConfig.Keepalive keepalive,
                               ParleyConfig.Offline offline) {
        return config(dataDir, jdbcUrl, limits, keepalive, offline, ParleyConfig.defaults().streamManagement());
    }

    /** The test configuration with other offline and stream management (XEP-0198) settings. */
    static ParleyConfig config(Path dataDir, String jdbcUrl, ParleyConfig.Limits limits, ParleyConfig.Keepalive keepalive,
                               ParleyConfig.Offline offline, ParleyConfig.StreamManagement streamManagement) {
        ParleyConfig d = ParleyConfig.defaults();
        return new ParleyConfig(DOMAIN, dataDir.toString(), List.of("admin"),
                new ParleyConfig.Admin("admin", ADMIN_PASSWORD), new ParleyConfig.Registration(true),
                new ParleyConfig.C2s("127.0.0.1", 0, 0, true), d.tls(),
                new ParleyConfig.DatabaseConfig(jdbcUrl, "", "", 4), limits, keepalive, d.sasl(), offline,
                streamManagement, d.archive(), d.muc());
    }

    ParleyServer server() {
        return server;
    }

    int port() {
        return server.c2sPort();
    }

    int directTlsPort() {
        return server.directTlsPort();
    }

    Path dataDir() {
        return dataDir;
    }

    X509TrustManager trustManager() {
        return trustManager;
    }

    /** An SSL context trusting the server's certificate, for raw-socket tests. */
    SSLContext sslContext() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[]{trustManager}, null);
        return context;
    }

    /** A Smack configuration for this server: STARTTLS required, the given credentials. */
    XMPPTCPConnectionConfiguration.Builder clientConfig(String username, String password) throws Exception {
        return XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(DOMAIN)
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(port())
                .setSecurityMode(ConnectionConfiguration.SecurityMode.required)
                .setCustomX509TrustManager(trustManager)
                .setUsernameAndPassword(username, password)
                .setCompressionEnabled(false);
    }

    /** A connected (not logged-in) Smack connection. */
    XMPPTCPConnection connect(String username, String password) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(clientConfig(username, password).build());
        connection.connect();
        return connection;
    }

    private static X509TrustManager trustManagerFor(Path certificate) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            store.setCertificateEntry("parley", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }

    @Override
    public void close() {
        server.close();
    }
}
