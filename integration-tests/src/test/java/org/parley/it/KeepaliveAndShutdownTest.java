package org.parley.it;

import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.SubscribeListener;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqlast.LastActivityManager;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;
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
        ParleyConfig config = TestServer.config(dataDir, "", ParleyConfig.defaults().limits(), new ParleyConfig.Keepalive(3, 2));
        TestServer server = TestServer.start(config);
        server.server().accounts().create("alice", "alice-pass");
        server.server().accounts().create("zombie", "zombie-pass");
        return server;
    }

    @Test
    void aClientThatDoesNotAnswerPingsIsDisconnectedAndOneThatDoesStays(@TempDir Path dataDir) throws Exception {
        try (TestServer server = startWithKeepalive(dataDir)) {
            XMPPTCPConnection alive = new XMPPTCPConnection(server.clientConfig("alice", "alice-pass").build());
            Roster roster = Roster.getInstanceFor(alive);
            roster.setSubscriptionMode(Roster.SubscriptionMode.manual);
            roster.addSubscribeListener((from, request) -> SubscribeListener.SubscribeAnswer.ApproveAndAlsoRequestIfRequired);
            alive.connect().login();
            BareJid zombieJid = JidCreate.bareFrom("zombie@localhost");
            try (RawClient zombie = RawClient.loggedIn(server, "zombie", "zombie-pass", "dead")) {
                // The zombie and alice become mutual contacts (RFC 6121 §3.1) and the zombie goes online.
                zombie.send("<presence/><presence to='alice@localhost' type='subscribe'/>");
                zombie.await("type='subscribe'");
                zombie.send("<presence to='alice@localhost' type='subscribed'/>");
                await().atMost(Duration.ofSeconds(10)).until(() -> roster.getPresence(zombieJid).isAvailable());

                // Then its network goes away: no FIN, no answers. Keepalive (XEP-0199) finds out.
                assertThat(zombie.await("<ping xmlns='urn:xmpp:ping'/>")).contains("<iq");
                assertThat(zombie.awaitClose()).contains("<connection-timeout xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>");
            }
            // RFC 6121 §4.6.1: the contact learns the dead session is unavailable, and XEP-0012 has "last seen".
            await().atMost(Duration.ofSeconds(10)).until(() -> !roster.getPresence(zombieJid).isAvailable());
            assertThat(LastActivityManager.getInstanceFor(alive).getLastActivity(zombieJid).getIdleTime()).isBetween(0L, 60L);
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
