package org.parley.it;

import org.jivesoftware.smack.SASLAuthentication;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.offline.OfflineMessageHeader;
import org.jivesoftware.smackx.offline.OfflineMessageManager;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.parley.server.config.ParleyConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Offline messages (XEP-0160) with real Smack clients: what is sent to a user who is offline is kept and arrives,
 * in order, exactly once and with {@code <delay/>}, when the user logs in; receipts (XEP-0184) wait too; a lone
 * chat state is neither kept nor bounced; a full store bounces with {@code <resource-constraint/>}. Subclasses
 * pick the store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractOfflineMessagesTest extends StoreBackedTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int QUOTA = 1_500;

    TestServer server;
    private final List<XMPPTCPConnection> connections = new ArrayList<>();

    @BeforeAll
    void startServer(@TempDir Path dataDir) throws Exception {
        SASLAuthentication.registerSASLMechanism(new ScramSha256Mechanism());
        String url = openStore();
        if (url == null) return; // every test reports the store as unreachable
        ParleyConfig d = ParleyConfig.defaults();
        server = TestServer.start(TestServer.config(dataDir, url, d.limits(), d.keepalive(), new ParleyConfig.Offline(QUOTA)));
        for (String user : List.of("alice", "bob", "carol", "dave", "erin", "frank", "gina", "hank")) {
            server.server().accounts().create(user, user + "-pass");
        }
    }

    @AfterAll
    void stop() {
        connections.forEach(XMPPTCPConnection::disconnect);
        if (server != null) server.close();
        closeStore();
    }

    @Test
    void aThousandMessagesToAnOfflineUserArriveInOrderExactlyOnceAtLogin() throws Exception {
        XMPPTCPConnection alice = login("alice", null);
        EntityBareJid bob = JidCreate.entityBareFrom("bob@localhost");
        for (int i = 0; i < 1000; i++) {
            alice.sendStanza(MessageBuilder.buildMessage("m" + i).to(bob).ofType(Message.Type.chat).setBody("message " + i).build());
        }

        BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
        login("bob", inbox);

        List<Message> received = new ArrayList<>();
        await().atMost(WAIT).untilAsserted(() -> {
            inbox.drainTo(received);
            assertThat(received.size()).as("messages received so far").isGreaterThanOrEqualTo(1000);
        });
        inbox.poll(500, TimeUnit.MILLISECONDS); // nothing more may come: checked below
        inbox.drainTo(received);
        assertThat(received).hasSize(1000);
        assertThat(ranges(received)).as("the order the messages came in").isEqualTo("0-999");
        for (int i = 0; i < 1000; i++) {
            assertThat(received.get(i).getBody()).as("message %d in order", i).isEqualTo("message " + i);
        }
        // XEP-0160 §3 / XEP-0203: stored messages carry the time they were stored.
        assertThat(received.getFirst().getExtension(DelayInformation.class)).isNotNull();
        assertThat(received.getFirst().getFrom().asBareJid().toString()).isEqualTo("alice@localhost");
    }

    @Test
    void aReceiptForAnOfflineSenderReachesItAtItsNextLogin() throws Exception {
        XMPPTCPConnection dave = login("dave", null);
        // carol asked for a receipt and went offline; dave's receipt (no body) is kept for her.
        dave.sendStanza(MessageBuilder.buildMessage().to(JidCreate.entityBareFrom("carol@localhost"))
                .ofType(Message.Type.chat).addExtension(new DeliveryReceipt("carol-1")).build());

        BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
        login("carol", inbox);

        Message receipt = inbox.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(receipt).isNotNull();
        assertThat(receipt.getExtension(DeliveryReceipt.class).getId()).isEqualTo("carol-1");
    }

    @Test
    void aLoneChatStateIsNeitherKeptNorBounced() throws Exception {
        BlockingQueue<Message> frankInbox = new LinkedBlockingQueue<>();
        XMPPTCPConnection frank = login("frank", frankInbox);
        EntityBareJid erin = JidCreate.entityBareFrom("erin@localhost");
        frank.sendStanza(MessageBuilder.buildMessage().to(erin).ofType(Message.Type.chat)
                .addExtension(new ChatStateExtension(ChatState.composing)).build());
        frank.sendStanza(MessageBuilder.buildMessage().to(erin).ofType(Message.Type.chat).setBody("are you there?").build());

        BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
        login("erin", inbox);

        Message first = inbox.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(first.getBody()).isEqualTo("are you there?");
        assertThat(inbox.poll(500, TimeUnit.MILLISECONDS)).isNull();
        assertThat(frankInbox).noneMatch(m -> m.getType() == Message.Type.error);
    }

    @Test
    void aFullStoreBouncesWithResourceConstraintAndKeepsWhatItHas() throws Exception {
        BlockingQueue<Message> aliceInbox = new LinkedBlockingQueue<>();
        XMPPTCPConnection alice = login("alice", aliceInbox);
        EntityBareJid gina = JidCreate.entityBareFrom("gina@localhost");
        for (int i = 0; i <= QUOTA; i++) {
            alice.sendStanza(MessageBuilder.buildMessage("g" + i).to(gina).ofType(Message.Type.chat).setBody("g " + i).build());
        }

        Message bounce = aliceInbox.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(bounce).isNotNull();
        assertThat(bounce.getStanzaId()).isEqualTo("g" + QUOTA);
        assertThat(bounce.getError().getCondition()).isEqualTo(StanzaError.Condition.resource_constraint);
        assertThat(bounce.getError().getType()).isEqualTo(StanzaError.Type.WAIT);

        BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
        login("gina", inbox);
        List<Message> received = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            inbox.drainTo(received);
            return received.size() >= QUOTA;
        });
        assertThat(received).extracting(Message::getBody).first().isEqualTo("g 0");
        assertThat(received).extracting(Message::getBody).last().isEqualTo("g " + (QUOTA - 1));
    }

    @Test
    void aClientMayCountReadAndRemoveItsMessagesItself() throws Exception {
        XMPPTCPConnection alice = login("alice", null);
        EntityBareJid hankJid = JidCreate.entityBareFrom("hank@localhost");
        alice.sendStanza(MessageBuilder.buildMessage().to(hankJid).ofType(Message.Type.chat).setBody("first").build());
        alice.sendStanza(MessageBuilder.buildMessage().to(hankJid).ofType(Message.Type.chat).setBody("second").build());
        alice.sendIqRequestAndWaitForResponse(new org.jivesoftware.smackx.ping.packet.Ping(alice.getXMPPServiceDomain()));

        // XEP-0013: before initial presence, the client asks for its messages itself.
        BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
        XMPPTCPConnection hank = new XMPPTCPConnection(server.clientConfig("hank", "hank-pass").setSendPresence(false)
                .addEnabledSaslMechanism(ScramSha256Mechanism.NAME).setResource("flex").build());
        connections.add(hank);
        hank.connect();
        hank.addSyncStanzaListener(s -> inbox.add((Message) s), s -> s instanceof Message);
        hank.login();
        OfflineMessageManager offline = OfflineMessageManager.getInstanceFor(hank);

        assertThat(offline.supportsFlexibleRetrieval()).isTrue();
        assertThat(offline.getMessageCount()).isEqualTo(2);
        assertThat(offline.getHeaders()).extracting(OfflineMessageHeader::getJid)
                .allSatisfy(jid -> assertThat(jid.toString()).isEqualTo("alice@localhost/" + alice.getUser().getResourceOrEmpty()));
        inbox.clear();
        // The messages come before the IQ result (XEP-0013 §2.7); Smack's getMessages() starts collecting only
        // after sending its request and can miss them on a fast server, so they are checked as received.
        offline.getMessages();
        List<Message> fetched = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            inbox.drainTo(fetched);
            return fetched.size() >= 2;
        });
        assertThat(fetched).extracting(Message::getBody).containsExactly("first", "second");
        assertThat(fetched).allSatisfy(m -> assertThat(m.hasExtension("offline", "http://jabber.org/protocol/offline")).isTrue());
        offline.deleteMessages();
        assertThat(offline.getMessageCount()).isZero();
        inbox.clear();
        hank.sendStanza(hank.getStanzaFactory().buildPresenceStanza().build());
        assertThat(inbox.poll(1, TimeUnit.SECONDS)).as("nothing is pushed after the client took its messages").isNull();
    }

    /** The bodies' numbers as ranges in arrival order, e.g. "0-406,407-999" (readable when the order breaks). */
    private static String ranges(List<Message> messages) {
        StringBuilder out = new StringBuilder();
        int start = -2;
        int previous = -2;
        for (Message m : messages) {
            int n = Integer.parseInt(m.getBody().substring(m.getBody().lastIndexOf(' ') + 1));
            if (n != previous + 1) {
                if (start >= 0) out.append(start).append('-').append(previous).append(',');
                start = n;
            }
            previous = n;
        }
        if (start >= 0) out.append(start).append('-').append(previous);
        return out.toString();
    }

    /** Logs {@code user} in; with an inbox, every message it receives from login on lands there, in order. */
    private XMPPTCPConnection login(String user, BlockingQueue<Message> inbox) throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(server.clientConfig(user, user + "-pass")
                .addEnabledSaslMechanism(ScramSha256Mechanism.NAME).setResource("r" + connections.size()).build());
        // Bursts of 1,000+ stanzas: without stream management, since Smack 4.5 deadlocks when its 500-stanza
        // unacknowledged queue is full and a server <r/> arrives (docs/stream-management.md); SM has its own tests.
        c.setUseStreamManagement(false);
        connections.add(c);
        c.connect();
        // Before login (and its initial presence): synchronous listeners see stanzas in arrival order.
        if (inbox != null) c.addSyncStanzaListener(s -> inbox.add((Message) s), s -> s instanceof Message);
        c.login();
        return c;
    }
}
