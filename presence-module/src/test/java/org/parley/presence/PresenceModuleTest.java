package org.parley.presence;

import org.parley.xmpp.core.module.testing.RecordingModuleContext;
import org.parley.xmpp.core.module.testing.RecordingRouter;
import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.presence.lastactivity.LastActivityHandler;
import org.parley.presence.roster.RosterItem;
import org.parley.presence.roster.Rosters;
import org.parley.presence.roster.SubscriptionState;
import org.parley.presence.store.LastActivityStore.LastActivity;
import org.parley.xmpp.core.module.InterceptorStage;
import org.parley.xmpp.core.module.IqKey;
import org.parley.xmpp.core.module.Verdict;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Presence (RFC 6121 §4) and subscriptions (§3) through the module's interceptors: what a user's client sends
 * ({@code outbound}) and what reaches a user ({@code inbound}), with the roster changes and pushes that follow.
 */
class PresenceModuleTest {
    private static final JID JULIET = new JID("juliet@example.com");
    private static final JID BALCONY = new JID("juliet@example.com/balcony");
    private static final JID CHAMBER = new JID("juliet@example.com/chamber");
    private static final JID ROMEO = new JID("romeo@example.net");
    private static final JID ORCHARD = new JID("romeo@example.net/orchard");
    private static final JID MERCUTIO = new JID("mercutio@example.org");
    private static final JID BENVOLIO = new JID("benvolio@example.net");
    private static final JID TYBALT = new JID("tybalt@example.com");
    private static final String DELAY = "urn:xmpp:delay";

    private PresenceFixture fixture;
    private RecordingRouter router;
    private RecordingModuleContext context;
    private PresenceModule module;

    @BeforeEach
    void setUp() {
        fixture = new PresenceFixture();
        fixture.accounts("juliet", "tybalt");
        router = fixture.router;
        module = new PresenceModule(fixture.rosters, fixture.lastActivity, fixture.queues, fixture.tracker,
                fixture::accountExists, 100);
        context = new RecordingModuleContext(PresenceFixture.DOMAIN, router, bare -> List.of());
        module.start(context);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void startRegistersRosterAndLastActivityHandlersTheStreamFeaturesAndThePresenceInterceptor() {
        assertThat(context.handler(IqKey.account(IQ.Type.set, "query", Rosters.NAMESPACE))).isPresent();
        assertThat(context.handler(IqKey.account(IQ.Type.get, "query", LastActivityHandler.NAMESPACE))).isPresent();
        assertThat(context.features()).contains(Rosters.NAMESPACE, LastActivityHandler.NAMESPACE);
        assertThat(context.streamFeatures()).containsExactlyInAnyOrder(
                "<ver xmlns='urn:xmpp:features:rosterver'/>", "<sub xmlns='urn:xmpp:features:pre-approval'/>");
        assertThat(context.interceptors(InterceptorStage.PRESENCE)).containsExactly(module);
        assertThat(context.sessionListeners()).containsExactly(module);
    }

    // ---- §4.2 initial presence ----

    @Test
    void initialPresenceProbesWhomTheUserIsSubscribedToAndGoesToItsSubscribers() {
        save("juliet", ROMEO, SubscriptionState.BOTH);
        save("juliet", MERCUTIO, SubscriptionState.TO);
        save("juliet", BENVOLIO, SubscriptionState.FROM);
        save("juliet", new JID("friar@example.org"), SubscriptionState.NONE_PENDING_OUT);

        Verdict verdict = outbound(available(BALCONY, "On the balcony"));

        assertThat(verdict).isInstanceOf(Verdict.Handled.class);
        // §4.2.2: probes from the user's bare JID to 'to' and 'both' contacts; presence to 'from' and 'both' contacts.
        assertThat(router.routed()).extracting(PresenceModuleTest::type, Packet::getFrom, Packet::getTo)
                .containsExactlyInAnyOrder(
                        tuple("probe", JULIET, ROMEO),
                        tuple("probe", JULIET, MERCUTIO),
                        tuple("available", BALCONY, ROMEO),
                        tuple("available", BALCONY, BENVOLIO));
        assertThat(router.routed()).filteredOn(p -> type(p).equals("available"))
                .allSatisfy(p -> assertThat(((Presence) p).getStatus()).isEqualTo("On the balcony"));
    }

    @Test
    void initialPresenceGoesToAllOfTheUsersAvailableResourcesAndTheNewOneLearnsTheOthers() {
        outbound(available(CHAMBER, "Asleep"));
        router.clear();

        outbound(available(BALCONY, "On the balcony"));

        // §4.2.2: "to all of the user's available resources (including the resource that generated it)".
        assertThat(router.deliveredTo(CHAMBER)).extracting(PresenceModuleTest::type, Packet::getFrom, PresenceModuleTest::status)
                .containsExactly(tuple("available", BALCONY, "On the balcony"));
        assertThat(router.deliveredTo(BALCONY)).extracting(PresenceModuleTest::type, Packet::getFrom, PresenceModuleTest::status)
                .containsExactlyInAnyOrder(tuple("available", BALCONY, "On the balcony"),
                        tuple("available", CHAMBER, "Asleep"));
        assertThat(router.routed()).isEmpty();
    }

    @Test
    void aSubscriptionRequestStoredWhileTheUserWasOfflineIsDeliveredAtInitialPresence() {
        inbound(subscription(Presence.Type.subscribe, ORCHARD, JULIET, "I am Romeo"));
        assertThat(router.delivered()).isEmpty();
        assertThat(item("juliet", ROMEO).state()).isEqualTo(SubscriptionState.NONE_PENDING_IN);

        outbound(available(BALCONY, null));

        // RFC 6121 §3.1.3: the request, from the contact's bare JID, is delivered when the user comes online.
        assertThat(router.deliveredTo(BALCONY)).filteredOn(p -> type(p).equals("subscribe"))
                .extracting(Packet::getFrom, Packet::getTo, PresenceModuleTest::status)
                .containsExactly(tuple(ROMEO, BALCONY, "I am Romeo"));
    }

    // ---- §4.5 unavailable presence, §4.6 directed presence ----

    @Test
    void unavailablePresenceGoesToSubscribersAndDirectedPresenceTargetsAndRecordsTheLastActivity() {
        save("juliet", ROMEO, SubscriptionState.FROM);
        save("juliet", MERCUTIO, SubscriptionState.TO);
        outbound(available(BALCONY, "On the balcony"));
        JID friar = new JID("laurence@example.org/cell");
        Verdict directed = outbound(directed(BALCONY, friar, null));
        assertThat(directed).isInstanceOf(Verdict.Continue.class);
        router.clear();
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        Verdict verdict = outbound(unavailable(BALCONY, "Gone to bed"));

        assertThat(verdict).isInstanceOf(Verdict.Handled.class);
        assertThat(router.routed()).extracting(PresenceModuleTest::type, Packet::getFrom, Packet::getTo)
                .containsExactlyInAnyOrder(tuple("unavailable", BALCONY, ROMEO), tuple("unavailable", BALCONY, friar));
        assertThat(router.deliveredTo(BALCONY)).extracting(PresenceModuleTest::type).containsExactly("unavailable");
        LastActivity last = fixture.lastActivity.get("juliet").orElseThrow();
        assertThat(last.status()).isEqualTo("Gone to bed");
        assertThat(last.at()).isBetween(before, Instant.now());
        assertThat(fixture.tracker.availableResources(JULIET)).isEmpty();
    }

    @Test
    void unavailablePresenceWithoutStatusRecordsTheLastBroadcastStatus() {
        outbound(available(BALCONY, "Reading"));

        outbound(unavailable(BALCONY, null));

        assertThat(fixture.lastActivity.get("juliet")).get().extracting(LastActivity::status).isEqualTo("Reading");
    }

    @Test
    void unavailablePresenceFromOneOfTwoResourcesRecordsNoLastActivity() {
        outbound(available(BALCONY, null));
        outbound(available(CHAMBER, null));

        outbound(unavailable(BALCONY, "Gone to bed"));

        assertThat(fixture.lastActivity.get("juliet")).isEmpty();
        assertThat(fixture.tracker.availableResources(JULIET)).extracting(e -> e.getKey()).containsExactly(CHAMBER);
    }

    @Test
    void directedUnavailablePresenceForgetsTheTarget() {
        outbound(available(BALCONY, null));
        JID friar = new JID("laurence@example.org/cell");
        outbound(directed(BALCONY, friar, null));
        outbound(directed(BALCONY, friar, Presence.Type.unavailable));
        router.clear();

        outbound(unavailable(BALCONY, null));

        assertThat(router.routed()).extracting(Packet::getTo).doesNotContain(friar);
    }

    @Test
    void aSubscriptionOrProbeStanzaWithoutToIsNotTakenForUnavailablePresence() {
        save("juliet", ROMEO, SubscriptionState.FROM);
        outbound(available(BALCONY, "On the balcony"));
        router.clear();

        Verdict subscribe = outbound(directed(BALCONY, null, Presence.Type.subscribe));
        Verdict probe = outbound(directed(BALCONY, null, Presence.Type.probe));

        // Only available and unavailable presence is broadcast (§4.2-§4.5): the resource stays available.
        assertThat(List.of(subscribe, probe)).allMatch(v -> v instanceof Verdict.Handled);
        assertThat(fixture.tracker.availableResources(JULIET)).extracting(e -> e.getKey()).containsExactly(BALCONY);
        assertThat(router.routed()).isEmpty();
        assertThat(router.delivered()).isEmpty();
        assertThat(fixture.lastActivity.get("juliet")).isEmpty();
    }

    // ---- §4.3 probes ----

    @Test
    void aProbeFromASubscriberGetsTheLastPresenceOfEachAvailableResourceWithItsTime() {
        save("juliet", ROMEO, SubscriptionState.FROM);
        outbound(available(BALCONY, "On the balcony"));
        outbound(available(CHAMBER, "Asleep"));
        router.clear();

        Verdict verdict = inbound(probe(ROMEO, JULIET));

        assertThat(verdict).isInstanceOf(Verdict.Handled.class);
        assertThat(router.routed()).extracting(PresenceModuleTest::type, Packet::getFrom, Packet::getTo,
                        PresenceModuleTest::status)
                .containsExactlyInAnyOrder(tuple("available", BALCONY, ROMEO, "On the balcony"),
                        tuple("available", CHAMBER, ROMEO, "Asleep"));
        assertThat(router.routed()).allSatisfy(p -> {
            Element delay = p.getElement().element(QName.get("delay", DELAY));
            assertThat(delay).isNotNull();
            assertThat(delay.attributeValue("from")).isEqualTo(PresenceFixture.DOMAIN);
            assertThat(Instant.parse(delay.attributeValue("stamp"))).isBeforeOrEqualTo(Instant.now());
        });
    }

    @Test
    void aProbeFromAnEntityNotSubscribedToTheUserGetsNothing() {
        save("juliet", MERCUTIO, SubscriptionState.TO);
        outbound(available(BALCONY, "On the balcony"));
        router.clear();

        inbound(probe(MERCUTIO, JULIET));
        inbound(probe(BENVOLIO, JULIET));

        assertThat(router.routed()).isEmpty();
        assertThat(router.delivered()).isEmpty();
    }

    @Test
    void aProbeToAUserWithNoAvailableResourceGetsUnavailablePresenceStampedWithTheLastLogout() {
        save("juliet", ROMEO, SubscriptionState.BOTH);
        Instant loggedOut = Instant.parse("2025-03-14T09:26:53.589Z");
        fixture.lastActivity.save("juliet", new LastActivity(loggedOut, "Gone to Mantua"));

        inbound(probe(ROMEO, JULIET));

        assertThat(router.routed()).hasSize(1);
        Presence answer = (Presence) router.routed().getFirst();
        assertThat(answer.getType()).isEqualTo(Presence.Type.unavailable);
        assertThat(answer.getFrom()).isEqualTo(JULIET);
        assertThat(answer.getTo()).isEqualTo(ROMEO);
        assertThat(answer.getStatus()).isEqualTo("Gone to Mantua");
        Element delay = answer.getElement().element(QName.get("delay", DELAY));
        assertThat(delay.attributeValue("stamp")).isEqualTo("2025-03-14T09:26:53.589Z");
    }

    // ---- §3 subscriptions ----

    @Test
    void subscribingToANewContactAddsAPendingOutItemPushesItAndForwardsTheRequestFromTheBareJid() {
        fixture.tracker.interested(BALCONY);

        Verdict verdict = outbound(subscription(Presence.Type.subscribe, BALCONY, ORCHARD, "Let me in"));

        assertThat(verdict).isInstanceOf(Verdict.Handled.class);
        RosterItem item = item("juliet", ROMEO);
        assertThat(item.state()).isEqualTo(SubscriptionState.NONE_PENDING_OUT);
        assertThat(item.visible()).isTrue();
        assertThat(pushedItems(BALCONY)).containsExactly("romeo@example.net subscription=none ask=subscribe approved=null");
        // §3.1.2: stamped with the user's bare JID, addressed to the contact's bare JID.
        assertThat(router.routed()).extracting(PresenceModuleTest::type, Packet::getFrom, Packet::getTo,
                        PresenceModuleTest::status)
                .containsExactly(tuple("subscribe", JULIET, ROMEO, "Let me in"));
    }

    @Test
    void aSubscriptionRequestThatWasPreApprovedIsApprovedAutomatically() {
        fixture.tracker.interested(BALCONY);
        outbound(available(BALCONY, "On the balcony"));
        outbound(subscription(Presence.Type.subscribed, BALCONY, ROMEO, null));
        assertThat(item("juliet", ROMEO).approved()).isTrue();
        router.clear();

        inbound(subscription(Presence.Type.subscribe, ORCHARD, JULIET, null));

        RosterItem item = item("juliet", ROMEO);
        assertThat(item.state()).isEqualTo(SubscriptionState.FROM);
        assertThat(item.approved()).isFalse();
        // §3.4: the server answers 'subscribed' on the user's behalf and the user's presence follows.
        assertThat(router.routed()).extracting(PresenceModuleTest::type, Packet::getFrom, Packet::getTo)
                .containsExactly(tuple("subscribed", JULIET, ROMEO), tuple("available", BALCONY, ROMEO));
        assertThat(router.deliveredTo(BALCONY)).noneMatch(p -> type(p).equals("subscribe"));
        assertThat(pushedItems(BALCONY)).containsExactly("romeo@example.net subscription=from ask=null approved=null");
    }

    @Test
    void aSubscriptionRequestFromAnAlreadySubscribedContactIsAnsweredButNotDelivered() {
        save("juliet", ROMEO, SubscriptionState.FROM);
        outbound(available(BALCONY, null));
        router.clear();

        inbound(subscription(Presence.Type.subscribe, ORCHARD, JULIET, null));

        // §3.1.3: auto-reply 'subscribed' from the user's bare JID; nothing reaches the user.
        assertThat(router.routed()).extracting(PresenceModuleTest::type, Packet::getFrom, Packet::getTo)
                .contains(tuple("subscribed", JULIET, ROMEO));
        assertThat(router.delivered()).isEmpty();
        assertThat(item("juliet", ROMEO).state()).isEqualTo(SubscriptionState.FROM);
    }

    @Test
    void aSubscriptionRequestToAnAccountThatDoesNotExistIsIgnored() {
        JID ghost = new JID("ghost@example.com");

        Verdict verdict = inbound(subscription(Presence.Type.subscribe, ORCHARD, ghost, null));

        assertThat(verdict).isInstanceOf(Verdict.Handled.class);
        assertThat(router.routed()).isEmpty();
        assertThat(router.delivered()).isEmpty();
        assertThat(fixture.rosterStore.items("ghost")).isEmpty();
    }

    @Test
    void approvingAPendingRequestMakesTheContactASubscriberAndSendsItTheUsersPresence() {
        inbound(subscription(Presence.Type.subscribe, ORCHARD, JULIET, "I am Romeo"));
        fixture.tracker.interested(BALCONY);
        outbound(available(BALCONY, "On the balcony"));
        assertThat(item("juliet", ROMEO).visible()).isFalse();
        router.clear();

        Verdict verdict = outbound(subscription(Presence.Type.subscribed, BALCONY, ROMEO, null));

        assertThat(verdict).isInstanceOf(Verdict.Handled.class);
        RosterItem item = item("juliet", ROMEO);
        assertThat(item.state()).isEqualTo(SubscriptionState.FROM);
        assertThat(item.visible()).isTrue();
        assertThat(item.pendingInStatus()).isNull();
        assertThat(pushedItems(BALCONY)).containsExactly("romeo@example.net subscription=from ask=null approved=null");
        // §3.1.5: the approval goes to the contact, then the presence of each available resource.
        assertThat(router.routed()).extracting(PresenceModuleTest::type, Packet::getFrom, Packet::getTo,
                        PresenceModuleTest::status)
                .containsExactly(tuple("subscribed", JULIET, ROMEO, null),
                        tuple("available", BALCONY, ROMEO, "On the balcony"));
    }

    @Test
    void unsubscribedCancelsAPreApproval() {
        fixture.tracker.interested(BALCONY);
        outbound(subscription(Presence.Type.subscribed, BALCONY, ROMEO, null));
        assertThat(pushedItems(BALCONY)).containsExactly("romeo@example.net subscription=none ask=null approved=true");
        router.clear();

        outbound(subscription(Presence.Type.unsubscribed, BALCONY, ROMEO, null));

        assertThat(item("juliet", ROMEO).approved()).isFalse();
        assertThat(pushedItems(BALCONY)).containsExactly("romeo@example.net subscription=none ask=null approved=null");
        // A.2.4: no state change, so the stanza is not routed; and a later request is no longer auto-approved.
        assertThat(router.routed()).isEmpty();
        inbound(subscription(Presence.Type.subscribe, ORCHARD, JULIET, null));
        assertThat(item("juliet", ROMEO).state()).isEqualTo(SubscriptionState.NONE_PENDING_IN);
        assertThat(router.routed()).isEmpty();
    }

    // ---- fixtures ----

    private Verdict outbound(Presence presence) {
        return module.outbound(presence).toCompletableFuture().join();
    }

    /** Runs the inbound interceptor and waits for the work it queued for the recipient. */
    private Verdict inbound(Presence presence) {
        Verdict verdict = module.inbound(presence).toCompletableFuture().join();
        fixture.drain(presence.getTo().getNode());
        return verdict;
    }

    private static Presence available(JID from, String status) {
        Presence presence = new Presence();
        presence.setFrom(from);
        if (status != null) presence.setStatus(status);
        return presence;
    }

    private static Presence unavailable(JID from, String status) {
        Presence presence = new Presence(Presence.Type.unavailable);
        presence.setFrom(from);
        if (status != null) presence.setStatus(status);
        return presence;
    }

    private static Presence directed(JID from, JID to, Presence.Type type) {
        Presence presence = new Presence(type);
        presence.setFrom(from);
        presence.setTo(to);
        return presence;
    }

    private static Presence probe(JID from, JID to) {
        return directed(from, to, Presence.Type.probe);
    }

    private static Presence subscription(Presence.Type type, JID from, JID to, String status) {
        Presence presence = directed(from, to, type);
        if (status != null) presence.setStatus(status);
        return presence;
    }

    private void save(String user, JID contact, SubscriptionState state) {
        fixture.rosters.save(user, RosterItem.of(contact, null, List.of()).withState(state));
    }

    private RosterItem item(String user, JID contact) {
        return fixture.rosterStore.item(user, contact).orElseThrow();
    }

    /** The roster pushes delivered to {@code resource}, one line per item. */
    private List<String> pushedItems(JID resource) {
        return router.deliveredTo(resource).stream().filter(p -> p instanceof IQ).map(p -> {
            IQ push = (IQ) p;
            assertThat(push.getType()).isEqualTo(IQ.Type.set);
            assertThat(push.getFrom()).isEqualTo(resource.asBareJID());
            Element item = push.getChildElement().element("item");
            return item.attributeValue("jid") + " subscription=" + item.attributeValue("subscription")
                    + " ask=" + item.attributeValue("ask") + " approved=" + item.attributeValue("approved");
        }).toList();
    }

    /** The presence type ("available" for none), or the element name of another stanza. */
    private static String type(Packet stanza) {
        if (!(stanza instanceof Presence presence)) return stanza.getElement().getName();
        Presence.Type type = presence.getType();
        return type == null ? "available" : type.name();
    }

    private static String status(Packet stanza) {
        return ((Presence) stanza).getStatus();
    }
}
