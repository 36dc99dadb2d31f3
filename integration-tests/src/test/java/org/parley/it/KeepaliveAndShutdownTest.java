package org.parley.it;

import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.server.config.ParleyConfig;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dead connections are found by XEP-0199 pings from the server (an unresponsive client is closed with
 * {@code <connection-timeout/>}, RFC 6120 §4.9.3.4), live ones are kept, and shutdown ends every stream with
 * {@code <system-shutdown/>} (RFC 6120 §4.9.3.20).
 */
class KeepaliveAndShutdownTest {
    private static TestServer startWithKeepalive(Path dataDir) throws Exception {
        ParleyConfig config = TestServer.config(dataDir, "", ParleyConfig.defaults().limits(), new ParleyConfig.Keepalive(1, 1));
        TestServer server = TestServer.start(config);
        server.server().accounts().create("alice", "alice-pass");
        server.server().accounts().create("zombie", "zombie-pass");
        return server;
    }

    @Test
    void aClientThatDoesNotAnswerPingsIsDisconnectedAndOneThatDoesStays(@TempDir Path dataDir) throws Exception {
        try (TestServer server = startWithKeepalive(dataDir)) {
            XMPPTCPConnection alive = server.connect("alice", "alice-pass");
            alive.login();
            try (RawClient zombie = RawClient.loggedIn(server, "zombie", "zombie-pass", "dead")) {
                assertThat(zombie.await("<ping xmlns='urn:xmpp:ping'/>")).contains("<iq");
                assertThat(zombie.awaitClose()).contains("<connection-timeout xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>");
            }
            // Smack answers the server's pings (XEP-0199), so its session outlives several idle periods.
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(alive::isAuthenticated);
            assertThat(server.server().sessionCount()).isEqualTo(1);
            alive.disconnect();
        }
    }

    @Test
    void shutdownSendsSystemShutdownToConnectedClients(@TempDir Path dataDir) throws Exception {
        TestServer server = TestServer.h2(dataDir);
        server.server().accounts().create("alice", "alice-pass");
        try (RawClient client = RawClient.loggedIn(server, "alice", "alice-pass", "desk")) {
            server.close();
            assertThat(client.awaitClose()).contains("<system-shutdown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>")
                    .endsWith("</stream:stream>");
        }
    }
}
