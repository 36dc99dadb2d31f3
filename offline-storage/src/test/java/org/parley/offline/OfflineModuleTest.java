package org.parley.offline;

import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.schema.TestDatabases;
import org.parley.schema.TestDatabases.TestDatabase;
import org.parley.xmpp.core.module.BoundResource;
import org.parley.xmpp.core.module.InterceptorStage;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.parley.xmpp.core.module.UserQueues;
import org.parley.xmpp.core.module.Verdict;
import org.parley.xmpp.core.module.testing.RecordingModuleContext;
import org.parley.xmpp.core.module.testing.RecordingRouter;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
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
        assertThat(context.interceptors(InterceptorStage.OFFLINE)).containsExactly(module);
    }

    @Test
    void aMessageForAnAccountThatDoesNotExistIsRefusedWithServiceUnavailable() {
        Optional<StanzaErrorException> refusal = store(chat("nobody@localhost", "hello?"));

        assertThat(refusal).hasValueSatisfying(e -> assertThat(e.conditionName()).isEqualTo("service-unavailable"));
    }

    @Test
    void aLoneChatStateIsTakenButNotKept() {
        Message composing = chat("bob@localhost", null);
        composing.addChildElement("composing", "http://jabber.org/protocol/chatstates");

        assertThat(store(composing)).isEmpty();
        assertThat(store.count("bob")).isZero();
    }

    @Test
    void beyondTheQuotaMessagesAreRefusedWithResourceConstraintOfTypeWait() {
        for (int i = 0; i < 3; i++) assertThat(store(chat("bob@localhost", "m" + i))).isEmpty();

        Optional<StanzaErrorException> refusal = store(chat("bob@localhost", "one too many"));

        assertThat(refusal).hasValueSatisfying(e -> {
            assertThat(e.conditionName()).isEqualTo("resource-constraint");
            assertThat(e.toPacketError().getType().toXMPP()).isEqualTo("wait");
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
    void aMessageArrivingDuringDeliveryWaitsUntilTheStoredOnesAreOut() throws Exception {
        store(chat("bob@localhost", "stored"));
        bound.add(BOB_LAPTOP);
        CountDownLatch hold = new CountDownLatch(1);
        queues.run("bob", () -> waitFor(hold)); // keeps bob's queue busy so the delivery cannot start yet

        module.available(BOB_LAPTOP, 0);
        CompletableFuture<Verdict> newer = module.inbound(chat("bob@localhost", "newer")).toCompletableFuture();

        assertThat(newer).isNotDone();
        hold.countDown();
        assertThat(newer.get(5, TimeUnit.SECONDS)).isInstanceOf(Verdict.Continue.class);
        assertThat(router.deliveredTo(BOB_LAPTOP)).extracting(p -> ((Message) p).getBody()).containsExactly("stored");
        assertThat(module.inbound(chat("bob@localhost", "later")).toCompletableFuture()).isCompleted();
    }

    private Optional<StanzaErrorException> store(Message message) {
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
