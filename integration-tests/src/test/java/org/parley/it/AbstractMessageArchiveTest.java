package org.parley.it;

import org.jivesoftware.smack.SASLAuthentication;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.MamManager.MamQuery;
import org.jivesoftware.smackx.mam.MamManager.MamQueryArgs;
import org.jivesoftware.smackx.mam.element.MamElements.MamResultExtension;
import org.jivesoftware.smackx.mam.element.MamPrefsIQ;
import org.jivesoftware.smackx.mam.element.MamVersion;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
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

/**
 * The message archive (XEP-0313) with real Smack clients and Smack's {@link MamManager}: both sides of a
 * conversation page through their own archives and see both directions in order; the recipient's copy carries the
 * XEP-0359 stanza-id that is its archive id, also when it waited in offline storage; preferences set by the client
 * are honoured. Subclasses pick the store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractMessageArchiveTest extends StoreBackedTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    TestServer server;
    private final List<XMPPTCPConnection> connections = new ArrayList<>();

    @BeforeAll
    void startServer(@TempDir Path dataDir) throws Exception {
        SASLAuthentication.registerSASLMechanism(new ScramSha256Mechanism());
        String url = openStore();
        if (url == null) return; // every test reports the store as unreachable
        ParleyConfig d = ParleyConfig.defaults();
        server = TestServer.start(TestServer.config(dataDir, url, d.limits(), d.keepalive()));
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
    void bothSidesOfAConversationPageThroughTheirOwnArchiveInOrderWithBothDirections() throws Exception {
        BlockingQueue<Message> aliceInbox = new LinkedBlockingQueue<>();
        BlockingQueue<Message> bobInbox = new LinkedBlockingQueue<>();
        XMPPTCPConnection alice = login("alice", aliceInbox);
        XMPPTCPConnection bob = login("bob", bobInbox);
        List<String> conversation = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            send(alice, "bob", "alice says " + i);
            receive(bobInbox, "alice says " + i);
            send(bob, "alice", "bob says " + i);
            receive(aliceInbox, "bob says " + i);
            conversation.add("alice says " + i);
            conversation.add("bob says " + i);
        }

        for (XMPPTCPConnection who : List.of(alice, bob)) {
            MamManager mam = mam(who);
            MamQuery query = mam.queryArchive(MamQueryArgs.builder().setResultPageSize(4).build());
            List<Message> archived = new ArrayList<>(query.getMessages());
            List<String> ids = new ArrayList<>(query.getMamResultExtensions().stream().map(MamResultExtension::getId).toList());
            assertThat(query.isComplete()).isFalse();
            while (!query.isComplete()) {
                archived.addAll(query.pageNext(4));
                ids.addAll(query.getMamResultExtensions().stream().map(MamResultExtension::getId).toList());
            }
            assertThat(archived).extracting(Message::getBody).as(who.getUser() + "'s archive").isEqualTo(conversation);
            assertThat(archived.getFirst().getFrom().toString()).isEqualTo("alice@localhost/" + alice.getUser().getResourcepart());
            assertThat(archived.get(1).getFrom().asBareJid().toString()).isEqualTo("bob@localhost");
            assertThat(ids).hasSize(10).doesNotHaveDuplicates().isSorted();
        }
    }

    @Test
    void theRecipientsCopyCarriesItsArchiveIdAsStanzaId() throws Exception {
        XMPPTCPConnection carol = login("carol", null);
        BlockingQueue<Message> daveInbox = new LinkedBlockingQueue<>();
        XMPPTCPConnection dave = login("dave", daveInbox);

        send(carol, "dave", "id me");
        Message delivered = receive(daveInbox, "id me");

        StanzaIdElement stanzaId = StanzaIdElement.getStanzaId(delivered);
        assertThat(stanzaId).isNotNull();
        assertThat(stanzaId.getBy()).isEqualTo("dave@localhost");
        MamQuery last = mam(dave).queryMostRecentPage(JidCreate.entityBareFrom("carol@localhost"), 1);
        assertThat(last.getMessages()).extracting(Message::getBody).containsExactly("id me");
        assertThat(last.getMamResultExtensions().getFirst().getId()).isEqualTo(stanzaId.getId());
    }

    @Test
    void aMessageStoredOfflineIsArchivedAndArrivesWithItsStanzaId() throws Exception {
        XMPPTCPConnection gina = login("gina", null);
        send(gina, "erin", "while you were away");
        // Gina's next stanza waits until her message has met its fate (stored offline for Erin, who is away): her
        // query's answer comes after that, and shows her own copy.
        MamQuery sent = mam(gina).queryMostRecentPage(JidCreate.entityBareFrom("erin@localhost"), 10);
        assertThat(sent.getMessages()).extracting(Message::getBody).containsExactly("while you were away");

        BlockingQueue<Message> erinInbox = new LinkedBlockingQueue<>();
        XMPPTCPConnection erin = login("erin", erinInbox);
        Message delivered = receive(erinInbox, "while you were away");

        assertThat(delivered.getExtension(DelayInformation.class)).as("from offline storage").isNotNull();
        StanzaIdElement stanzaId = StanzaIdElement.getStanzaId(delivered);
        assertThat(stanzaId.getBy()).isEqualTo("erin@localhost");
        MamQuery archive = mam(erin).queryArchive(MamQueryArgs.builder().build());
        assertThat(archive.getMessages()).extracting(Message::getBody).containsExactly("while you were away");
        assertThat(archive.getMamResultExtensions().getFirst().getId()).isEqualTo(stanzaId.getId());
        assertThat(archive.isComplete()).isTrue();
    }

    @Test
    void aUserWhoAsksForNeverGetsNothingArchivedWhileTheOtherSideKeepsItsCopies() throws Exception {
        BlockingQueue<Message> frankInbox = new LinkedBlockingQueue<>();
        XMPPTCPConnection frank = login("frank", frankInbox);
        MamManager frankMam = mam(frank);
        // Sent as an IQ of its own: MamManager.setDefaultBehavior fails in Smack 4.5.0-beta5 whenever the default
        // changes (MamPrefs takes the IQ's stanza namespace, always jabber:client, for the MAM namespace).
        MamPrefsIQ applied = frank.sendIqRequestAndWaitForResponse(
                MamVersion.MAM2.newElementFactory().newPrefsIQ(List.of(), List.of(), MamPrefsIQ.DefaultBehavior.never));
        assertThat(applied.getDefault()).isEqualTo(MamPrefsIQ.DefaultBehavior.never);
        assertThat(frankMam.retrieveArchivingPreferences().mamPrefs.getDefault()).isEqualTo(MamPrefsIQ.DefaultBehavior.never);
        BlockingQueue<Message> hankInbox = new LinkedBlockingQueue<>();
        XMPPTCPConnection hank = login("hank", hankInbox);

        send(hank, "frank", "not for the record");
        receive(frankInbox, "not for the record");
        send(frank, "hank", "nor this");
        receive(hankInbox, "nor this");

        assertThat(frankMam.queryArchive(MamQueryArgs.builder().build()).getMessages()).isEmpty();
        MamQuery hanks = mam(hank).queryMostRecentPage(JidCreate.entityBareFrom("frank@localhost"), 10);
        assertThat(hanks.getMessages()).extracting(Message::getBody).containsExactly("not for the record", "nor this");
    }

    /**
     * The client's archive manager, after it found {@code urn:xmpp:mam:2} on the account's bare JID (XEP-0313 §7),
     * which is how Smack learns the version to speak.
     */
    private static MamManager mam(XMPPTCPConnection connection) throws Exception {
        MamManager mam = MamManager.getInstanceFor(connection);
        assertThat(mam.isSupported()).as("urn:xmpp:mam:2 on " + connection.getUser().asBareJid()).isTrue();
        return mam;
    }

    private static void send(XMPPTCPConnection from, String to, String body) throws Exception {
        EntityBareJid recipient = JidCreate.entityBareFrom(to + "@localhost");
        from.sendStanza(MessageBuilder.buildMessage().to(recipient).ofType(Message.Type.chat).setBody(body).build());
    }

    private static Message receive(BlockingQueue<Message> inbox, String body) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Message m = inbox.poll(1, TimeUnit.SECONDS);
            if (m != null && body.equals(m.getBody())) return m;
        }
        throw new AssertionError("no message '" + body + "' within " + WAIT);
    }

    /** Logs {@code user} in; with an inbox, every message with a body it receives from login on lands there. */
    private XMPPTCPConnection login(String user, BlockingQueue<Message> inbox) throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(server.clientConfig(user, user + "-pass")
                .addEnabledSaslMechanism(ScramSha256Mechanism.NAME).setResource("r" + connections.size()).build());
        connections.add(c);
        c.connect();
        if (inbox != null) c.addSyncStanzaListener(s -> inbox.add((Message) s), s -> s instanceof Message m && m.getBody() != null);
        c.login();
        return c;
    }
}
