package org.parley.presence.roster;

import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.presence.PresenceFixture;
import org.parley.xmpp.core.module.testing.RecordingOutbox;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.parley.presence.Stanzas.assertStanzaError;
import static org.parley.presence.Stanzas.iq;

/** Roster management (RFC 6121 §2): get, versioning (§2.6), set (§2.4), remove (§2.5) and their errors (§2.3.3). */
class RosterHandlerTest {
    private static final int MAX_ITEMS = 5;
    private static final JID BALCONY = new JID("juliet@example.com/balcony");
    private static final JID CHAMBER = new JID("juliet@example.com/chamber");
    private static final JID ROMEO = new JID("romeo@example.net");
    private static final JID NURSE = new JID("nurse@example.com");
    private static final JID MERCUTIO = new JID("mercutio@example.org");
    private static final JID BENVOLIO = new JID("benvolio@example.net");

    private PresenceFixture fixture;
    private RosterHandler handler;
    private final RecordingOutbox outbox = new RecordingOutbox();

    @BeforeEach
    void setUp() {
        fixture = new PresenceFixture();
        fixture.accounts("juliet");
        handler = new RosterHandler(fixture.rosters, fixture.tracker, fixture.queues, MAX_ITEMS, fixture.router::route);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    // ---- §2.2 roster get ----

    @Test
    void rosterGetReturnsTheVisibleItemsWithTheRosterVersionAndMarksTheResourceInterested() throws Exception {
        save(item(ROMEO, "Romeo", SubscriptionState.BOTH, "Friends"));
        save(item(NURSE, "Nurse", SubscriptionState.NONE_PENDING_OUT, "Servants"));

        IQ result = handler.handle(get(BALCONY, null), outbox);

        assertThat(result.getType()).isEqualTo(IQ.Type.result);
        assertThat(result.getID()).isEqualTo("bv1bs71f");
        Element query = result.getChildElement();
        assertThat(query.getNamespaceURI()).isEqualTo(Rosters.NAMESPACE);
        assertThat(query.attributeValue("ver")).isEqualTo("2");
        assertThat(query.elements("item")).extracting(RosterHandlerTest::describe).containsExactlyInAnyOrder(
                "romeo@example.net name=Romeo subscription=both ask=null groups=[Friends]",
                "nurse@example.com name=Nurse subscription=none ask=subscribe groups=[Servants]");
        assertThat(fixture.tracker.interestedResources(BALCONY.asBareJID())).containsExactly(BALCONY);
        assertThat(outbox.sent()).isEmpty();
    }

    @Test
    void rosterGetLeavesOutItemsThatOnlyRememberAnInboundRequest() throws Exception {
        save(item(ROMEO, "Romeo", SubscriptionState.BOTH));
        save(item(BENVOLIO, null, SubscriptionState.NONE_PENDING_IN).withVisible(false).withPendingInStatus("hi"));

        IQ result = handler.handle(get(BALCONY, null), outbox);

        assertThat(jids(result.getChildElement())).containsExactly("romeo@example.net");
    }

    // ---- §2.6.3 roster versioning ----

    @Test
    void rosterGetWithTheCurrentVersionGetsAnEmptyResultAndNoPushes() throws Exception {
        save(item(ROMEO, "Romeo", SubscriptionState.BOTH));
        save(item(NURSE, "Nurse", SubscriptionState.NONE));

        IQ result = handler.handle(get(BALCONY, "2"), outbox);

        assertThat(result.getType()).isEqualTo(IQ.Type.result);
        assertThat(result.getChildElement()).isNull();
        assertThat(outbox.sent()).isEmpty();
        assertThat(outbox.afterReply()).isEmpty();
        assertThat(fixture.tracker.interestedResources(BALCONY.asBareJID())).containsExactly(BALCONY);
    }

    @Test
    void rosterGetWithAnOlderVersionGetsAnEmptyResultFollowedByOnePushPerChangeSince() throws Exception {
        save(item(ROMEO, "Romeo", SubscriptionState.BOTH));                                    // v1
        save(item(NURSE, "Nurse", SubscriptionState.NONE));                                    // v2
        save(item(MERCUTIO, "Mercutio", SubscriptionState.TO));                                // v3
        save(item(ROMEO, "Romeo Montague", SubscriptionState.BOTH));                           // v4
        fixture.rosters.remove("juliet", MERCUTIO);                                            // v5
        save(item(BENVOLIO, null, SubscriptionState.NONE_PENDING_IN).withVisible(false));      // v6, hidden

        IQ result = handler.handle(get(BALCONY, "2"), outbox);

        assertThat(result.getChildElement()).isNull();
        // §2.6.3: "an empty IQ-result ... followed by roster pushes": they are sent once the result has gone.
        assertThat(outbox.sent()).isEmpty();
        assertThat(fixture.router.routed()).isEmpty();
        outbox.afterReply().forEach(Runnable::run);
        List<Packet> pushes = fixture.router.routed();
        assertThat(pushes).allSatisfy(push -> {
            assertThat(((IQ) push).getType()).isEqualTo(IQ.Type.set);
            assertThat(push.getFrom()).isEqualTo(BALCONY.asBareJID());
            assertThat(push.getTo()).isEqualTo(BALCONY);
        });
        assertThat(pushes).extracting(RosterHandlerTest::describePush).containsExactly(
                "ver=4 romeo@example.net name=Romeo Montague subscription=both ask=null groups=[]",
                "ver=5 mercutio@example.org name=null subscription=remove ask=null groups=[]");
    }

    @ParameterizedTest(name = "ver=''{0}''")
    @ValueSource(strings = {"", "not-a-number", "-1", "99"})
    void rosterGetWithAnUnusableVersionGetsTheWholeRoster(String ver) throws Exception {
        save(item(ROMEO, "Romeo", SubscriptionState.BOTH));
        save(item(NURSE, "Nurse", SubscriptionState.NONE));

        IQ result = handler.handle(get(BALCONY, ver), outbox);

        assertThat(result.getChildElement().attributeValue("ver")).isEqualTo("2");
        assertThat(jids(result.getChildElement())).containsExactlyInAnyOrder("romeo@example.net", "nurse@example.com");
        assertThat(outbox.sent()).isEmpty();
    }

    // ---- §2.4 add and update ----

    @Test
    void rosterSetAddsTheItemKeepingNameAndGroupOrderAndPushesItToEveryInterestedResource() throws Exception {
        handler.handle(get(BALCONY, null), new RecordingOutbox());
        handler.handle(get(CHAMBER, null), new RecordingOutbox());

        IQ result = handler.handle(set(BALCONY, """
                <item jid='nurse@example.com' name='Nurse'>
                  <group>Servants</group>
                  <group>Capulets</group>
                  <group>Allies</group>
                </item>"""), outbox);

        assertThat(result.getType()).isEqualTo(IQ.Type.result);
        assertThat(result.getChildElement()).isNull();
        RosterItem stored = fixture.rosterStore.item("juliet", NURSE).orElseThrow();
        assertThat(stored.name()).isEqualTo("Nurse");
        assertThat(stored.groups()).containsExactly("Servants", "Capulets", "Allies");
        assertThat(stored.state()).isEqualTo(SubscriptionState.NONE);
        assertThat(stored.visible()).isTrue();
        assertThat(outbox.sent()).extracting(Packet::getTo).containsExactlyInAnyOrder(BALCONY, CHAMBER);
        assertThat(outbox.sent()).extracting(RosterHandlerTest::describePush).containsOnly(
                "ver=1 nurse@example.com name=Nurse subscription=none ask=null groups=[Servants, Capulets, Allies]");
    }

    @Test
    void rosterSetIsNotPushedToResourcesThatNeverAskedForTheRoster() throws Exception {
        handler.handle(set(BALCONY, "<item jid='nurse@example.com'/>"), outbox);

        assertThat(fixture.rosterStore.item("juliet", NURSE)).isPresent();
        assertThat(outbox.sent()).isEmpty();
    }

    @Test
    void rosterSetUpdatingAnItemKeepsItsSubscriptionState() throws Exception {
        save(item(ROMEO, "Romeo", SubscriptionState.FROM_PENDING_OUT, "Friends"));
        handler.handle(get(BALCONY, null), new RecordingOutbox());

        handler.handle(set(BALCONY, "<item jid='romeo@example.net' name='Romeo Montague'><group>Lovers</group></item>"),
                outbox);

        RosterItem stored = fixture.rosterStore.item("juliet", ROMEO).orElseThrow();
        assertThat(stored.state()).isEqualTo(SubscriptionState.FROM_PENDING_OUT);
        assertThat(stored.name()).isEqualTo("Romeo Montague");
        assertThat(stored.groups()).containsExactly("Lovers");
        assertThat(outbox.sent()).extracting(RosterHandlerTest::describePush).containsExactly(
                "ver=2 romeo@example.net name=Romeo Montague subscription=from ask=subscribe groups=[Lovers]");
    }

    @Test
    void rosterSetIgnoresSubscriptionValuesOtherThanRemoveAndAsk() throws Exception {
        // §2.1.2.5 / §2.1.2.2: the client cannot set 'subscription' (other than "remove") or 'ask'.
        handler.handle(set(BALCONY, "<item jid='romeo@example.net' subscription='both' ask='subscribe'/>"), outbox);
        handler.handle(set(BALCONY, "<item jid='nurse@example.com' subscription='from'/>"), outbox);

        assertThat(fixture.rosterStore.item("juliet", ROMEO)).get().extracting(RosterItem::state)
                .isEqualTo(SubscriptionState.NONE);
        assertThat(fixture.rosterStore.item("juliet", NURSE)).get().extracting(RosterItem::state)
                .isEqualTo(SubscriptionState.NONE);
    }

    // ---- §2.3.3 error cases ----

    @Test
    void rosterSetWithTwoItemsIsABadRequest() {
        assertStanzaError(() -> handler.handle(set(BALCONY,
                "<item jid='nurse@example.com'/><item jid='romeo@example.net'/>"), outbox), "bad-request");
        assertUnchanged();
    }

    @Test
    void rosterSetWithADuplicateGroupIsABadRequest() {
        assertStanzaError(() -> handler.handle(set(BALCONY,
                "<item jid='nurse@example.com'><group>Servants</group><group>Servants</group></item>"), outbox),
                "bad-request");
        assertUnchanged();
    }

    @Test
    void rosterSetWithAnEmptyGroupIsNotAcceptable() {
        assertStanzaError(() -> handler.handle(set(BALCONY,
                "<item jid='nurse@example.com'><group>Servants</group><group></group></item>"), outbox),
                "not-acceptable");
        assertUnchanged();
    }

    @Test
    void rosterSetWithANameLongerThanTheLimitIsNotAcceptable() {
        String name = "n".repeat(RosterHandler.MAX_NAME_LENGTH + 1);
        assertStanzaError(() -> handler.handle(set(BALCONY,
                "<item jid='nurse@example.com' name='" + name + "'/>"), outbox), "not-acceptable");
        assertUnchanged();
    }

    @Test
    void rosterSetWithANameOfExactlyTheLimitIsAccepted() throws Exception {
        String name = "n".repeat(RosterHandler.MAX_NAME_LENGTH);

        handler.handle(set(BALCONY, "<item jid='nurse@example.com' name='" + name + "'/>"), outbox);

        assertThat(fixture.rosterStore.item("juliet", NURSE)).get().extracting(RosterItem::name).isEqualTo(name);
    }

    @Test
    void rosterSetBeyondTheItemLimitIsAPolicyViolation() throws Exception {
        for (int i = 0; i < MAX_ITEMS; i++) save(item(new JID("friend" + i + "@example.net"), null, SubscriptionState.NONE));

        assertThatThrownBy(() -> handler.handle(set(BALCONY, "<item jid='nurse@example.com'/>"), outbox))
                .isInstanceOfSatisfying(StanzaErrorException.class, e -> {
                    assertThat(e.conditionName()).isEqualTo("policy-violation");
                    // The serialised error names <policy-violation/> (Tinder's enum predates it). Its namespace is
                    // not checked here: xmpp-core's StanzaErrorException.toPacketError() loses it when renaming.
                    assertThat(e.toPacketError().toXML()).contains("<policy-violation")
                            .doesNotContain("<not-acceptable");
                });

        assertThat(fixture.rosterStore.item("juliet", NURSE)).isEmpty();
        // At the limit, existing items can still be changed.
        handler.handle(set(BALCONY, "<item jid='friend0@example.net' name='Still a friend'/>"), outbox);
        assertThat(fixture.rosterStore.item("juliet", new JID("friend0@example.net"))).get()
                .extracting(RosterItem::name).isEqualTo("Still a friend");
    }

    @Test
    void aRequestAboutAnotherUsersRosterIsForbidden() {
        save(item(ROMEO, "Romeo", SubscriptionState.BOTH));
        IQ getOthers = iq("""
                <iq from='juliet@example.com/balcony' to='nurse@example.com' id='r1' type='get'>
                  <query xmlns='jabber:iq:roster'/>
                </iq>""");
        IQ setOthers = iq("""
                <iq from='juliet@example.com/balcony' to='nurse@example.com' id='r2' type='set'>
                  <query xmlns='jabber:iq:roster'><item jid='tybalt@example.com'/></query>
                </iq>""");

        assertStanzaError(() -> handler.handle(getOthers, outbox), "forbidden");
        assertStanzaError(() -> handler.handle(setOthers, outbox), "forbidden");
        assertThat(fixture.rosterStore.version("juliet")).isEqualTo(1);
        assertThat(fixture.tracker.interestedResources(BALCONY.asBareJID())).isEmpty();
    }

    @Test
    void aRequestToTheUsersOwnBareJidIsServed() throws Exception {
        save(item(ROMEO, "Romeo", SubscriptionState.BOTH));

        IQ result = handler.handle(iq("""
                <iq from='juliet@example.com/balcony' to='juliet@example.com' id='r1' type='get'>
                  <query xmlns='jabber:iq:roster'/>
                </iq>"""), outbox);

        assertThat(jids(result.getChildElement())).containsExactly("romeo@example.net");
    }

    @Test
    void rosterSetWithAnInvalidJidIsJidMalformed() {
        assertStanzaError(() -> handler.handle(set(BALCONY, "<item jid='romeo@exa mple.net'/>"), outbox),
                "jid-malformed");
        assertStanzaError(() -> handler.handle(set(BALCONY, "<item jid='@example.net'/>"), outbox), "jid-malformed");
        assertUnchanged();
    }

    // ---- §2.5 remove ----

    @Test
    void removingAnItemWithSubscriptionBothCancelsBothSubscriptionsAndPushesTheRemoval() throws Exception {
        save(item(ROMEO, "Romeo", SubscriptionState.BOTH, "Friends"));
        handler.handle(get(BALCONY, null), new RecordingOutbox());

        IQ result = handler.handle(set(BALCONY, "<item jid='romeo@example.net' subscription='remove'/>"), outbox);

        assertThat(result.getType()).isEqualTo(IQ.Type.result);
        assertThat(fixture.rosterStore.item("juliet", ROMEO)).isEmpty();
        // §2.5.2: "unsubscribe" and "unsubscribed" from the user's bare JID to the contact.
        assertThat(fixture.router.routed()).extracting(p -> ((Presence) p).getType(), Packet::getFrom, Packet::getTo)
                .containsExactly(
                        tuple(Presence.Type.unsubscribe, BALCONY.asBareJID(), ROMEO),
                        tuple(Presence.Type.unsubscribed, BALCONY.asBareJID(), ROMEO));
        assertThat(outbox.sent()).extracting(RosterHandlerTest::describePush).containsExactly(
                "ver=2 romeo@example.net name=null subscription=remove ask=null groups=[]");
        assertThat(outbox.sent().getFirst().getTo()).isEqualTo(BALCONY);
    }

    @Test
    void aRemovalIsAnsweredOnlyOnceTheContactHasTakenTheUnsubscribe() throws Exception {
        save(item(ROMEO, "Romeo", SubscriptionState.TO));
        CompletableFuture<Void> contactTookIt = new CompletableFuture<>();
        List<Packet> routed = new CopyOnWriteArrayList<>();
        RosterHandler waiting = new RosterHandler(fixture.rosters, fixture.tracker, fixture.queues, MAX_ITEMS, p -> {
            routed.add(p);
            return contactTookIt;
        });

        CompletableFuture<IQ> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return waiting.handle(set(BALCONY, "<item jid='romeo@example.net' subscription='remove'/>"), outbox);
            } catch (StanzaErrorException e) {
                throw new IllegalStateException(e);
            }
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> !routed.isEmpty());
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> !answer.isDone());
        contactTookIt.complete(null);
        assertThat(answer.get(5, TimeUnit.SECONDS).getType()).isEqualTo(IQ.Type.result);
        assertThat(routed).extracting(p -> ((Presence) p).getType()).containsExactly(Presence.Type.unsubscribe);
    }

    @Test
    void removingAnItemWithoutSubscriptionsSendsNoPresence() throws Exception {
        save(item(NURSE, "Nurse", SubscriptionState.NONE));

        handler.handle(set(BALCONY, "<item jid='nurse@example.com' subscription='remove'/>"), outbox);

        assertThat(fixture.rosterStore.item("juliet", NURSE)).isEmpty();
        assertThat(fixture.router.routed()).isEmpty();
    }

    @Test
    void removingAnItemThatIsNotInTheRosterIsItemNotFound() {
        save(item(ROMEO, "Romeo", SubscriptionState.BOTH));

        assertStanzaError(() -> handler.handle(set(BALCONY, "<item jid='nurse@example.com' subscription='remove'/>"),
                outbox), "item-not-found");
        assertThat(fixture.router.routed()).isEmpty();
        assertThat(fixture.rosterStore.version("juliet")).isEqualTo(1);
    }

    // ---- fixtures ----

    private static IQ get(JID from, String ver) {
        String verAttribute = ver == null ? "" : " ver='" + ver + "'";
        return iq("<iq from='" + from + "' id='bv1bs71f' type='get'><query xmlns='jabber:iq:roster'" + verAttribute
                + "/></iq>");
    }

    private static IQ set(JID from, String items) {
        return iq("<iq from='" + from + "' id='rs1' type='set'><query xmlns='jabber:iq:roster'>" + items
                + "</query></iq>");
    }

    private static RosterItem item(JID jid, String name, SubscriptionState state, String... groups) {
        return RosterItem.of(jid, name, List.of(groups)).withState(state);
    }

    private void save(RosterItem item) {
        fixture.rosters.save("juliet", item);
    }

    /** Nothing was stored, pushed or routed. */
    private void assertUnchanged() {
        assertThat(fixture.rosterStore.version("juliet")).isZero();
        assertThat(fixture.rosterStore.items("juliet")).isEmpty();
        assertThat(outbox.sent()).isEmpty();
        assertThat(fixture.router.routed()).isEmpty();
    }

    private static List<String> jids(Element query) {
        return query.elements("item").stream().map(i -> i.attributeValue("jid")).toList();
    }

    private static String describe(Element item) {
        return item.attributeValue("jid") + " name=" + item.attributeValue("name")
                + " subscription=" + item.attributeValue("subscription") + " ask=" + item.attributeValue("ask")
                + " groups=" + item.elements("group").stream().map(Element::getText).toList();
    }

    private static String describePush(Packet push) {
        Element query = ((IQ) push).getChildElement();
        assertThat(query.getNamespaceURI()).isEqualTo(Rosters.NAMESPACE);
        assertThat(query.elements("item")).hasSize(1);
        return "ver=" + query.attributeValue("ver") + " " + describe(query.element("item"));
    }
}
