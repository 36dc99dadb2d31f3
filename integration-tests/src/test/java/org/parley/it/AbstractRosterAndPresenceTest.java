package org.parley.it;

import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.blocking.BlockingCommandManager;
import org.jivesoftware.smackx.bookmarks.BookmarkManager;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqlast.LastActivityManager;
import org.jivesoftware.smackx.iqlast.packet.LastActivity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Smack users become contacts through the RFC 6121 §3 subscription handshake, see each other come online
 * and go offline (also when a connection dies), read "last seen" (XEP-0012), block each other (XEP-0191), read
 * each other's vCard (XEP-0054), and a client with a roster version gets only the changes (RFC 6121 §2.6).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
abstract class AbstractRosterAndPresenceTest extends StoreBackedTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    TestServer server;
    XMPPTCPConnection romeo;
    XMPPTCPConnection juliet;
    BareJid romeoJid;
    BareJid julietJid;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        String url = openStore();
        if (url == null) return; // every test reports the store as unreachable
        server = TestServer.start(dataDir, url);
        server.server().accounts().create("romeo", "romeo-pass");
        server.server().accounts().create("juliet", "juliet-pass");
        romeo = login("romeo", "romeo-pass", "orchard");
        juliet = login("juliet", "juliet-pass", "balcony");
        romeoJid = JidCreate.bareFrom("romeo@localhost");
        julietJid = JidCreate.bareFrom("juliet@localhost");
    }

    private XMPPTCPConnection login(String user, String password, String resource) throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(server.clientConfig(user, password).setResource(resource).build());
        Roster.getInstanceFor(c).setSubscriptionMode(Roster.SubscriptionMode.manual);
        // These sessions end with their connection (RFC 6121 §4.6.1); a resumable one (XEP-0198 §5) would outlive
        // it and wait for its client: that is *StreamManagementTest's subject.
        c.setUseStreamManagementResumption(false);
        c.connect().login();
        return c;
    }

    @AfterAll
    void stop() {
        if (romeo != null) romeo.disconnect();
        if (juliet != null) juliet.disconnect();
        if (server != null) server.close();
        closeStore();
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void mutualSubscriptionMakesBothSeeEachOtherOnlineAndOffline() throws Exception {
        Roster romeoRoster = Roster.getInstanceFor(romeo);
        Roster julietRoster = Roster.getInstanceFor(juliet);
        // Juliet approves whatever Romeo asks, and asks back (RFC 6121 §3.1).
        julietRoster.addSubscribeListener((from, request) -> org.jivesoftware.smack.roster.SubscribeListener.SubscribeAnswer.ApproveAndAlsoRequestIfRequired);
        romeoRoster.addSubscribeListener((from, request) -> org.jivesoftware.smack.roster.SubscribeListener.SubscribeAnswer.Approve);

        romeoRoster.createItemAndRequestSubscription(julietJid, "Juliet", new String[]{"Capulets"});

        await().atMost(WAIT).untilAsserted(() -> {
            RosterEntry entry = romeoRoster.getEntry(julietJid);
            assertThat(entry).isNotNull();
            assertThat(entry.getType()).isEqualTo(RosterPacket.ItemType.both);
            assertThat(entry.getName()).isEqualTo("Juliet");
        });
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(julietRoster.getEntry(romeoJid).getType()).isEqualTo(RosterPacket.ItemType.both));
        await().atMost(WAIT).until(() -> romeoRoster.getPresence(julietJid).isAvailable());
        await().atMost(WAIT).until(() -> julietRoster.getPresence(romeoJid).isAvailable());

        juliet.sendStanza(PresenceBuilder.buildPresence().ofType(Presence.Type.available).setMode(Presence.Mode.away)
                .setStatus("on the balcony").build());
        await().atMost(WAIT).untilAsserted(() -> {
            Presence p = romeoRoster.getPresence(julietJid);
            assertThat(p.getMode()).isEqualTo(Presence.Mode.away);
            assertThat(p.getStatus()).isEqualTo("on the balcony");
        });

        juliet.instantShutdown(); // the network goes away: no </stream:stream>, no unavailable presence
        await().atMost(WAIT).until(() -> !romeoRoster.getPresence(julietJid).isAvailable());

        LastActivity last = LastActivityManager.getInstanceFor(romeo).getLastActivity(julietJid);
        assertThat(last.getIdleTime()).isBetween(0L, 60L);
        juliet = login("juliet", "juliet-pass", "balcony");
        await().atMost(WAIT).until(() -> romeoRoster.getPresence(julietJid).isAvailable());
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void aBlockedContactSeesTheUserOfflineAndItsMessagesBounce() throws Exception {
        Roster romeoRoster = Roster.getInstanceFor(romeo);
        BlockingCommandManager blocking = BlockingCommandManager.getInstanceFor(juliet);
        assertThat(blocking.isSupportedByServer()).isTrue();

        blocking.blockContacts(java.util.List.of(romeoJid));

        // XEP-0191 §3.3: the blocked contact gets unavailable presence from the user.
        await().atMost(WAIT).until(() -> !romeoRoster.getPresence(julietJid).isAvailable());
        assertThat(blocking.getBlockList()).containsExactly(romeoJid);
        // XEP-0191 §3.5: a message from the blocked contact bounces (service-unavailable) ...
        java.util.concurrent.BlockingQueue<Message> romeoInbox = new java.util.concurrent.LinkedBlockingQueue<>();
        StanzaListener listener = s -> romeoInbox.add((Message) s);
        romeo.addSyncStanzaListener(listener, s -> s instanceof Message);
        try {
            romeo.sendStanza(MessageBuilder.buildMessage().to(julietJid).ofType(Message.Type.chat).setBody("wherefore?").build());
            Message bounce = romeoInbox.poll(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertThat(bounce).isNotNull();
            assertThat(bounce.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
            // ... and the user's own message to the blocked contact is refused with <blocked/>.
            java.util.concurrent.BlockingQueue<Message> julietInbox = new java.util.concurrent.LinkedBlockingQueue<>();
            juliet.addSyncStanzaListener(s -> julietInbox.add((Message) s), s -> s instanceof Message);
            juliet.sendStanza(MessageBuilder.buildMessage().to(romeoJid).ofType(Message.Type.chat).setBody("hush").build());
            Message refused = julietInbox.poll(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertThat(refused).isNotNull();
            assertThat(refused.getError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
            assertThat((Object) refused.getError().getExtension("blocked", "urn:xmpp:blocking:errors")).isNotNull();
            assertThat(romeoInbox).isEmpty();
        } finally {
            romeo.removeSyncStanzaListener(listener);
        }

        blocking.unblockAll();
        // XEP-0191 §3.4: after unblocking, the contact gets the user's presence again.
        await().atMost(WAIT).until(() -> romeoRoster.getPresence(julietJid).isAvailable());
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void aVCardIsStoredAndReadByAnotherUser() throws Exception {
        VCard card = new VCard();
        card.setFirstName("Juliet");
        card.setLastName("Capulet");
        card.setNickName("the sun");
        card.setAvatar(new byte[]{1, 2, 3, 4, 5}, "image/png");
        VCardManager.getInstanceFor(juliet).saveVCard(card);

        VCard read = VCardManager.getInstanceFor(romeo).loadVCard(julietJid.asEntityBareJidIfPossible());
        assertThat(read.getFirstName()).isEqualTo("Juliet");
        assertThat(read.getNickName()).isEqualTo("the sun");
        assertThat(read.getAvatar()).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    @org.junit.jupiter.api.Order(5)
    void aSubscriptionRequestToAnOfflineUserIsDeliveredAtItsNextLogin() throws Exception {
        server.server().accounts().create("rosaline", "rosaline-pass");
        BareJid rosalineJid = JidCreate.bareFrom("rosaline@localhost");
        Roster.getInstanceFor(romeo).createItemAndRequestSubscription(rosalineJid, "Rosaline", null);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(Roster.getInstanceFor(romeo).getEntry(rosalineJid).isSubscriptionPending()).isTrue());

        // RFC 6121 §3.1.3: stored while she is offline, delivered when she next sends initial presence.
        java.util.concurrent.BlockingQueue<Presence> requests = new java.util.concurrent.LinkedBlockingQueue<>();
        XMPPTCPConnection rosaline = new XMPPTCPConnection(server.clientConfig("rosaline", "rosaline-pass").build());
        Roster.getInstanceFor(rosaline).setSubscriptionMode(Roster.SubscriptionMode.manual);
        rosaline.addSyncStanzaListener(p -> requests.add((Presence) p),
                p -> p instanceof Presence pr && pr.getType() == Presence.Type.subscribe);
        try {
            rosaline.connect().login();
            Presence request = requests.poll(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertThat(request).isNotNull();
            assertThat(request.getFrom().toString()).isEqualTo("romeo@localhost");
            // She declines (RFC 6121 §3.2): Romeo's item loses its pending request.
            rosaline.sendStanza(PresenceBuilder.buildPresence().ofType(Presence.Type.unsubscribed).to(romeoJid).build());
            await().atMost(WAIT).untilAsserted(() -> {
                RosterEntry entry = Roster.getInstanceFor(romeo).getEntry(rosalineJid);
                assertThat(entry.isSubscriptionPending()).isFalse();
                assertThat(entry.getType()).isEqualTo(RosterPacket.ItemType.none);
            });
        } finally {
            rosaline.disconnect();
        }
    }

    @Test
    @org.junit.jupiter.api.Order(6)
    void privateXmlKeepsBookmarksForTheUserOnly() throws Exception {
        // XEP-0049 as XEP-0048 bookmark clients use it.
        BookmarkManager bookmarks = BookmarkManager.getBookmarkManager(romeo);
        bookmarks.addBookmarkedConference("Verona", JidCreate.entityBareFrom("verona@conference.localhost"), true,
                org.jxmpp.jid.parts.Resourcepart.from("romeo"), null);
        bookmarks.addBookmarkedURL("https://example.org/balcony", "Balcony", false);

        XMPPTCPConnection again = login("romeo", "romeo-pass", "library");
        try {
            BookmarkManager reread = BookmarkManager.getBookmarkManager(again);
            assertThat(reread.getBookmarkedConferences()).hasSize(1);
            assertThat(reread.getBookmarkedConferences().get(0).getName()).isEqualTo("Verona");
            assertThat(reread.getBookmarkedURLs()).hasSize(1);
        } finally {
            again.disconnect();
        }
        // Juliet's private storage is her own: she has no bookmarks.
        assertThat(BookmarkManager.getBookmarkManager(juliet).getBookmarkedConferences()).isEmpty();
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void rosterVersioningSendsOnlyTheChangesSinceTheClientsVersion() throws Exception {
        server.server().accounts().create("benvolio", "ben-pass");
        try (RawClient ben = RawClient.loggedIn(server, "benvolio", "ben-pass", "street")) {
            ben.send("<iq type='set' id='a1'><query xmlns='jabber:iq:roster'><item jid='mercutio@localhost'/></query></iq>");
            ben.await("id='a1'");
            ben.send("<iq type='get' id='g1'><query xmlns='jabber:iq:roster' ver=''/></iq>");
            String full = ben.await("</iq>");
            assertThat(full).contains("mercutio@localhost").contains("ver='1'");

            ben.send("<iq type='set' id='a2'><query xmlns='jabber:iq:roster'><item jid='tybalt@localhost'/></query></iq>");
            assertThat(ben.await("id='a2'")).as("the push comes before the result").contains("ver='2'");
            ben.send("<iq type='set' id='a3'><query xmlns='jabber:iq:roster'><item jid='mercutio@localhost' subscription='remove'/></query></iq>");
            assertThat(ben.await("id='a3'")).as("the push comes before the result").contains("subscription='remove'");

            // RFC 6121 §2.6.3: the current version gets an empty result ...
            ben.send("<iq type='get' id='g2'><query xmlns='jabber:iq:roster' ver='3'/></iq>");
            assertThat(ben.await("id='g2'")).endsWith("id='g2'");
            // ... an older one an empty result and a push per change since it (and nothing older).
            ben.send("<iq type='get' id='g3'><query xmlns='jabber:iq:roster' ver='1'/></iq>");
            String delta = ben.await("subscription='remove'/></query></iq>");
            assertThat(delta).contains("id='g3'").contains("tybalt@localhost").contains("ver='2'").contains("ver='3'")
                    .doesNotContain("ver='1'");
        }
    }
}
