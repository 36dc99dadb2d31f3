package org.parley.presence.blocking;

import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.presence.PresenceFixture;
import org.parley.xmpp.core.module.testing.RecordingModuleContext;
import org.parley.xmpp.core.module.testing.RecordingOutbox;
import org.parley.presence.roster.RosterItem;
import org.parley.presence.roster.SubscriptionState;
import org.parley.xmpp.core.module.InterceptorStage;
import org.parley.xmpp.core.module.IqKey;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.parley.xmpp.core.module.Verdict;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.parley.presence.Stanzas.assertStanzaError;
import static org.parley.presence.Stanzas.iq;

/** Blocking Command (XEP-0191): the block list (§3.1-§3.4) and what blocking does to stanzas (§3.5). */
class BlockingModuleTest {
    private static final JID JULIET = new JID("juliet@example.com");
    private static final JID BALCONY = new JID("juliet@example.com/balcony");
    private static final JID CHAMBER = new JID("juliet@example.com/chamber");
    private static final JID ROMEO = new JID("romeo@montague.net");
    private static final JID ORCHARD = new JID("romeo@montague.net/orchard");
    private static final JID IAGO = new JID("iago@shakespeare.lit");

    private PresenceFixture fixture;
    private BlockingModule module;
    private final RecordingOutbox outbox = new RecordingOutbox();

    @BeforeEach
    void setUp() {
        fixture = new PresenceFixture();
        fixture.accounts("juliet");
        module = startedModule();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private BlockingModule startedModule() {
        BlockingModule blocking = new BlockingModule(fixture.blockList, fixture.rosters, fixture.tracker, fixture.queues);
        blocking.start(new RecordingModuleContext(PresenceFixture.DOMAIN, fixture.router, bare -> List.of()));
        return blocking;
    }

    @Test
    void startRegistersTheBlockListHandlerTheFeatureAndTheInterceptorAtTheBlockingStage() {
        RecordingModuleContext context = new RecordingModuleContext(PresenceFixture.DOMAIN, fixture.router, b -> List.of());
        BlockingModule blocking = new BlockingModule(fixture.blockList, fixture.rosters, fixture.tracker, fixture.queues);

        blocking.start(context);

        assertThat(context.features()).containsExactly(BlockingModule.NAMESPACE);
        assertThat(context.handler(IqKey.account(IQ.Type.get, "blocklist", BlockingModule.NAMESPACE))).contains(blocking);
        assertThat(context.handler(IqKey.account(IQ.Type.set, "block", BlockingModule.NAMESPACE))).contains(blocking);
        assertThat(context.handler(IqKey.account(IQ.Type.set, "unblock", BlockingModule.NAMESPACE))).contains(blocking);
        assertThat(context.interceptors(InterceptorStage.BLOCKING)).containsExactly(blocking);
    }

    // ---- §3.1-§3.4 the block list ----

    @Test
    void blockingPushesTheBlockToInterestedResourcesAndSendsUnavailablePresenceToABlockedSubscriber() throws Exception {
        fixture.rosters.save("juliet", RosterItem.of(ROMEO, "Romeo", List.of()).withState(SubscriptionState.FROM));
        fixture.tracker.available(BALCONY, new Presence());
        fixture.tracker.available(CHAMBER, new Presence());
        requestBlockList(BALCONY);
        requestBlockList(CHAMBER);

        IQ result = module.handle(block(BALCONY, ROMEO, IAGO), outbox);

        assertThat(result.getType()).isEqualTo(IQ.Type.result);
        assertThat(fixture.blockList.blocked("juliet")).containsExactlyInAnyOrder(ROMEO, IAGO);
        // §3.3: a push to every resource that asked for the list, with the items blocked.
        List<IQ> pushes = outbox.sent().stream().filter(p -> p instanceof IQ).map(p -> (IQ) p).toList();
        assertThat(pushes).extracting(Packet::getTo).containsExactlyInAnyOrder(BALCONY, CHAMBER);
        assertThat(pushes).allSatisfy(push -> {
            assertThat(push.getType()).isEqualTo(IQ.Type.set);
            assertThat(push.getFrom()).isEqualTo(JULIET);
            assertThat(push.getChildElement().getQName()).isEqualTo(QName.get("block", BlockingModule.NAMESPACE));
            assertThat(itemJids(push.getChildElement())).containsExactly("romeo@montague.net", "iago@shakespeare.lit");
        });
        // §3.3: the blocked subscriber gets unavailable presence from each available resource; Iago is no subscriber.
        assertThat(outbox.sent()).filteredOn(p -> p instanceof Presence)
                .extracting(p -> ((Presence) p).getType(), Packet::getFrom, Packet::getTo)
                .containsExactlyInAnyOrder(tuple(Presence.Type.unavailable, BALCONY, ROMEO),
                        tuple(Presence.Type.unavailable, CHAMBER, ROMEO));
    }

    @Test
    void theBlockListLists() throws Exception {
        module.handle(block(BALCONY, ROMEO, IAGO), outbox);

        IQ result = requestBlockList(CHAMBER);

        assertThat(result.getChildElement().getQName()).isEqualTo(QName.get("blocklist", BlockingModule.NAMESPACE));
        assertThat(itemJids(result.getChildElement()))
                .containsExactlyInAnyOrder("romeo@montague.net", "iago@shakespeare.lit");
    }

    @Test
    void unblockingSomeKeepsTheOthers() throws Exception {
        module.handle(block(BALCONY, ROMEO, IAGO), outbox);

        module.handle(unblock(BALCONY, IAGO), outbox);

        assertThat(fixture.blockList.blocked("juliet")).containsExactly(ROMEO);
        assertThat(module.inbound(message(new JID("iago@shakespeare.lit/villainy"), BALCONY)).toCompletableFuture().join())
                .isInstanceOf(Verdict.Continue.class);
    }

    @Test
    void unblockingAllEmptiesTheListPushesAnEmptyUnblockAndSendsPresenceToSubscribersAgain() throws Exception {
        fixture.rosters.save("juliet", RosterItem.of(ROMEO, "Romeo", List.of()).withState(SubscriptionState.BOTH));
        Presence onBalcony = new Presence();
        onBalcony.setStatus("On the balcony");
        fixture.tracker.available(BALCONY, onBalcony);
        module.handle(block(BALCONY, ROMEO, IAGO), new RecordingOutbox());
        requestBlockList(CHAMBER);

        module.handle(unblock(BALCONY), outbox);

        assertThat(fixture.blockList.blocked("juliet")).isEmpty();
        assertThat(itemJids(requestBlockList(CHAMBER).getChildElement())).isEmpty();
        // §3.4: "unblock all" is pushed as an <unblock/> without items.
        assertThat(outbox.sent()).filteredOn(p -> p instanceof IQ).singleElement().satisfies(push -> {
            assertThat(push.getTo()).isEqualTo(CHAMBER);
            Element unblock = ((IQ) push).getChildElement();
            assertThat(unblock.getQName()).isEqualTo(QName.get("unblock", BlockingModule.NAMESPACE));
            assertThat(unblock.elements()).isEmpty();
        });
        assertThat(outbox.sent()).filteredOn(p -> p instanceof Presence)
                .extracting(p -> ((Presence) p).getType(), Packet::getFrom, Packet::getTo, p -> ((Presence) p).getStatus())
                .containsExactly(tuple(null, BALCONY, ROMEO, "On the balcony"));
        assertThat(module.inbound(message(ORCHARD, BALCONY)).toCompletableFuture().join())
                .isInstanceOf(Verdict.Continue.class);
    }

    @Test
    void aBlockWithoutItemsIsABadRequest() {
        assertStanzaError(() -> module.handle(block(BALCONY), outbox), "bad-request");
        assertThat(outbox.sent()).isEmpty();
    }

    @Test
    void aBlockOfAnInvalidJidIsJidMalformed() {
        IQ request = iq("""
                <iq from='juliet@example.com/balcony' type='set' id='block1'>
                  <block xmlns='urn:xmpp:blocking'>
                    <item jid='romeo@montague.net'/>
                    <item jid='romeo@monta gue.net'/>
                  </block>
                </iq>""");

        assertStanzaError(() -> module.handle(request, outbox), "jid-malformed");
        assertThat(fixture.blockList.blocked("juliet")).isEmpty();
    }

    @Test
    void aRequestAboutAnotherUsersBlockListIsForbidden() {
        IQ request = iq("""
                <iq from='juliet@example.com/balcony' to='nurse@example.com' type='set' id='block1'>
                  <block xmlns='urn:xmpp:blocking'><item jid='romeo@montague.net'/></block>
                </iq>""");

        assertStanzaError(() -> module.handle(request, outbox), "forbidden");
        assertThat(fixture.blockList.blocked("nurse")).isEmpty();
    }

    // ---- §3.5 enforcement ----

    @Test
    void aMessageFromABlockedEntityIsRefusedWithServiceUnavailable() throws Exception {
        module.handle(block(BALCONY, ROMEO), outbox);

        Verdict verdict = inbound(message(ORCHARD, BALCONY));

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Reject.class, reject -> {
            assertThat(reject.error().condition()).isEqualTo(PacketError.Condition.service_unavailable);
            // The blocked entity must not learn that it is blocked: no <blocked/> condition.
            assertThat(reject.error().toPacketError().getApplicationConditionName()).isNull();
        });
    }

    @Test
    void anIqRequestFromABlockedEntityIsRefusedWithServiceUnavailable() throws Exception {
        module.handle(block(BALCONY, ROMEO), outbox);
        IQ request = iq("<iq from='romeo@montague.net/orchard' to='juliet@example.com/balcony' type='get' id='v1'>"
                + "<query xmlns='jabber:iq:version'/></iq>");

        assertThat(inbound(request)).isInstanceOfSatisfying(Verdict.Reject.class,
                reject -> assertThat(reject.error().condition()).isEqualTo(PacketError.Condition.service_unavailable));
    }

    @Test
    void presenceFromABlockedEntityIsDropped() throws Exception {
        module.handle(block(BALCONY, ROMEO), outbox);
        Presence presence = new Presence();
        presence.setFrom(ORCHARD);
        presence.setTo(JULIET);

        assertThat(inbound(presence)).isInstanceOf(Verdict.Handled.class);
    }

    @Test
    void stanzasFromEntitiesNotBlockedPass() throws Exception {
        module.handle(block(BALCONY, ROMEO), outbox);

        assertThat(inbound(message(new JID("benvolio@montague.net/street"), BALCONY))).isInstanceOf(Verdict.Continue.class);
    }

    @Test
    void errorStanzasAreNeverBlocked() throws Exception {
        module.handle(block(BALCONY, ROMEO), outbox);
        Message error = message(ORCHARD, BALCONY);
        error.setType(Message.Type.error);

        assertThat(inbound(error)).isInstanceOf(Verdict.Continue.class);
    }

    @Test
    void aMessageToABlockedEntityIsRefusedWithNotAcceptableAndBlocked() throws Exception {
        module.handle(block(BALCONY, ROMEO), outbox);

        Verdict verdict = module.outbound(message(BALCONY, ORCHARD)).toCompletableFuture().join();

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Reject.class, reject -> {
            StanzaErrorException error = reject.error();
            assertThat(error.condition()).isEqualTo(PacketError.Condition.not_acceptable);
            Element serialised = error.toPacketError().getElement();
            assertThat(serialised.element(QName.get("not-acceptable", "urn:ietf:params:xml:ns:xmpp-stanzas"))).isNotNull();
            assertThat(serialised.element(QName.get("blocked", BlockingModule.ERRORS))).isNotNull();
        });
    }

    @Test
    void presenceToABlockedEntityIsDropped() throws Exception {
        module.handle(block(BALCONY, ROMEO), outbox);
        Presence directed = new Presence();
        directed.setFrom(BALCONY);
        directed.setTo(ORCHARD);

        assertThat(module.outbound(directed).toCompletableFuture().join()).isInstanceOf(Verdict.Handled.class);
    }

    @Test
    void theUsersOwnStanzasAreNeverBlocked() throws Exception {
        // Blocking one's own domain blocks everyone there except oneself.
        module.handle(block(BALCONY, new JID("example.com")), outbox);

        assertThat(inbound(message(CHAMBER, BALCONY))).isInstanceOf(Verdict.Continue.class);
        assertThat(module.outbound(message(BALCONY, CHAMBER)).toCompletableFuture().join())
                .isInstanceOf(Verdict.Continue.class);
        assertThat(module.outbound(message(BALCONY, JULIET)).toCompletableFuture().join())
                .isInstanceOf(Verdict.Continue.class);
        assertThat(inbound(message(new JID("nurse@example.com/kitchen"), BALCONY))).isInstanceOf(Verdict.Reject.class);
    }

    @Test
    void theBlockListIsReadFromTheStoreWhenNotYetCached() {
        fixture.blockList.block("juliet", List.of(ROMEO));
        BlockingModule fresh = startedModule();

        Verdict inbound = fresh.inbound(message(ORCHARD, BALCONY)).toCompletableFuture().join();
        Verdict outbound = fresh.outbound(message(BALCONY, ORCHARD)).toCompletableFuture().join();

        assertThat(inbound).isInstanceOf(Verdict.Reject.class);
        assertThat(outbound).isInstanceOf(Verdict.Reject.class);
    }

    // ---- fixtures ----

    private Verdict inbound(Packet stanza) {
        return module.inbound(stanza).toCompletableFuture().join();
    }

    private static IQ blockListRequest(JID from) {
        return iq("<iq from='" + from + "' type='get' id='blocklist1'><blocklist xmlns='urn:xmpp:blocking'/></iq>");
    }

    /** Asks for the block list from {@code resource}, which makes it interested in pushes (§3.2). */
    private IQ requestBlockList(JID resource) throws StanzaErrorException {
        return module.handle(blockListRequest(resource), new RecordingOutbox());
    }

    private static IQ block(JID from, JID... jids) {
        return iq("<iq from='" + from + "' type='set' id='block1'><block xmlns='urn:xmpp:blocking'>" + items(jids)
                + "</block></iq>");
    }

    private static IQ unblock(JID from, JID... jids) {
        return iq("<iq from='" + from + "' type='set' id='unblock1'><unblock xmlns='urn:xmpp:blocking'>" + items(jids)
                + "</unblock></iq>");
    }

    private static String items(JID... jids) {
        StringBuilder items = new StringBuilder();
        for (JID jid : jids) items.append("<item jid='").append(jid).append("'/>");
        return items.toString();
    }

    private static Message message(JID from, JID to) {
        Message message = new Message();
        message.setType(Message.Type.chat);
        message.setFrom(from);
        message.setTo(to);
        message.setBody("Wherefore art thou?");
        return message;
    }

    private static List<String> itemJids(Element element) {
        return element.elements("item").stream().map(i -> i.attributeValue("jid")).toList();
    }
}
