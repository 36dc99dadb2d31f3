package org.parley.it;

import org.jivesoftware.smack.SASLAuthentication;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.chat2.ChatManager;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.jivesoftware.smackx.iqversion.VersionManager;
import org.jivesoftware.smackx.iqversion.packet.Version;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Localpart;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two real Smack clients register in-band (XEP-0077), log in with SCRAM-SHA-256 over STARTTLS and chat
 * (RFC 6121 §5), ping (XEP-0199) and discover the server (XEP-0030). Subclasses pick the store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractChatTest extends StoreBackedTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    TestServer server;
    XMPPTCPConnection alice;
    XMPPTCPConnection bob;
    final BlockingQueue<Message> aliceInbox = new LinkedBlockingQueue<>();
    final BlockingQueue<Message> bobInbox = new LinkedBlockingQueue<>();

    @BeforeAll
    void startServerAndClients(@TempDir Path dataDir) throws Exception {
        SASLAuthentication.registerSASLMechanism(new ScramSha256Mechanism());
        String url = openStore();
        if (url == null) return; // every test reports the store as unreachable
        server = TestServer.start(dataDir, url);
        alice = registerAndLogin("alice", "alice-pass", "phone");
        bob = registerAndLogin("bob", "bob-pass", "laptop");
        // Synchronous listeners see stanzas in arrival order (asynchronous ones may reorder them).
        alice.addSyncStanzaListener(s -> aliceInbox.add((Message) s), s -> s instanceof Message);
        bob.addSyncStanzaListener(s -> bobInbox.add((Message) s), s -> s instanceof Message);
    }

    private XMPPTCPConnection registerAndLogin(String user, String password, String resource) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(server.clientConfig(user, password)
                .addEnabledSaslMechanism(ScramSha256Mechanism.NAME)
                .setResource(resource)
                .build());
        connection.connect();
        AccountManager accounts = AccountManager.getInstance(connection);
        assertThat(accounts.supportsAccountCreation()).isTrue();
        accounts.createAccount(Localpart.from(user), password);
        connection.login();
        assertThat(connection.isSecureConnection()).isTrue();
        assertThat(connection.getUsedSaslMechansism()).isEqualTo(ScramSha256Mechanism.NAME);
        return connection;
    }

    @AfterAll
    void stop() {
        for (XMPPTCPConnection c : new XMPPTCPConnection[]{alice, bob}) if (c != null) c.disconnect();
        if (server != null) server.close();
        closeStore();
    }

    @BeforeEach
    void emptyInboxes() {
        aliceInbox.clear();
        bobInbox.clear();
    }

    @Test
    void messageToBareJidReachesTheRecipientWithTheSendersFullJid() throws Exception {
        EntityBareJid bobJid = JidCreate.entityBareFrom("bob@localhost");
        ChatManager.getInstanceFor(alice).chatWith(bobJid).send("hello bob, ünïcödé ✓");
        Message received = bobInbox.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(received).isNotNull();
        assertThat(received.getBody()).isEqualTo("hello bob, ünïcödé ✓");
        assertThat(received.getFrom().toString()).isEqualTo(alice.getUser().toString());
    }

    @Test
    void messageToFullJidReachesThatResource() throws Exception {
        Message message = MessageBuilder.buildMessage().to(alice.getUser()).ofType(Message.Type.chat)
                .setBody("hi alice on your phone").build();
        bob.sendStanza(message);
        Message received = aliceInbox.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(received).isNotNull();
        assertThat(received.getBody()).isEqualTo("hi alice on your phone");
        assertThat(received.getFrom().toString()).isEqualTo(bob.getUser().toString());
    }

    @Test
    void messagesArriveInTheOrderSent() throws Exception {
        for (int i = 0; i < 200; i++) {
            alice.sendStanza(MessageBuilder.buildMessage().to(bob.getUser().asBareJid()).ofType(Message.Type.chat)
                    .setBody("seq " + i).build());
        }
        for (int i = 0; i < 200; i++) {
            Message m = bobInbox.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(m).as("message %d", i).isNotNull();
            assertThat(m.getBody()).isEqualTo("seq " + i);
        }
    }

    @Test
    void aMessageWithA100000CharacterBodyIsDelivered() throws Exception {
        String body = "0123456789".repeat(10_000);
        alice.sendStanza(MessageBuilder.buildMessage().to(bob.getUser()).ofType(Message.Type.chat).setBody(body).build());
        Message received = bobInbox.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(received).isNotNull();
        assertThat(received.getBody()).hasSize(100_000).isEqualTo(body);
    }

    @Test
    void messageToUnknownUserBouncesWithServiceUnavailable() throws Exception {
        alice.sendStanza(MessageBuilder.buildMessage().to(JidCreate.entityBareFrom("nobody@localhost"))
                .ofType(Message.Type.chat).setBody("anyone?").build());
        Message bounce = aliceInbox.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(bounce).isNotNull();
        assertThat(bounce.getType()).isEqualTo(Message.Type.error);
        assertThat(bounce.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
    }

    @Test
    void aRequestToAnAccountThatDoesNotExistGetsServiceUnavailable() throws Exception {
        // RFC 6121 §8.5.1; Smack's PingManager counts any error as a pong, so the raw request is used here.
        Ping ping = new Ping(JidCreate.entityBareFrom("nobody@localhost"));
        assertThatThrownBy(() -> alice.sendIqRequestAndWaitForResponse(ping))
                .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, e ->
                        assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable));
    }

    @Test
    void aResourceWhoseConnectionDiesIsAnnouncedUnavailableToTheOtherResources() throws Exception {
        BlockingQueue<Presence> presences = new LinkedBlockingQueue<>();
        StanzaListener listener = p -> presences.add((Presence) p);
        alice.addSyncStanzaListener(listener, p -> p instanceof Presence);
        XMPPTCPConnection tablet = new XMPPTCPConnection(server.clientConfig("alice", "alice-pass").setResource("tablet").build());
        // Without resumption (XEP-0198 §5) the session ends with its connection.
        tablet.setUseStreamManagementResumption(false);
        try {
            tablet.connect().login();
            Presence online = presences.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(online).isNotNull();
            assertThat(online.getFrom().toString()).isEqualTo("alice@localhost/tablet");
            assertThat(online.getType()).isEqualTo(Presence.Type.available);

            tablet.instantShutdown(); // the socket closes without </stream:stream>

            Presence gone = presences.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(gone).isNotNull();
            assertThat(gone.getFrom().toString()).isEqualTo("alice@localhost/tablet");
            assertThat(gone.getType()).isEqualTo(Presence.Type.unavailable);
        } finally {
            alice.removeSyncStanzaListener(listener);
            tablet.disconnect();
        }
    }

    @Test
    void serverAnswersPing() throws Exception {
        assertThat(PingManager.getInstanceFor(alice).pingMyServer(true)).isTrue();
    }

    @Test
    void serverDiscoListsItsIdentityAndFeatures() throws Exception {
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(bob).discoverInfo(JidCreate.domainBareFrom("localhost"));
        assertThat(info.hasIdentity("server", "im")).isTrue();
        assertThat(info.getFeatures()).extracting(DiscoverInfo.Feature::getVar)
                .contains("urn:xmpp:ping", "jabber:iq:version", "jabber:iq:register",
                        "http://jabber.org/protocol/disco#info", "http://jabber.org/protocol/commands");
    }

    @Test
    void serverReportsItsSoftwareVersion() throws Exception {
        Version version = VersionManager.getInstanceFor(alice).getVersion(JidCreate.domainBareFrom("localhost"));
        assertThat(version.getName()).isEqualTo("Parley");
    }

    @Test
    void wrongPasswordIsRefusedWithNotAuthorized() throws Exception {
        XMPPTCPConnection intruder = new XMPPTCPConnection(server.clientConfig("alice", "wrong").build());
        try {
            intruder.connect();
            assertThatThrownBy(intruder::login).isInstanceOf(SASLErrorException.class)
                    .hasMessageContaining("not-authorized");
        } finally {
            intruder.disconnect();
        }
    }

    @Test
    void registeringATakenUsernameFailsWithConflict() throws Exception {
        XMPPTCPConnection c = server.connect("x", "y");
        try {
            assertThatThrownBy(() -> AccountManager.getInstance(c).createAccount(Localpart.from("alice"), "other"))
                    .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, e ->
                            assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.conflict));
        } finally {
            c.disconnect();
        }
    }

    @Test
    void aUserChangesItsPasswordInBandAndThenCancelsItsAccount() throws Exception {
        XMPPTCPConnection carol = server.connect("carol", "old-pass");
        AccountManager.getInstance(carol).createAccount(Localpart.from("carol"), "old-pass");
        carol.login();
        // XEP-0077 §3.3: password change by the logged-in user; the old password stops working.
        AccountManager.getInstance(carol).changePassword("new-pass");
        carol.disconnect();
        XMPPTCPConnection withOld = server.connect("carol", "old-pass");
        assertThatThrownBy(withOld::login).isInstanceOf(SASLErrorException.class);
        withOld.disconnect();

        XMPPTCPConnection withNew = server.connect("carol", "new-pass");
        withNew.login();
        // XEP-0077 §3.2: cancellation removes the account and ends its sessions. The server writes the result, then
        // the <not-authorized/> stream error; Smack parses the stream error on its reader thread but hands stanzas to
        // another thread, so now and then the stream error reaches deleteAccount() before the result it already read.
        try {
            AccountManager.getInstance(withNew).deleteAccount();
        } catch (org.jivesoftware.smack.SmackException.NotConnectedException closedFirst) {
            assertThat(closedFirst).hasCauseInstanceOf(org.jivesoftware.smack.XMPPException.StreamErrorException.class);
            assertThat(((org.jivesoftware.smack.XMPPException.StreamErrorException) closedFirst.getCause()).getStreamError()
                    .getCondition()).isEqualTo(org.jivesoftware.smack.packet.StreamError.Condition.not_authorized);
        }
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> !withNew.isConnected());
        XMPPTCPConnection afterwards = server.connect("carol", "new-pass");
        assertThatThrownBy(afterwards::login).isInstanceOf(SASLErrorException.class);
        afterwards.disconnect();
    }

    @Test
    void aSecondLoginWithTheSameResourceReplacesTheFirst() throws Exception {
        XMPPTCPConnection first = new XMPPTCPConnection(server.clientConfig("bob", "bob-pass").setResource("tablet").build());
        XMPPTCPConnection second = new XMPPTCPConnection(server.clientConfig("bob", "bob-pass").setResource("tablet").build());
        try {
            first.connect().login();
            second.connect().login();
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> !first.isConnected());
            assertThat(second.isAuthenticated()).isTrue();
            assertThat(PingManager.getInstanceFor(second).pingMyServer(true)).isTrue();
        } finally {
            first.disconnect();
            second.disconnect();
        }
    }

}
