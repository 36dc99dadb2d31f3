package org.parley.it;

import org.jivesoftware.smack.SASLAuthentication;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.csi.ClientStateIndicationManager;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.parley.server.config.ParleyConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stream management (XEP-0198) and client state indication (XEP-0352) with real Smack clients, which enable stream
 * management with resumption by default: a connection cut in the middle of a burst is resumed and every message
 * arrives exactly once, in order; a session that is never resumed hands its unacknowledged messages to offline
 * storage or to another resource when its resumption time is over, and to offline storage when the server shuts
 * down; an inactive client gets a message with a body at once and collapsed presence only when active again.
 * Subclasses pick the store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractStreamManagementTest extends StoreBackedTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Short, so that a session nobody resumes ends within the test. */
    private static final int RESUME_SECONDS = 5;
    private static final List<String> USERS = List.of("alice", "bob", "carol", "dave", "erin", "frank", "gina", "hana", "ivan");

    private TestServer server;
    private final List<XMPPTCPConnection> connections = new ArrayList<>();

    @BeforeAll
    void startServer(@TempDir Path dataDir) throws Exception {
        SASLAuthentication.registerSASLMechanism(new ScramSha256Mechanism());
        String url = openStore();
        if (url == null) return; // every test reports the store as unreachable
        server = TestServer.start(config(dataDir.resolve("main"), url));
        for (String user : USERS) server.server().accounts().create(user, user + "-pass");
    }

    private static ParleyConfig config(Path dataDir, String url) {
        ParleyConfig d = ParleyConfig.defaults();
        return TestServer.config(dataDir, url, d.limits(), d.keepalive(), d.offline(),
                new ParleyConfig.StreamManagement(RESUME_SECONDS, d.streamManagement().maxUnackedStanzas()));
    }

    @AfterAll
    void stop() {
        connections.forEach(XMPPTCPConnection::disconnect);
        if (server != null) server.close();
        closeStore();
    }

    @Test
    void aConnectionCutInTheMiddleOfABurstIsResumedAndEveryMessageArrivesExactlyOnceInOrder() throws Exception {
        XMPPTCPConnection alice = login(server, "alice", "desk", null);
        List<Message> received = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch someArrived = new CountDownLatch(50);
        XMPPTCPConnection bob = resumable("bob", received, someArrived, m -> true);
        assertThat(bob.isSmResumptionPossible()).as("Smack enabled resumption").isTrue();
        EntityFullJid bobJid = bob.getUser();
        int total = 400;

        // The first half of the burst: the cut comes once some of it has arrived, the rest may still be in flight.
        for (int i = 0; i < total / 2; i++) alice.sendStanza(burst(bobJid, i));
        assertThat(someArrived.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        bob.instantShutdown(); // the network goes away: no </stream:stream>
        int beforeCut = received.size();
        // The second half reaches the detached session (XEP-0198 §5) before the client comes back.
        for (int i = total / 2; i < total; i++) alice.sendStanza(burst(bobJid, i));
        assertThat(PingManager.getInstanceFor(alice).pingMyServer(false)).as("alice's burst was routed").isTrue();
        bob.connect().login(); // Smack sends <resume/> instead of binding

        assertThat(bob.streamWasResumed()).isTrue();
        assertThat(bob.getUser().toString()).isEqualTo(bobJid.toString());
        await().atMost(WAIT).until(() -> received.size() >= total);
        // Nothing more may come (no message twice): the count stays at the total for a while.
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> received.size() == total);
        assertThat(beforeCut).as("the cut was in the middle of the burst").isLessThan(total);
        List<String> bodies;
        synchronized (received) {
            bodies = received.stream().map(Message::getBody).toList();
        }
        assertThat(bodies).hasSize(total);
        for (int i = 0; i < total; i++) assertThat(bodies.get(i)).as("message %d, once and in order", i).isEqualTo("burst " + i);
    }

    @Test
    void aRoomOccupantWhoseConnectionIsCutGetsEveryFannedOutGroupchatOnceInOrderAfterResuming() throws Exception {
        XMPPTCPConnection hana = login(server, "hana", "desk", null);
        List<Message> received = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch someArrived = new CountDownLatch(20);
        XMPPTCPConnection ivan = resumable("ivan", received, someArrived, m -> m.getType() == Message.Type.groupchat);
        EntityFullJid ivanJid = ivan.getUser();
        EntityBareJid roomJid = JidCreate.entityBareFrom("burst@conference." + TestServer.DOMAIN);
        MultiUserChat hanaRoom = MultiUserChatManager.getInstanceFor(hana).getMultiUserChat(roomJid);
        hanaRoom.create(Resourcepart.from("hana")).makeInstant();
        MultiUserChatManager.getInstanceFor(ivan).getMultiUserChat(roomJid).join(Resourcepart.from("ivan"));
        await().atMost(WAIT).until(() -> hanaRoom.getOccupantsCount() == 2);
        int total = 200;

        // XEP-0045 §7.4: the room fans each message out to both occupants, the sender too.
        for (int i = 0; i < total / 2; i++) hanaRoom.sendMessage("line " + i);
        assertThat(someArrived.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        ivan.instantShutdown();
        int beforeCut = received.size();
        for (int i = total / 2; i < total; i++) hanaRoom.sendMessage("line " + i);
        // The room reflected the last line to its sender, so it was fanned out to the detached session too.
        java.util.concurrent.atomic.AtomicBoolean lastReflected = new java.util.concurrent.atomic.AtomicBoolean();
        await().atMost(WAIT).until(() -> {
            for (Message m = hanaRoom.pollMessage(); m != null; m = hanaRoom.pollMessage()) {
                if (("line " + (total - 1)).equals(m.getBody())) lastReflected.set(true);
            }
            return lastReflected.get();
        });
        ivan.connect().login(); // <resume/>: the unacknowledged copies are written again from their shared form

        assertThat(ivan.streamWasResumed()).isTrue();
        await().atMost(WAIT).until(() -> received.size() >= total);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> received.size() == total);
        assertThat(beforeCut).as("the cut was in the middle of the burst").isLessThan(total);
        List<Message> got;
        synchronized (received) {
            got = List.copyOf(received);
        }
        for (int i = 0; i < total; i++) {
            assertThat(got.get(i).getBody()).as("line %d, once and in order", i).isEqualTo("line " + i);
            assertThat(got.get(i).getTo().toString()).isEqualTo(ivanJid.toString());
            assertThat(got.get(i).getFrom().toString()).isEqualTo(roomJid + "/hana");
        }
    }

    @Test
    void theUnacknowledgedMessagesOfASessionNeverResumedArriveAtTheNextLogin() throws Exception {
        XMPPTCPConnection alice = login(server, "alice", "laptop", null);
        XMPPTCPConnection carol = login(server, "carol", "phone", null);
        EntityFullJid carolPhone = carol.getUser();
        int sessionsBefore = server.server().sessionCount();
        carol.instantShutdown();
        for (int i = 0; i < 10; i++) {
            alice.sendStanza(MessageBuilder.buildMessage("c" + i).to(carolPhone).ofType(Message.Type.chat).setBody("c " + i).build());
        }
        // XEP-0198 §5: the detached session keeps them until its resumption time is over; then they are stored.
        await().atMost(Duration.ofSeconds(RESUME_SECONDS).plus(WAIT))
                .until(() -> server.server().sessionCount() < sessionsBefore);
        BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
        login(server, "carol", "laptop", inbox);

        List<Message> got = drain(inbox, 10);
        assertThat(got).extracting(Message::getBody).containsExactly(
                "c 0", "c 1", "c 2", "c 3", "c 4", "c 5", "c 6", "c 7", "c 8", "c 9");
        assertThat(got.getFirst().getExtension(DelayInformation.class)).isNotNull();
        assertThat(got.getFirst().getFrom().toString()).isEqualTo(alice.getUser().toString());
    }

    @Test
    void theUnacknowledgedMessagesOfASessionNeverResumedGoToAnotherResourceOfTheUser() throws Exception {
        XMPPTCPConnection alice = login(server, "alice", "tablet", null);
        BlockingQueue<Message> desk = new LinkedBlockingQueue<>();
        login(server, "dave", "desk", desk);
        XMPPTCPConnection phone = login(server, "dave", "phone", null);
        EntityFullJid davePhone = phone.getUser();
        phone.instantShutdown();
        for (int i = 0; i < 5; i++) {
            alice.sendStanza(MessageBuilder.buildMessage("d" + i).to(davePhone).ofType(Message.Type.chat).setBody("d " + i).build());
        }
        assertThat(desk.poll(1, TimeUnit.SECONDS)).as("kept for the phone while it may resume").isNull();

        // RFC 6121 §8.5.3.2.1: to a resource that is gone, chat falls back to the bare JID: the desk.
        List<Message> got = drain(desk, 5);
        assertThat(got).extracting(Message::getBody).containsExactly("d 0", "d 1", "d 2", "d 3", "d 4");
    }

    @Test
    void shutdownKeepsTheUnacknowledgedMessagesOfADetachedSession(@TempDir Path otherDir) throws Exception {
        try (TestStore otherStore = store()) {
            ParleyConfig config = config(otherDir, otherStore.jdbcUrl());
            List<String> bodies = new ArrayList<>();
            try (TestServer first = TestServer.start(config)) {
                first.server().accounts().create("erin", "erin-pass");
                first.server().accounts().create("frank", "frank-pass");
                XMPPTCPConnection frank = login(first, "frank", "desk", null);
                XMPPTCPConnection erin = login(first, "erin", "phone", null);
                EntityFullJid erinPhone = erin.getUser();
                erin.instantShutdown();
                for (int i = 0; i < 3; i++) {
                    frank.sendStanza(MessageBuilder.buildMessage("e" + i).to(erinPhone).ofType(Message.Type.chat).setBody("e " + i).build());
                }
                // A ping answered means frank's messages before it were routed (to erin's detached session).
                assertThat(PingManager.getInstanceFor(frank).pingMyServer(false)).isTrue();
            } // shutdown while erin's session waits for resumption
            try (TestServer second = TestServer.start(config)) {
                BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
                login(second, "erin", "laptop", inbox);
                drain(inbox, 3).forEach(m -> bodies.add(m.getBody()));
            }
            assertThat(bodies).containsExactly("e 0", "e 1", "e 2");
        }
    }

    @Test
    void anInactiveClientGetsAMessageAtOnceButCollapsedPresenceOnlyWhenActiveAgain() throws Exception {
        BlockingQueue<Stanza> frankInbox = new LinkedBlockingQueue<>();
        XMPPTCPConnection gina = login(server, "gina", "garden", null);
        XMPPTCPConnection frank = new XMPPTCPConnection(server.clientConfig("frank", "frank-pass")
                .addEnabledSaslMechanism(ScramSha256Mechanism.NAME).setResource("pocket").build());
        connections.add(frank);
        Jid ginaJid = gina.getUser();
        frank.addSyncStanzaListener(frankInbox::add, s -> ginaJid.equals(s.getFrom()));
        frank.connect().login();
        assertThat(ClientStateIndicationManager.isSupported(frank)).isTrue();
        ClientStateIndicationManager.inactive(frank);
        // The nonza is sent asynchronously; a ping answered on the same stream means the server has taken it.
        assertThat(PingManager.getInstanceFor(frank).pingMyServer(false)).isTrue();
        EntityFullJid frankJid = frank.getUser();

        // Directed presence (RFC 6121 §4.6) from gina: held while frank is inactive, the latest per sender.
        gina.sendStanza(presence(frankJid, Presence.Mode.away, "p1"));
        gina.sendStanza(presence(frankJid, Presence.Mode.xa, "p2"));
        assertThat(frankInbox.poll(1, TimeUnit.SECONDS)).isNull();
        gina.sendStanza(MessageBuilder.buildMessage("hi").to(frankJid).ofType(Message.Type.chat).setBody("hello").build());

        // The message goes out at once, after the presence held before it: nothing overtakes.
        Stanza first = frankInbox.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        Stanza second = frankInbox.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(first).isInstanceOfSatisfying(Presence.class, p -> assertThat(p.getStatus()).isEqualTo("p2"));
        assertThat(second).isInstanceOfSatisfying(Message.class, m -> assertThat(m.getBody()).isEqualTo("hello"));

        gina.sendStanza(presence(frankJid, Presence.Mode.dnd, "p3"));
        gina.sendStanza(presence(frankJid, Presence.Mode.chat, "p4"));
        assertThat(frankInbox.poll(1, TimeUnit.SECONDS)).isNull();
        ClientStateIndicationManager.active(frank);

        Stanza latest = frankInbox.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(latest).isInstanceOfSatisfying(Presence.class, p -> assertThat(p.getStatus()).isEqualTo("p4"));
        assertThat(frankInbox.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }

    private static Message burst(EntityFullJid to, int i) {
        return MessageBuilder.buildMessage("b" + i).to(to).ofType(Message.Type.chat).setBody("burst " + i).build();
    }

    private static Presence presence(Jid to, Presence.Mode mode, String status) {
        return PresenceBuilder.buildPresence().to(to).ofType(Presence.Type.available).setMode(mode).setStatus(status).build();
    }

    /** Waits for {@code count} messages, then makes sure no more come. */
    private static List<Message> drain(BlockingQueue<Message> inbox, int count) throws InterruptedException {
        List<Message> got = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            inbox.drainTo(got);
            return got.size() >= count;
        });
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> {
            inbox.drainTo(got);
            return got.size() == count;
        });
        return got;
    }

    /**
     * Logs {@code user} in as {@code phone} with stream management and resumption (Smack's default); every message
     * with a body that {@code accept}s goes to {@code received}, in order, and counts {@code arrived} down.
     */
    private XMPPTCPConnection resumable(String user, List<Message> received, CountDownLatch arrived,
                                        java.util.function.Predicate<Message> accept) throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(server.clientConfig(user, user + "-pass")
                .addEnabledSaslMechanism(ScramSha256Mechanism.NAME).setResource("phone").build());
        connections.add(c);
        c.addSyncStanzaListener(s -> {
            received.add((Message) s);
            arrived.countDown();
        }, s -> s instanceof Message m && m.getBody() != null && accept.test(m));
        c.connect().login();
        return c;
    }

    /** Logs {@code user} in with {@code resource}; with an inbox, every message with a body lands there, in order. */
    private XMPPTCPConnection login(TestServer on, String user, String resource, BlockingQueue<Message> inbox) throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(on.clientConfig(user, user + "-pass")
                .addEnabledSaslMechanism(ScramSha256Mechanism.NAME).setResource(resource).build());
        connections.add(c);
        c.connect();
        // Before login (and its initial presence): synchronous listeners see stanzas in arrival order.
        if (inbox != null) c.addSyncStanzaListener(s -> inbox.add((Message) s), s -> s instanceof Message m && m.getBody() != null);
        c.login();
        return c;
    }

}
