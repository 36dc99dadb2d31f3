package org.parley.archive;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.archive.MessageStore.Order;
import org.parley.schema.TestDatabases;
import org.parley.schema.TestDatabases.TestDatabase;
import org.parley.xmpp.core.module.InterceptorStage;
import org.parley.xmpp.core.module.IqHandler;
import org.parley.xmpp.core.module.IqKey;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.parley.xmpp.core.module.Verdict;
import org.parley.xmpp.core.module.testing.RecordingModuleContext;
import org.parley.xmpp.core.module.testing.RecordingOutbox;
import org.parley.xmpp.core.module.testing.RecordingRouter;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.parley.schema.jooq.Tables.ACCOUNT;

/**
 * Archiving through the interceptor (XEP-0313 §3, §6.1.1; XEP-0359; XEP-0441 preferences) on H2: Alice and Bob are
 * local users chatting; Dave is in Bob's roster, Eve is not.
 */
class ArchiveModuleTest {
    private static final String MAM = ArchiveModule.NAMESPACE;
    private static final JID ALICE = new JID("alice@localhost/phone");
    private static final JID BOB = new JID("bob@localhost/desk");
    private static final JID DAVE = new JID("dave@remote.example/home");
    private static final JID EVE = new JID("eve@remote.example/cave");

    private TestDatabase db;
    private JooqArchiveStore store;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<String> bobsRoster = ConcurrentHashMap.newKeySet();
    private RecordingModuleContext context;
    private ArchiveModule module;

    @BeforeEach
    void setUp() {
        db = TestDatabases.h2();
        for (String user : List.of("alice", "bob")) {
            db.database().dsl().insertInto(ACCOUNT, ACCOUNT.USERNAME, ACCOUNT.CREATED_AT)
                    .values(user, LocalDateTime.now(ZoneOffset.UTC)).execute();
        }
        store = new JooqArchiveStore(db.database());
        bobsRoster.add("dave@remote.example");
        module = new ArchiveModule(store, new ArchiveIds(), ArchiveMode.ALWAYS, Duration.ZERO,
                (user, jid) -> user.equals("bob") && bobsRoster.contains(jid), executor);
        context = new RecordingModuleContext("localhost", new RecordingRouter(), bare -> List.of());
        module.start(context);
    }

    @AfterEach
    void tearDown() {
        module.stop();
        executor.close();
        db.close();
    }

    @Test
    void startRegistersTheHandlersAndTheArchiveStage() {
        assertThat(context.interceptors(InterceptorStage.ARCHIVE)).containsExactly(module);
        assertThat(context.sessionListeners()).containsExactly(module);
        for (IqKey key : List.of(IqKey.account(IQ.Type.set, "query", MAM), IqKey.account(IQ.Type.get, "query", MAM),
                IqKey.account(IQ.Type.get, "metadata", MAM), IqKey.account(IQ.Type.get, "prefs", MAM),
                IqKey.account(IQ.Type.set, "prefs", MAM))) {
            assertThat(context.handler(key)).as(key.toString()).isPresent();
        }
        assertThat(ArchiveModule.ACCOUNT_FEATURES).containsExactly("urn:xmpp:mam:2", "urn:xmpp:mam:2#extended", "urn:xmpp:sid:0",
                "urn:xmpp:message-retract:1#tombstone");
    }

    @Test
    void aChatBetweenTwoLocalUsersIsInBothArchivesAndTheRecipientGetsTheArchiveIdAsStanzaId() throws Exception {
        Message message = chat(ALICE, new JID("bob@localhost"), "hello bob");

        passBothWays(message);
        flush();

        ArchivedMessage sent = only("alice");
        ArchivedMessage received = only("bob");
        assertThat(sent.direction()).isEqualTo(Direction.OUT);
        assertThat(sent.withJid()).isEqualTo("bob@localhost");
        assertThat(sent.withResource()).isNull();
        assertThat(received.direction()).isEqualTo(Direction.IN);
        assertThat(received.withJid()).isEqualTo("alice@localhost");
        assertThat(received.withResource()).isEqualTo("phone");
        assertThat(received.stanzaXml()).contains("<body>hello bob</body>").doesNotContain("stanza-id");
        // XEP-0313 §3.5: the id by the recipient's archive, and none by the sender's (bob may not query alice's).
        List<Element> stanzaIds = message.getElement().elements(QName.get("stanza-id", "urn:xmpp:sid:0"));
        assertThat(stanzaIds).hasSize(1);
        assertThat(stanzaIds.getFirst().attributeValue("by")).isEqualTo("bob@localhost");
        assertThat(stanzaIds.getFirst().attributeValue("id")).isEqualTo(ArchiveIds.format(received.id()));
    }

    @Test
    void aRetractionByTheAuthorLeavesATombstoneInBothArchivesAndIsKeptItself() throws Exception {
        Message original = chat(ALICE, new JID("bob@localhost"), "Have not saints lips, and holy palmers too?");
        passBothWays(original);
        Message retraction = chat(ALICE, new JID("bob@localhost"), "/me retracted a previous message");
        retraction.addChildElement("retract", "urn:xmpp:message-retract:1").addAttribute("id", original.getID());
        passBothWays(retraction);
        flush();

        for (String owner : List.of("alice", "bob")) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> messages(owner).getFirst().stanzaXml().contains("retracted"));
            List<ArchivedMessage> archive = messages(owner);
            assertThat(archive).hasSize(2);
            // XEP-0424 §5: the contents go, the tombstone names the retraction by its id; §6: the retraction stays.
            assertThat(archive.getFirst().stanzaXml()).doesNotContain("saints").contains("id='" + retraction.getID() + "'")
                    .contains("<retracted");
            assertThat(archive.getLast().stanzaXml()).contains("<retract ");
        }
    }

    @Test
    void aRetractionOfSomeoneElsesMessageIsNotApplied() throws Exception {
        Message original = chat(ALICE, new JID("bob@localhost"), "mine");
        passBothWays(original);
        flush();
        ArchiveWriter idle = new ArchiveWriter(store, new ArchiveIds(), 10);
        Retractions retractions = new Retractions(store, idle, Runnable::run, java.time.Clock.systemUTC());

        // Bob retracting Alice's message: in Alice's archive it would come in, the original went out; in Bob's the
        // other way round. XEP-0424 §6: only "from the same bare-JID".
        assertThat(retractions.tombstone("alice", "bob@localhost", Direction.IN, original.getID(), "r1", Long.MAX_VALUE)).isFalse();
        assertThat(retractions.tombstone("bob", "alice@localhost", Direction.OUT, original.getID(), "r1", Long.MAX_VALUE)).isFalse();
        assertThat(only("alice").stanzaXml()).contains("mine");
        assertThat(retractions.tombstone("alice", "bob@localhost", Direction.OUT, original.getID(), "r2", Long.MAX_VALUE)).isTrue();
        assertThat(retractions.tombstone("alice", "bob@localhost", Direction.OUT, original.getID(), "r3", Long.MAX_VALUE))
                .as("a tombstone is not retracted again").isFalse();
        idle.close();
    }

    @Test
    void aForgedStanzaIdByTheRecipientIsReplacedAndOthersAreKept() throws Exception {
        Message message = chat(EVE, new JID("bob@localhost"), "trust me");
        message.addChildElement("stanza-id", "urn:xmpp:sid:0").addAttribute("by", "bob@localhost").addAttribute("id", "forged");
        message.addChildElement("stanza-id", "urn:xmpp:sid:0").addAttribute("by", "eve@remote.example").addAttribute("id", "hers");

        inbound(message);
        flush();

        assertThat(message.getElement().elements(QName.get("stanza-id", "urn:xmpp:sid:0")))
                .extracting(e -> e.attributeValue("by") + "=" + e.attributeValue("id"))
                .containsExactlyInAnyOrder("eve@remote.example=hers", "bob@localhost=" + ArchiveIds.format(only("bob").id()));
    }

    @Test
    void aForgedStanzaIdIsRemovedEvenFromAMessageThatIsNotArchived() {
        Message composing = chat(EVE, new JID("bob@localhost"), null);
        composing.addChildElement("composing", "http://jabber.org/protocol/chatstates");
        composing.addChildElement("stanza-id", "urn:xmpp:sid:0").addAttribute("by", "bob@localhost").addAttribute("id", "forged");

        inbound(composing);

        assertThat(composing.getElement().elements(QName.get("stanza-id", "urn:xmpp:sid:0"))).isEmpty();
    }

    @Test
    void receiptsAndMarkersAreArchivedChatStatesAndNoStoreHintsAreNot() throws Exception {
        Message receipt = chat(ALICE, new JID("bob@localhost"), null);
        receipt.addChildElement("received", "urn:xmpp:receipts").addAttribute("id", "m1");
        Message marker = chat(ALICE, new JID("bob@localhost"), null);
        marker.addChildElement("displayed", "urn:xmpp:chat-markers:0").addAttribute("id", "m1");
        Message composing = chat(ALICE, new JID("bob@localhost"), null);
        composing.addChildElement("composing", "http://jabber.org/protocol/chatstates");
        Message secret = chat(ALICE, new JID("bob@localhost"), "off the record");
        secret.addChildElement("no-permanent-store", "urn:xmpp:hints");

        for (Message m : List.of(receipt, marker, composing, secret)) passBothWays(m);
        flush();

        assertThat(messages("alice")).hasSize(2);
        assertThat(messages("bob")).extracting(ArchivedMessage::stanzaXml)
                .satisfiesExactly(x -> assertThat(x).contains("urn:xmpp:receipts"), x -> assertThat(x).contains("chat-markers"));
    }

    @Test
    void aMessageToOnesOwnAccountIsArchivedOnce() throws Exception {
        passBothWays(chat(ALICE, new JID("alice@localhost"), "note to self"));
        flush();

        assertThat(messages("alice")).singleElement().satisfies(m -> {
            assertThat(m.direction()).isEqualTo(Direction.IN);
            assertThat(m.withJid()).isEqualTo("alice@localhost");
        });
    }

    @Test
    void aMessageForAnAccountThatDoesNotExistIsNotArchived() throws Exception {
        passBothWays(chat(ALICE, new JID("nobody@localhost"), "anyone?"));
        flush();

        assertThat(messages("alice")).hasSize(1);
        assertThat(store.count(ArchiveFilter.of("nobody"), 10)).isZero();
    }

    @Test
    void prefsNeverKeepsNothingButTheAlwaysList() throws Exception {
        setPrefs(BOB, "<prefs xmlns='" + MAM + "' default='never'><always><jid>dave@remote.example</jid></always><never/></prefs>");

        inbound(chat(EVE, new JID("bob@localhost"), "from eve"));
        inbound(chat(DAVE, new JID("bob@localhost"), "from dave"));
        outbound(chat(BOB, EVE, "to eve"));
        flush();

        assertThat(messages("bob")).extracting(ArchivedMessage::withJid).containsExactly("dave@remote.example");
    }

    @Test
    void prefsRosterKeepsOnlyContactsInTheRoster() throws Exception {
        setPrefs(BOB, "<prefs xmlns='" + MAM + "' default='roster'><always/><never/></prefs>");

        inbound(chat(EVE, new JID("bob@localhost"), "from eve"));
        inbound(chat(DAVE, new JID("bob@localhost/desk"), "from dave"));
        outbound(chat(BOB, new JID("dave@remote.example/home"), "to dave"));
        outbound(chat(BOB, EVE, "to eve"));
        flush();

        assertThat(messages("bob")).extracting(m -> m.direction() + " " + m.withJid())
                .containsExactly("IN dave@remote.example", "OUT dave@remote.example");
    }

    @Test
    void prefsAlwaysKeepsAllButTheNeverList() throws Exception {
        setPrefs(BOB, "<prefs xmlns='" + MAM + "' default='always'><always/><never><jid>eve@remote.example</jid></never></prefs>");

        inbound(chat(EVE, new JID("bob@localhost"), "from eve"));
        inbound(chat(new JID("frank@remote.example/x"), new JID("bob@localhost"), "from frank"));
        flush();

        assertThat(messages("bob")).extracting(ArchivedMessage::withJid).containsExactly("frank@remote.example");
    }

    @Test
    void prefsAreReadBackAsSetAndDefaultToTheServersMode() throws Exception {
        IqHandler prefs = context.handler(IqKey.account(IQ.Type.get, "prefs", MAM)).orElseThrow();
        IQ before = prefs.handle(iq(BOB, "get", "<prefs xmlns='" + MAM + "'/>"), new RecordingOutbox());
        assertThat(before.getChildElement().attributeValue("default")).isEqualTo("always");
        assertThat(before.getChildElement().element("always")).isNotNull();
        assertThat(before.getChildElement().element("never")).isNotNull();

        IQ set = setPrefs(BOB, "<prefs xmlns='" + MAM + "' default='roster'><always><jid>Dave@Remote.Example</jid></always></prefs>");
        assertThat(set.getChildElement().asXML()).contains("default=\"roster\"").contains("<jid>dave@remote.example</jid>").contains("<never/>");

        IQ after = prefs.handle(iq(BOB, "get", "<prefs xmlns='" + MAM + "'/>"), new RecordingOutbox());
        assertThat(after.getChildElement().asXML()).isEqualTo(set.getChildElement().asXML());
        assertThat(store.prefs("bob")).contains(new ArchivePrefs(ArchiveMode.ROSTER, List.of("dave@remote.example"), List.of()));
    }

    @Test
    void badPrefsAreRefusedAndOthersPrefsForbidden() {
        IqHandler prefs = context.handler(IqKey.account(IQ.Type.set, "prefs", MAM)).orElseThrow();
        StanzaErrorException badDefault = catchThrowableOfType(StanzaErrorException.class,
                () -> prefs.handle(iq(BOB, "set", "<prefs xmlns='" + MAM + "' default='sometimes'/>"), new RecordingOutbox()));
        IQ others = iq(ALICE, "set", "<prefs xmlns='" + MAM + "' default='never'/>");
        others.setTo(new JID("bob@localhost"));
        StanzaErrorException forbidden = catchThrowableOfType(StanzaErrorException.class,
                () -> prefs.handle(others, new RecordingOutbox()));

        assertThat(badDefault.conditionName()).isEqualTo("bad-request");
        assertThat(forbidden.conditionName()).isEqualTo("forbidden");
    }

    @Test
    void stopWritesWhatIsPending() {
        for (int i = 0; i < 500; i++) outbound(chat(ALICE, new JID("bob@localhost"), "m" + i));

        module.stop();

        assertThat(store.count(ArchiveFilter.of("alice"), 1000)).isEqualTo(500);
    }

    private IQ setPrefs(JID from, String prefsXml) throws StanzaErrorException {
        IqHandler prefs = context.handler(IqKey.account(IQ.Type.set, "prefs", MAM)).orElseThrow();
        return prefs.handle(iq(from, "set", prefsXml), new RecordingOutbox());
    }

    /** As the router does for a local sender and a local recipient: outbound interceptors, then inbound. */
    private void passBothWays(Message message) {
        assertThat(outbound(message)).isInstanceOf(Verdict.Continue.class);
        assertThat(inbound(message)).isInstanceOf(Verdict.Continue.class);
    }

    private Verdict outbound(Message message) {
        return module.outbound(message).toCompletableFuture().join();
    }

    private Verdict inbound(Message message) {
        return module.inbound(message).toCompletableFuture().join();
    }

    private void flush() throws Exception {
        // As a query does: everything archived so far is written.
        IqHandler metadata = context.handler(IqKey.account(IQ.Type.get, "metadata", MAM)).orElseThrow();
        metadata.handle(iq(BOB, "get", "<metadata xmlns='" + MAM + "'/>"), new RecordingOutbox());
    }

    private List<ArchivedMessage> messages(String owner) {
        return store.page(ArchiveFilter.of(owner), Order.OLDEST_FIRST, 100, 0);
    }

    private ArchivedMessage only(String owner) {
        List<ArchivedMessage> all = messages(owner);
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    private static Message chat(JID from, JID to, String body) {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setFrom(from);
        m.setTo(to);
        m.setID("id-" + System.nanoTime());
        if (body != null) m.setBody(body);
        return m;
    }

    private static IQ iq(JID from, String type, String childXml) {
        try {
            IQ iq = new IQ(DocumentHelper.parseText("<iq xmlns='jabber:client' type='" + type + "' id='p1'>" + childXml + "</iq>").getRootElement());
            iq.setFrom(from);
            return iq;
        } catch (org.dom4j.DocumentException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
