package org.parley.presence.pep;

import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.presence.Listeners;
import org.parley.presence.PresenceTracker;
import org.parley.xmpp.core.module.UserQueues;
import org.parley.presence.roster.RosterItem;
import org.parley.presence.roster.Rosters;
import org.parley.presence.roster.SubscriptionState;
import org.parley.presence.store.JooqRosterStore;
import org.parley.schema.TestDatabases;
import org.parley.schema.TestDatabases.TestDatabase;
import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.module.IqHandler;
import org.parley.xmpp.core.module.Outbox;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.parley.xmpp.core.module.StanzaRouter;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.parley.schema.jooq.Tables.ACCOUNT;

/**
 * The PEP handlers with a recording outbox, on H2, named after the use cases of XEP-0163 and XEP-0060: Romeo owns
 * the nodes, Juliet is a mutual contact, the Nurse is someone Romeo is subscribed to (not the other way round),
 * Tybalt a stranger.
 */
class PepHandlersTest {
    private static final String TUNE = "http://jabber.org/protocol/tune";
    private static final JID ROMEO = new JID("romeo@localhost/orchard");
    private static final JID JULIET = new JID("juliet@localhost/balcony");
    private static final JID JULIET_CHAMBER = new JID("juliet@localhost/chamber");
    private static final JID NURSE = new JID("nurse@localhost/kitchen");
    private static final JID TYBALT = new JID("tybalt@localhost/street");

    private TestDatabase db;
    private final List<Packet> routed = new ArrayList<>();
    private final Map<JID, Set<String>> clientFeatures = Map.of(
            ROMEO, Set.of(TUNE + "+notify"), JULIET, Set.of(TUNE + "+notify"), JULIET_CHAMBER, Set.of(),
            NURSE, Set.of(TUNE + "+notify"), TYBALT, Set.of(TUNE + "+notify"));
    private PubSubHandler pubsub;
    private OwnerHandler owner;
    private AccountDiscoHandler disco;

    /** Answers caps queries from {@link #clientFeatures}; records what is routed. */
    private final StanzaRouter router = new StanzaRouter() {
        @Override
        public synchronized CompletionStage<Void> route(Packet stanza) {
            routed.add(stanza);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void deliver(JID fullJid, Packet stanza) {
            route(stanza);
        }

        @Override
        public CompletionStage<IQ> request(IQ request, Duration timeout) {
            IQ result = IQ.createResultIQ(request);
            Element query = result.setChildElement("query", Namespaces.DISCO_INFO);
            clientFeatures.get(request.getTo()).forEach(f -> query.addElement("feature").addAttribute("var", f));
            return CompletableFuture.completedFuture(result);
        }
    };

    @BeforeEach
    void setUp() {
        db = TestDatabases.h2();
        for (String user : List.of("romeo", "juliet", "nurse", "tybalt")) {
            db.database().dsl().insertInto(ACCOUNT, ACCOUNT.USERNAME, ACCOUNT.CREATED_AT)
                    .values(user, LocalDateTime.now(ZoneOffset.UTC)).execute();
        }
        Rosters rosters = new Rosters(new JooqRosterStore(db.database()));
        rosters.save("romeo", RosterItem.of(JULIET.asBareJID(), null, List.of()).withState(SubscriptionState.BOTH));
        rosters.save("juliet", RosterItem.of(ROMEO.asBareJID(), null, List.of()).withState(SubscriptionState.BOTH));
        rosters.save("romeo", RosterItem.of(NURSE.asBareJID(), null, List.of()).withState(SubscriptionState.TO));
        rosters.save("nurse", RosterItem.of(ROMEO.asBareJID(), null, List.of()).withState(SubscriptionState.FROM));
        PresenceTracker tracker = new PresenceTracker();
        CapsCache caps = new CapsCache(router, (resource, nodes) -> { });
        for (JID resource : clientFeatures.keySet()) {
            Presence p = new Presence();
            p.setFrom(resource);
            p.addChildElement("c", CapsCache.CAPS).addAttribute("node", "https://example.org/client")
                    .addAttribute("ver", "legacy-" + resource.getResource());
            tracker.available(resource, p);
            caps.presence(p);
        }
        PepNodes nodes = new PepNodes(new JooqPepStore(db.database()));
        AccessPolicy policy = new AccessPolicy(rosters, "localhost");
        Notifier notifier = new Notifier(rosters, tracker, caps, "localhost");
        UserQueues queue = new UserQueues(Executors.newVirtualThreadPerTaskExecutor());
        Listeners<PepListener> listeners = new Listeners<>();
        pubsub = new PubSubHandler(nodes, new PepService(nodes, notifier), policy, listeners, queue);
        owner = new OwnerHandler(nodes, policy, notifier, listeners, queue);
        disco = new AccountDiscoHandler(nodes, policy, Set.of(), node -> java.util.Optional.empty());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    // ---- helpers ----

    private static IQ request(IQ.Type type, JID from, JID to, String namespace) {
        IQ iq = new IQ(type);
        iq.setFrom(from);
        if (to != null) iq.setTo(to);
        iq.setChildElement("pubsub", namespace);
        return iq;
    }

    private static IQ publish(JID from, String node, String itemId, String title) {
        IQ iq = request(IQ.Type.set, from, null, PubSub.NAMESPACE);
        Element item = iq.getChildElement().addElement("publish").addAttribute("node", node).addElement("item");
        if (itemId != null) item.addAttribute("id", itemId);
        item.addElement("tune", TUNE).addElement("title").setText(title);
        return iq;
    }

    private static IQ items(JID from, String node) {
        IQ iq = request(IQ.Type.get, from, ROMEO.asBareJID(), PubSub.NAMESPACE);
        iq.getChildElement().addElement("items").addAttribute("node", node);
        return iq;
    }

    private IQ handle(IqHandler handler, IQ request, List<Packet> outbox) throws StanzaErrorException {
        return handler.handle(request, new Outbox() {
            @Override
            public void send(Packet stanza) {
                outbox.add(stanza);
            }

            @Override
            public void afterReply(Runnable action) {
                action.run();
            }
        });
    }

    private IQ handle(IqHandler handler, IQ request) throws StanzaErrorException {
        return handle(handler, request, new ArrayList<>());
    }

    private StanzaErrorException refusal(IqHandler handler, IQ request) {
        StanzaErrorException e = catchThrowableOfType(StanzaErrorException.class, () -> handle(handler, request));
        assertThat(e).as("a refusal").isNotNull();
        return e;
    }

    private void configure(String node, String field, String value) throws StanzaErrorException {
        IQ iq = request(IQ.Type.set, ROMEO, null, PubSub.OWNER);
        Element x = iq.getChildElement().addElement("configure").addAttribute("node", node)
                .addElement("x", "jabber:x:data").addAttribute("type", "submit");
        x.addElement("field").addAttribute("var", "FORM_TYPE").addElement("value").setText(NodeConfigForm.NODE_CONFIG);
        x.addElement("field").addAttribute("var", field).addElement("value").setText(value);
        handle(owner, iq);
    }

    private static List<String> itemIds(IQ result) {
        return result.getChildElement().element("items").elements("item").stream().map(e -> e.attributeValue("id")).toList();
    }

    // ---- publish (XEP-0163 §3, XEP-0060 §7.1) ----

    @Test
    void publishingToAMissingNodeCreatesItAndTheGeneratedItemIdIsReturned() throws Exception {
        IQ result = handle(pubsub, publish(ROMEO, TUNE, null, "Roundabout"));

        Element item = result.getChildElement().element("publish").element("item");
        assertThat(result.getChildElement().element("publish").attributeValue("node")).isEqualTo(TUNE);
        assertThat(item.attributeValue("id")).isNotBlank();
        assertThat(itemIds(handle(pubsub, items(ROMEO, TUNE)))).containsExactly(item.attributeValue("id"));
    }

    @Test
    void notificationsGoFromTheBareJidToInterestedResourcesOfTheOwnerAndOfSubscribedContactsOnly() throws Exception {
        List<Packet> outbox = new ArrayList<>();

        handle(pubsub, publish(ROMEO, TUNE, "current", "Roundabout"), outbox);

        assertThat(outbox).extracting(Packet::getTo).containsExactlyInAnyOrder(ROMEO, JULIET);
        Message m = (Message) outbox.getFirst();
        assertThat(m.getFrom()).isEqualTo(ROMEO.asBareJID());
        assertThat(m.getType()).isEqualTo(Message.Type.headline);
        Element item = m.getChildElement("event", PubSub.EVENT).element("items").element("item");
        assertThat(item.attributeValue("id")).isEqualTo("current");
        assertThat(item.element("tune").elementText("title")).isEqualTo("Roundabout");
    }

    @Test
    void onlyTheOwnerMayPublish() {
        IQ toRomeo = publish(JULIET, TUNE, null, "intrusion");
        toRomeo.setTo(ROMEO.asBareJID());

        assertThat(refusal(pubsub, toRomeo).condition()).isEqualTo(PacketError.Condition.forbidden);
    }

    @Test
    void aPublishWhosePreconditionIsNotMetFailsAndStoresNothing() throws Exception {
        handle(pubsub, publish(ROMEO, TUNE, "a", "first"));
        IQ withOptions = publish(ROMEO, TUNE, "b", "second");
        Element x = withOptions.getChildElement().addElement("publish-options").addElement("x", "jabber:x:data")
                .addAttribute("type", "submit");
        x.addElement("field").addAttribute("var", "FORM_TYPE").addElement("value").setText(NodeConfigForm.PUBLISH_OPTIONS);
        x.addElement("field").addAttribute("var", "pubsub#access_model").addElement("value").setText("open");

        StanzaErrorException e = refusal(pubsub, withOptions);

        assertThat(e.condition()).isEqualTo(PacketError.Condition.conflict);
        assertThat(e.toPacketError().getApplicationConditionName()).isEqualTo("precondition-not-met");
        assertThat(itemIds(handle(pubsub, items(ROMEO, TUNE)))).containsExactly("a");
    }

    @Test
    void maxItemsKeepsOnlyTheNewestItems() throws Exception {
        handle(pubsub, publish(ROMEO, TUNE, "1", "one"));
        configure(TUNE, "pubsub#max_items", "2");

        handle(pubsub, publish(ROMEO, TUNE, "2", "two"));
        handle(pubsub, publish(ROMEO, TUNE, "3", "three"));

        assertThat(itemIds(handle(pubsub, items(ROMEO, TUNE)))).containsExactly("2", "3");
    }

    @Test
    void aPublishWithoutPayloadIsABadRequest() {
        IQ iq = request(IQ.Type.set, ROMEO, null, PubSub.NAMESPACE);
        iq.getChildElement().addElement("publish").addAttribute("node", TUNE).addElement("item");

        StanzaErrorException e = refusal(pubsub, iq);

        assertThat(e.condition()).isEqualTo(PacketError.Condition.bad_request);
        assertThat(e.toPacketError().getApplicationConditionName()).isEqualTo("payload-required");
    }

    // ---- retrieval per access model (XEP-0060 §6.5, §4.5) ----

    @Test
    void presenceAccessLetsContactsWithASubscriptionRetrieveItems() throws Exception {
        handle(pubsub, publish(ROMEO, TUNE, "current", "Roundabout"));

        assertThat(itemIds(handle(pubsub, items(JULIET, TUNE)))).containsExactly("current");
    }

    @Test
    void presenceAccessRefusesOthersWithPresenceSubscriptionRequired() throws Exception {
        handle(pubsub, publish(ROMEO, TUNE, "current", "Roundabout"));

        for (JID stranger : List.of(TYBALT, NURSE)) {
            StanzaErrorException e = refusal(pubsub, items(stranger, TUNE));
            assertThat(e.condition()).isEqualTo(PacketError.Condition.not_authorized);
            assertThat(e.toPacketError().getApplicationConditionName()).isEqualTo("presence-subscription-required");
        }
    }

    @Test
    void openAccessLetsAnyoneRetrieveItems() throws Exception {
        handle(pubsub, publish(ROMEO, TUNE, "current", "Roundabout"));
        configure(TUNE, "pubsub#access_model", "open");

        assertThat(itemIds(handle(pubsub, items(TYBALT, TUNE)))).containsExactly("current");
    }

    @Test
    void whitelistAccessLetsOnlyTheOwnerRetrieveItemsOrBeNotified() throws Exception {
        handle(pubsub, publish(ROMEO, TUNE, "current", "Roundabout"));
        configure(TUNE, "pubsub#access_model", "whitelist");
        List<Packet> outbox = new ArrayList<>();

        handle(pubsub, publish(ROMEO, TUNE, "next", "Siberian Khatru"), outbox);

        StanzaErrorException e = refusal(pubsub, items(JULIET, TUNE));
        assertThat(e.condition()).isEqualTo(PacketError.Condition.not_allowed);
        assertThat(e.toPacketError().getApplicationConditionName()).isEqualTo("closed-node");
        assertThat(itemIds(handle(pubsub, items(ROMEO, TUNE)))).containsExactly("next"); // max_items 1
        assertThat(outbox).extracting(Packet::getTo).containsExactly(ROMEO);
    }

    @Test
    void itemsOfAMissingNodeAreNotFound() {
        assertThat(refusal(pubsub, items(JULIET, "urn:xmpp:nothing")).condition())
                .isEqualTo(PacketError.Condition.item_not_found);
    }

    // ---- retract, delete, configure (XEP-0060 §7.2, §8.4, §8.2) ----

    @Test
    void aRetractedItemIsGoneAndInterestedResourcesAreTold() throws Exception {
        handle(pubsub, publish(ROMEO, TUNE, "current", "Roundabout"));
        IQ retract = request(IQ.Type.set, ROMEO, null, PubSub.NAMESPACE);
        retract.getChildElement().addElement("retract").addAttribute("node", TUNE).addAttribute("notify", "true")
                .addElement("item").addAttribute("id", "current");
        List<Packet> outbox = new ArrayList<>();

        handle(pubsub, retract, outbox);

        assertThat(itemIds(handle(pubsub, items(ROMEO, TUNE)))).isEmpty();
        assertThat(outbox).extracting(Packet::getTo).containsExactlyInAnyOrder(ROMEO, JULIET);
        assertThat(((Message) outbox.getFirst()).getChildElement("event", PubSub.EVENT).element("items")
                .element("retract").attributeValue("id")).isEqualTo("current");
        assertThat(refusal(pubsub, retract).condition()).isEqualTo(PacketError.Condition.item_not_found);
    }

    @Test
    void aDeletedNodeIsGoneAndInterestedResourcesAreTold() throws Exception {
        handle(pubsub, publish(ROMEO, TUNE, "current", "Roundabout"));
        IQ delete = request(IQ.Type.set, ROMEO, null, PubSub.OWNER);
        delete.getChildElement().addElement("delete").addAttribute("node", TUNE);
        List<Packet> outbox = new ArrayList<>();

        handle(owner, delete, outbox);

        assertThat(refusal(pubsub, items(ROMEO, TUNE)).condition()).isEqualTo(PacketError.Condition.item_not_found);
        assertThat(outbox).extracting(Packet::getTo).containsExactlyInAnyOrder(ROMEO, JULIET);
        assertThat(((Message) outbox.getFirst()).getChildElement("event", PubSub.EVENT).element("delete")
                .attributeValue("node")).isEqualTo(TUNE);
    }

    @Test
    void aPurgedNodeKeepsNoItemsAndInterestedResourcesAreTold() throws Exception {
        handle(pubsub, publish(ROMEO, TUNE, "current", "Roundabout"));
        IQ purge = request(IQ.Type.set, ROMEO, null, PubSub.OWNER);
        purge.getChildElement().addElement("purge").addAttribute("node", TUNE);
        List<Packet> outbox = new ArrayList<>();

        handle(owner, purge, outbox);

        assertThat(handle(pubsub, items(ROMEO, TUNE)).getChildElement().element("items").elements()).isEmpty();
        assertThat(outbox).extracting(Packet::getTo).containsExactlyInAnyOrder(ROMEO, JULIET);
        assertThat(((Message) outbox.getFirst()).getChildElement("event", PubSub.EVENT).element("purge")
                .attributeValue("node")).isEqualTo(TUNE);
        IQ again = purge.createCopy();
        again.getChildElement().element("purge").addAttribute("node", "urn:example:none");
        assertThat(refusal(owner, again).condition()).isEqualTo(PacketError.Condition.item_not_found);
    }

    @Test
    void theOwnerReadsTheConfigurationFormAndOthersMayNot() throws Exception {
        handle(pubsub, publish(ROMEO, TUNE, "current", "Roundabout"));
        IQ get = request(IQ.Type.get, ROMEO, null, PubSub.OWNER);
        get.getChildElement().addElement("configure").addAttribute("node", TUNE);

        Element form = handle(owner, get).getChildElement().element("configure").element("x");

        assertThat(DataForms.fields(form.getParent())).containsEntry("pubsub#access_model", List.of("presence"))
                .containsEntry("pubsub#max_items", List.of("1"));
        IQ byJuliet = get.createCopy();
        byJuliet.setFrom(JULIET);
        byJuliet.setTo(ROMEO.asBareJID());
        assertThat(refusal(owner, byJuliet).condition()).isEqualTo(PacketError.Condition.forbidden);
    }

    // ---- service discovery (XEP-0163 §6, XEP-0030) ----

    @Test
    void theAccountShowsItsPepServiceToContactsButNotToStrangers() throws Exception {
        handle(pubsub, publish(ROMEO, TUNE, "current", "Roundabout"));
        IQ info = new IQ(IQ.Type.get);
        info.setTo(ROMEO.asBareJID());
        info.setChildElement("query", Namespaces.DISCO_INFO);

        info.setFrom(JULIET);
        Element forJuliet = handle(disco, info).getChildElement();
        info.setFrom(TYBALT);
        Element forTybalt = handle(disco, info).getChildElement();

        assertThat(forJuliet.elements("identity")).extracting(e -> e.attributeValue("category") + "/" + e.attributeValue("type"))
                .containsExactly("account/registered", "pubsub/pep");
        assertThat(forJuliet.elements("feature")).extracting(e -> e.attributeValue("var"))
                .contains(PubSub.NAMESPACE + "#publish-options", PubSub.NAMESPACE + "#filtered-notifications");
        assertThat(forTybalt.elements("identity")).extracting(e -> e.attributeValue("category") + "/" + e.attributeValue("type"))
                .containsExactly("account/registered");
    }

    @Test
    void discoItemsListsTheNodesTheRequesterMaySee() throws Exception {
        handle(pubsub, publish(ROMEO, TUNE, "current", "Roundabout"));
        IQ itemsQuery = new IQ(IQ.Type.get);
        itemsQuery.setTo(ROMEO.asBareJID());
        itemsQuery.setChildElement("query", Namespaces.DISCO_ITEMS);

        itemsQuery.setFrom(JULIET);
        List<Element> forJuliet = handle(disco, itemsQuery).getChildElement().elements("item");
        itemsQuery.setFrom(TYBALT);
        List<Element> forTybalt = handle(disco, itemsQuery).getChildElement().elements("item");

        assertThat(forJuliet).extracting(e -> e.attributeValue("node")).containsExactly(TUNE);
        assertThat(forTybalt).isEmpty();
    }
}
