package org.parley.offline;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.schema.TestDatabases;
import org.parley.schema.TestDatabases.TestDatabase;
import org.parley.xmpp.core.module.AccountDiscoNode;
import org.parley.xmpp.core.module.BoundResource;
import org.parley.xmpp.core.module.IqHandler;
import org.parley.xmpp.core.module.IqKey;
import org.parley.xmpp.core.module.OfflineStorage;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.parley.xmpp.core.module.UserQueues;
import org.parley.xmpp.core.module.testing.RecordingModuleContext;
import org.parley.xmpp.core.module.testing.RecordingOutbox;
import org.parley.xmpp.core.module.testing.RecordingRouter;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.parley.schema.jooq.Tables.ACCOUNT;

/** XEP-0160 offline storage through the module, on H2, with a recording router. */
class OfflineModuleTest {
    private static final JID ALICE = new JID("alice@localhost/phone");
    private static final JID BOB_LAPTOP = new JID("bob@localhost/laptop");

    private TestDatabase db;
    private JooqOfflineStore store;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final UserQueues queues = new UserQueues(executor);
    private final RecordingRouter router = new RecordingRouter();
    private final Set<JID> bound = new CopyOnWriteArraySet<>();
    private RecordingModuleContext context;
    private OfflineModule module;

    @BeforeEach
    void setUp() {
        db = TestDatabases.h2();
        for (String user : List.of("alice", "bob")) {
            db.database().dsl().insertInto(ACCOUNT, ACCOUNT.USERNAME, ACCOUNT.CREATED_AT)
                    .values(user, LocalDateTime.now(ZoneOffset.UTC)).execute();
        }
        store = new JooqOfflineStore(db.database());
        module = start(3);
    }

    private OfflineModule start(int quota) {
        context = new RecordingModuleContext("localhost", router, bare -> bound.stream()
                .filter(j -> j.asBareJID().equals(bare)).map(j -> new BoundResource(j, 0, true)).toList());
        OfflineModule m = new OfflineModule(store, quota,
                user -> db.database().dsl().fetchExists(ACCOUNT, ACCOUNT.USERNAME.eq(user)), queues);
        m.start(context);
        return m;
    }

    @AfterEach
    void tearDown() {
        executor.close();
        db.close();
    }

    @Test
    void startProvidesTheStorageTheFeatureTheListenerAndTheStage() {
        assertThat(context.offlineStorage()).contains(module);
        assertThat(context.features()).contains("msgoffline");
        assertThat(context.sessionListeners()).contains(module);
    }

    @Test
    void aMessageForAnAccountThatDoesNotExistIsRefusedWithServiceUnavailable() {
        OfflineStorage.Outcome outcome = store(chat("nobody@localhost", "hello?"));

        assertThat(outcome).isInstanceOfSatisfying(OfflineStorage.Outcome.Refused.class,
                r -> assertThat(r.error().conditionName()).isEqualTo("service-unavailable"));
    }

    @Test
    void aLoneChatStateIsTakenButNotKept() {
        Message composing = chat("bob@localhost", null);
        composing.addChildElement("composing", "http://jabber.org/protocol/chatstates");

        assertThat(store(composing)).isInstanceOf(OfflineStorage.Outcome.Taken.class);
        assertThat(store.count("bob")).isZero();
    }

    @Test
    void beyondTheQuotaMessagesAreRefusedWithResourceConstraintOfTypeWait() {
        for (int i = 0; i < 3; i++) assertThat(store(chat("bob@localhost", "m" + i))).isInstanceOf(OfflineStorage.Outcome.Taken.class);

        OfflineStorage.Outcome outcome = store(chat("bob@localhost", "one too many"));

        assertThat(outcome).isInstanceOfSatisfying(OfflineStorage.Outcome.Refused.class, r -> {
            assertThat(r.error().conditionName()).isEqualTo("resource-constraint");
            assertThat(r.error().toPacketError().getType().toXMPP()).isEqualTo("wait");
        });
        assertThat(store.count("bob")).isEqualTo(3);
    }

    @Test
    void initialPresenceDeliversTheMessagesInOrderWithDelayAndEmptiesTheStore() {
        store(chat("bob@localhost", "first"));
        store(chat("bob@localhost/gone", "second"));
        bound.add(BOB_LAPTOP);

        module.available(BOB_LAPTOP, 0);

        await().atMost(Duration.ofSeconds(5)).until(() -> router.deliveredTo(BOB_LAPTOP).size() == 2);
        List<Packet> delivered = router.deliveredTo(BOB_LAPTOP);
        assertThat(delivered).extracting(p -> ((Message) p).getBody()).containsExactly("first", "second");
        Element delay = delivered.getFirst().getElement().element("delay");
        assertThat(delay.getNamespaceURI()).isEqualTo("urn:xmpp:delay");
        assertThat(delay.attributeValue("from")).isEqualTo("localhost");
        assertThat(delay.attributeValue("stamp")).endsWith("Z");
        assertThat(delivered.getFirst().getFrom()).isEqualTo(ALICE);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.count("bob") == 0);
    }

    @Test
    void aNegativePriorityResourceGetsNothingAndTheMessagesStay() {
        store(chat("bob@localhost", "for later"));
        bound.add(BOB_LAPTOP);

        module.available(BOB_LAPTOP, -1);
        queues.run("bob", () -> { }).join();

        assertThat(router.delivered()).isEmpty();
        assertThat(store.count("bob")).isEqualTo(1);
    }

    @Test
    void aResourceThatLeftBeforeDeliveryLeavesTheMessagesStored() {
        store(chat("bob@localhost", "for later"));

        module.available(BOB_LAPTOP, 0); // not bound (any more)
        queues.run("bob", () -> { }).join();

        assertThat(router.delivered()).isEmpty();
        assertThat(store.count("bob")).isEqualTo(1);
    }

    @Test
    void aMessageForAUserWhoseStoredMessagesAreGoingOutWaitsForThem() throws Exception {
        store(chat("bob@localhost", "stored"));
        bound.add(BOB_LAPTOP);
        CountDownLatch hold = new CountDownLatch(1);
        queues.run("bob", () -> waitFor(hold)); // keeps bob's queue busy so the delivery cannot start yet
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();

        module.available(BOB_LAPTOP, 0);
        boolean held = module.holdDelivery("bob", () -> order.add("newer, after " + router.deliveredTo(BOB_LAPTOP).size()));

        assertThat(held).isTrue();
        assertThat(order).isEmpty();
        hold.countDown();
        queues.run("bob", () -> { }).get(5, TimeUnit.SECONDS);
        assertThat(order).containsExactly("newer, after 1");
        assertThat(module.holdDelivery("bob", () -> order.add("later"))).as("nothing to wait for any more").isFalse();
        assertThat(module.holdDelivery("alice", () -> { })).isFalse();
    }

    @Test
    void aMessageStillQueuedForStorageHoldsNewerOnes() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        queues.run("bob", () -> waitFor(hold));
        CompletableFuture<OfflineStorage.Outcome> older = module.store(chat("bob@localhost", "older")).toCompletableFuture();
        bound.add(BOB_LAPTOP); // bob comes online (a resource without stored-message delivery, e.g. XEP-0013)
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();

        boolean held = module.holdDelivery("bob", () -> order.add("newer"));
        older.thenAccept(o -> order.add("older: " + o.getClass().getSimpleName()));
        hold.countDown();
        queues.run("bob", () -> { }).get(5, TimeUnit.SECONDS);

        assertThat(held).isTrue();
        assertThat(order).containsExactly("older: Online", "newer");
    }

    @Test
    void aMessageHandedOverAfterTheUserCameOnlineGoesBackToTheRules() {
        bound.add(BOB_LAPTOP);

        assertThat(store(chat("bob@localhost", "you are back"))).isInstanceOf(OfflineStorage.Outcome.Online.class);
        assertThat(store.count("bob")).isZero();
    }

    // ---- XEP-0013 flexible offline message retrieval ----

    @Test
    void theOfflineNodeCountsAndListsTheMessages() {
        store(chat("bob@localhost", "one"));
        store(chat("bob@localhost", "two"));
        AccountDiscoNode node = context.accountDiscoNode(FlexibleOffline.NAMESPACE).orElseThrow();

        Element info = DocumentHelper.createElement(QName.get("query", "http://jabber.org/protocol/disco#info"));
        node.info("bob", info);
        Element items = DocumentHelper.createElement(QName.get("query", "http://jabber.org/protocol/disco#items"));
        node.items("bob", items);

        assertThat(info.element("identity").attributeValue("type")).isEqualTo("message-list");
        assertThat(info.element("x").elements("field")).filteredOn(f -> "number_of_messages".equals(f.attributeValue("var")))
                .singleElement().satisfies(f -> assertThat(f.elementText("value")).isEqualTo("2"));
        assertThat(items.elements("item")).extracting(i -> i.attributeValue("name")).containsExactly(ALICE.toString(), ALICE.toString());
        assertThat(items.elements("item")).allSatisfy(i -> assertThat(i.attributeValue("jid")).isEqualTo("bob@localhost"));
        assertThat(context.features()).contains(FlexibleOffline.NAMESPACE);
    }

    @Test
    void aFlexibleClientViewsRemovesAndIsNotPushedTheMessages() throws Exception {
        store(chat("bob@localhost", "one"));
        store(chat("bob@localhost", "two"));
        long first = store.oldest("bob", 10).getFirst().id();
        bound.add(BOB_LAPTOP);
        IqHandler handler = context.handler(IqKey.account(IQ.Type.get, "offline", FlexibleOffline.NAMESPACE)).orElseThrow();

        RecordingOutbox view = new RecordingOutbox();
        IQ viewResult = handler.handle(offline(IQ.Type.get, "<item action='view' node='" + first + "'/>"), view);
        RecordingOutbox fetch = new RecordingOutbox();
        handler.handle(offline(IQ.Type.get, "<fetch/>"), fetch);
        handler.handle(offline(IQ.Type.set, "<item action='remove' node='" + first + "'/>"), new RecordingOutbox());
        module.available(BOB_LAPTOP, 0);
        queues.run("bob", () -> { }).join();

        assertThat(viewResult.getType()).isEqualTo(IQ.Type.result);
        assertThat(view.sent()).singleElement().satisfies(m -> {
            assertThat(((Message) m).getBody()).isEqualTo("one");
            assertThat(m.getTo()).as("to the requesting resource").isEqualTo(BOB_LAPTOP);
            assertThat(m.getElement().element("offline").element("item").attributeValue("node")).isEqualTo(Long.toString(first));
        });
        assertThat(fetch.sent()).extracting(m -> ((Message) m).getBody()).containsExactly("one", "two");
        assertThat(store.oldest("bob", 10)).extracting(OfflineMessage::id).doesNotContain(first).hasSize(1);
        assertThat(router.delivered()).as("XEP-0013: no push at initial presence").isEmpty();
        handler.handle(offline(IQ.Type.set, "<purge/>"), new RecordingOutbox());
        assertThat(store.count("bob")).isZero();
    }

    @Test
    void anUnknownNodeIsItemNotFound() {
        IqHandler handler = context.handler(IqKey.account(IQ.Type.get, "offline", FlexibleOffline.NAMESPACE)).orElseThrow();

        assertThatThrownBy(() -> handler.handle(offline(IQ.Type.get, "<item action='view' node='404'/>"), new RecordingOutbox()))
                .isInstanceOfSatisfying(StanzaErrorException.class, e -> assertThat(e.conditionName()).isEqualTo("item-not-found"));
    }

    private static IQ offline(IQ.Type type, String children) throws Exception {
        IQ iq = new IQ(type);
        iq.setFrom(BOB_LAPTOP);
        Element offline = iq.setChildElement("offline", FlexibleOffline.NAMESPACE);
        for (Element child : DocumentHelper.parseText("<x xmlns='" + FlexibleOffline.NAMESPACE + "'>" + children + "</x>")
                .getRootElement().elements()) {
            offline.add(child.createCopy());
        }
        return iq;
    }

    private OfflineStorage.Outcome store(Message message) {
        return module.store(message).toCompletableFuture().join();
    }

    private static Message chat(String to, String body) {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setFrom(ALICE);
        m.setTo(new JID(to));
        if (body != null) m.setBody(body);
        return m;
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
