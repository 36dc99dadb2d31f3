package org.parley.it;

import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.SubscribeListener;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.mood.Mood;
import org.jivesoftware.smackx.mood.MoodManager;
import org.jivesoftware.smackx.mood.element.MoodElement;
import org.jivesoftware.smackx.pep.PepEventListener;
import org.jivesoftware.smackx.pep.PepManager;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.usertune.UserTuneManager;
import org.jivesoftware.smackx.usertune.element.UserTuneElement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Personal Eventing Protocol (XEP-0163) with real Smack clients: Romeo and Juliet are mutual contacts, Tybalt is
 * a stranger. What Romeo publishes (user tune XEP-0118, mood XEP-0107, an OMEMO-like device list XEP-0384) reaches
 * Juliet's resources that asked for it in their caps (§4.2), the last item reaches a resource that asks later
 * (§4.3.2), Juliet may retrieve Romeo's items and Tybalt may not (XEP-0060 §6.5.3).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PepTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String DEVICES = "eu.siacs.conversations.axolotl.devicelist";

    TestServer server;
    XMPPTCPConnection romeo;
    XMPPTCPConnection juliet;
    XMPPTCPConnection julietChamber;
    XMPPTCPConnection tybalt;
    BareJid romeoJid;
    BareJid julietJid;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        server = TestServer.h2(dataDir);
        server.server().accounts().create("romeo", "romeo-pass");
        server.server().accounts().create("juliet", "juliet-pass");
        server.server().accounts().create("tybalt", "tybalt-pass");
        romeoJid = JidCreate.bareFrom("romeo@localhost");
        julietJid = JidCreate.bareFrom("juliet@localhost");
        romeo = login("romeo", "romeo-pass", "orchard");
        juliet = login("juliet", "juliet-pass", "balcony");
        tybalt = login("tybalt", "tybalt-pass", "street");
        makeMutualContacts();
        julietChamber = login("juliet", "juliet-pass", "chamber");
    }

    private XMPPTCPConnection login(String user, String password, String resource) throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(server.clientConfig(user, password).setResource(resource).build());
        Roster.getInstanceFor(c).setSubscriptionMode(Roster.SubscriptionMode.manual);
        c.connect().login();
        return c;
    }

    private void makeMutualContacts() throws Exception {
        Roster romeoRoster = Roster.getInstanceFor(romeo);
        Roster julietRoster = Roster.getInstanceFor(juliet);
        julietRoster.addSubscribeListener((from, request) -> SubscribeListener.SubscribeAnswer.ApproveAndAlsoRequestIfRequired);
        romeoRoster.addSubscribeListener((from, request) -> SubscribeListener.SubscribeAnswer.Approve);
        romeoRoster.createItemAndRequestSubscription(julietJid, "Juliet", null);
        await().atMost(WAIT).untilAsserted(() -> {
            RosterEntry entry = romeoRoster.getEntry(julietJid);
            assertThat(entry).isNotNull();
            assertThat(entry.getType()).isEqualTo(RosterPacket.ItemType.both);
        });
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(julietRoster.getEntry(romeoJid).getType()).isEqualTo(RosterPacket.ItemType.both));
    }

    @AfterAll
    void stop() {
        for (XMPPTCPConnection c : new XMPPTCPConnection[]{romeo, juliet, julietChamber, tybalt}) {
            if (c != null) c.disconnect();
        }
        if (server != null) server.close();
    }

    @Test
    @Order(1)
    void theAccountAnnouncesItsPepServiceToItselfAndContacts() throws Exception {
        assertThat(PepManager.getInstanceFor(romeo).isSupported()).isTrue();
        DiscoverInfo seenByJuliet = ServiceDiscoveryManager.getInstanceFor(juliet).discoverInfo(romeoJid);
        assertThat(seenByJuliet.hasIdentity("pubsub", "pep")).isTrue();
        assertThat(seenByJuliet.containsFeature("http://jabber.org/protocol/pubsub#publish-options")).isTrue();
        DiscoverInfo seenByTybalt = ServiceDiscoveryManager.getInstanceFor(tybalt).discoverInfo(romeoJid);
        assertThat(seenByTybalt.hasIdentity("account", "registered")).isTrue();
        assertThat(seenByTybalt.hasIdentity("pubsub", "pep")).isFalse();
    }

    @Test
    @Order(2)
    void aPublishedTuneReachesTheContactThatAskedForIt() throws Exception {
        BlockingQueue<UserTuneElement> received = new LinkedBlockingQueue<>();
        PepEventListener<UserTuneElement> listener = (from, tune, id, message) -> {
            if (from.equals(romeoJid)) received.add(tune);
        };
        UserTuneManager.getInstanceFor(juliet).addUserTuneListener(listener); // adds tune+notify to Juliet's caps
        UserTuneManager romeoTunes = UserTuneManager.getInstanceFor(romeo);
        UserTuneElement first = UserTuneElement.getBuilder().setArtist("Yes").setTitle("Heart of the Sunrise").build();
        UserTuneElement second = UserTuneElement.getBuilder().setArtist("Yes").setTitle("Roundabout").build();

        romeoTunes.publishUserTune(first);
        // Live, or as the last item once the server has learnt Juliet's new caps (XEP-0163 §4.3.2).
        assertThat(received.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(first);
        received.clear();
        romeoTunes.publishUserTune(second);

        UserTuneElement next = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        while (next != null && next.equals(first)) next = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(next).isEqualTo(second);
    }

    @Test
    @Order(3)
    void aResourceThatAsksLaterGetsTheLastPublishedMood() throws Exception {
        MoodManager.getInstanceFor(romeo).setMood(Mood.in_love);
        BlockingQueue<MoodElement> received = new LinkedBlockingQueue<>();

        MoodManager.getInstanceFor(julietChamber).addMoodListener((from, mood, id, message) -> {
            if (from.equals(romeoJid)) received.add(mood);
        });

        // XEP-0163 §4.3.2: new +notify in caps brings the last published item.
        MoodElement mood = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(mood).isNotNull();
        assertThat(mood.getMood()).isEqualTo(Mood.in_love);
    }

    @Test
    @Order(4)
    void aDeviceListReachesEveryInterestedResourceOfTheContactAndTheOwner() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        ProviderManager.addExtensionProvider(DeviceList.ELEMENT, DeviceList.NAMESPACE, new DeviceList.Provider());
        for (XMPPTCPConnection c : List.of(juliet, julietChamber, romeo)) {
            String who = c.getUser().toString();
            PepManager.getInstanceFor(c).addPepEventListener(DEVICES, DeviceList.class,
                    (EntityBareJid from, DeviceList list, String id, org.jivesoftware.smack.packet.Message m) -> {
                        if (from.equals(romeoJid) && list.deviceId().equals("4223")) received.add(who);
                    });
        }

        PepManager.getInstanceFor(romeo).publish(DEVICES, new PayloadItem<>("current", new DeviceList("4223")));

        await().atMost(WAIT).untilAsserted(() -> assertThat(received).contains(
                "juliet@localhost/balcony", "juliet@localhost/chamber", "romeo@localhost/orchard"));
    }

    @Test
    @Order(5)
    void aContactRetrievesTheItemsOfAPresenceNode() throws Exception {
        List<Item> items = PubSubManager.getInstanceFor(juliet, romeoJid).getLeafNode(UserTuneManager.USERTUNE_NODE).getItems();

        assertThat(items).hasSize(1);
        assertThat(items.getFirst().toXML().toString()).contains("Roundabout");
    }

    @Test
    @Order(6)
    void aStrangerIsRefusedWithPresenceSubscriptionRequired() {
        XMPPException.XMPPErrorException refused = catchThrowableOfType(XMPPException.XMPPErrorException.class,
                () -> PubSubManager.getInstanceFor(tybalt, romeoJid).getLeafNode(UserTuneManager.USERTUNE_NODE).getItems());

        assertThat(refused).isNotNull();
        StanzaError error = refused.getStanzaError();
        // XEP-0060 §6.5.3: <not-authorized/> with <presence-subscription-required/>.
        assertThat(error.getCondition()).isEqualTo(StanzaError.Condition.not_authorized);
        assertThat((Object) error.getExtension("presence-subscription-required", "http://jabber.org/protocol/pubsub#errors"))
                .isNotNull();
    }

    /** A one-device OMEMO (legacy, XEP-0384 v0.3) device list: {@code <list><device id/></list>}. */
    record DeviceList(String deviceId) implements ExtensionElement {
        static final String ELEMENT = "list";
        static final String NAMESPACE = "eu.siacs.conversations.axolotl";

        @Override
        public String getElementName() {
            return ELEMENT;
        }

        @Override
        public String getNamespace() {
            return NAMESPACE;
        }

        @Override
        public CharSequence toXML(XmlEnvironment environment) {
            return "<list xmlns='" + NAMESPACE + "'><device id='" + deviceId + "'/></list>";
        }

        static final class Provider extends ExtensionElementProvider<DeviceList> {
            @Override
            public DeviceList parse(XmlPullParser parser, int depth, XmlEnvironment environment) throws java.io.IOException,
                    org.jivesoftware.smack.xml.XmlPullParserException {
                String id = null;
                while (true) {
                    XmlPullParser.Event event = parser.next();
                    if (event == XmlPullParser.Event.START_ELEMENT && parser.getName().equals("device")) {
                        id = parser.getAttributeValue("id");
                    } else if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == depth) {
                        return new DeviceList(id);
                    }
                }
            }
        }
    }
}
