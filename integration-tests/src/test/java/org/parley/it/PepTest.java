package org.parley.it;

import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smackx.bookmarks.BookmarkManager;
import org.jivesoftware.smackx.bookmarks.Bookmarks;
import org.jivesoftware.smackx.iqprivate.PrivateDataManager;
import org.jivesoftware.smackx.omemo.element.OmemoDeviceListElement;
import org.jivesoftware.smackx.omemo.element.OmemoDeviceListElement_VAxolotl;
import org.jivesoftware.smackx.omemo.provider.OmemoDeviceListVAxolotlProvider;
import org.jivesoftware.smackx.omemo.util.OmemoConstants;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.jxmpp.jid.parts.Resourcepart;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
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
import java.util.Set;
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
 * (§4.3.2), Juliet may retrieve Romeo's items and Tybalt may not (XEP-0060 §6.5.3). Avatars are converted between
 * PEP and vCard (XEP-0398) and bookmarks between PEP and private XML (XEP-0402 §5.3).
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
        // Smack's own OMEMO device list element and provider (a custom provider here would replace Smack's for
        // the whole JVM and break its OMEMO tests).
        ProviderManager.addExtensionProvider(OmemoDeviceListElement.LIST, OmemoConstants.OMEMO_NAMESPACE_V_AXOLOTL,
                new OmemoDeviceListVAxolotlProvider());
        for (XMPPTCPConnection c : List.of(juliet, julietChamber, romeo)) {
            String who = c.getUser().toString();
            PepManager.getInstanceFor(c).addPepEventListener(DEVICES, OmemoDeviceListElement_VAxolotl.class,
                    (EntityBareJid from, OmemoDeviceListElement_VAxolotl list, String id,
                     org.jivesoftware.smack.packet.Message m) -> {
                        if (from.equals(romeoJid) && list.getDeviceIds().contains(4223)) received.add(who);
                    });
        }

        PepManager.getInstanceFor(romeo).publish(DEVICES,
                new PayloadItem<>("current", new OmemoDeviceListElement_VAxolotl(Set.of(4223))));

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

    @Test
    @Order(7)
    void theAccountAnnouncesAvatarConversionAndBookmarkCompat() throws Exception {
        DiscoverInfo own = ServiceDiscoveryManager.getInstanceFor(romeo).discoverInfo(romeoJid);

        assertThat(own.containsFeature("urn:xmpp:pep-vcard-conversion:0")).isTrue();
        assertThat(own.containsFeature("urn:xmpp:bookmarks:1#compat")).isTrue();
    }

    @Test
    @Order(8)
    void anAvatarPublishedOverPepReachesTheContactAndIsInTheVCardAndPresence() throws Exception {
        byte[] image = "a tiny picture of Romeo".getBytes(StandardCharsets.UTF_8);
        String id = sha1(image);
        BlockingQueue<String> notified = new LinkedBlockingQueue<>();
        ProviderManager.addExtensionProvider("metadata", AvatarMetadata.NAMESPACE, new AvatarMetadata.Provider());
        for (XMPPTCPConnection c : List.of(juliet, julietChamber)) {
            String who = c.getUser().toString();
            PepManager.getInstanceFor(c).addPepEventListener(AvatarMetadata.NAMESPACE, AvatarMetadata.class,
                    (EntityBareJid from, AvatarMetadata m, String itemId, org.jivesoftware.smack.packet.Message msg) -> {
                        if (from.equals(romeoJid) && id.equals(m.id())) notified.add(who);
                    });
        }
        BlockingQueue<Presence> presences = new LinkedBlockingQueue<>();
        juliet.addAsyncStanzaListener(p -> presences.add((Presence) p),
                p -> p instanceof Presence && romeoJid.equals(p.getFrom().asBareJid()));

        PepManager romeoPep = PepManager.getInstanceFor(romeo);
        romeoPep.publish("urn:xmpp:avatar:data", new PayloadItem<>(id, new AvatarData(image)));
        romeoPep.publish(AvatarMetadata.NAMESPACE, new PayloadItem<>(id, new AvatarMetadata(id, image.length)));

        // XEP-0084 §4.2 through XEP-0163 +notify: both of Juliet's resources hear of the new avatar.
        await().atMost(WAIT).untilAsserted(() -> assertThat(notified)
                .contains("juliet@localhost/balcony", "juliet@localhost/chamber"));
        // XEP-0398 §3.1: a vCard-only client (or a MUC) sees the same avatar in Romeo's vCard.
        VCard card = VCardManager.getInstanceFor(juliet).loadVCard(romeoJid.asEntityBareJidIfPossible());
        assertThat(card.getAvatar()).isEqualTo(image);
        assertThat(card.getAvatarHash()).isEqualTo(id);
        // XEP-0398 §4: the server adds the hash to Romeo's next presence.
        romeo.sendStanza(romeo.getStanzaFactory().buildPresenceStanza().setStatus("new avatar").build());
        await().atMost(WAIT).untilAsserted(() -> assertThat(presences).anySatisfy(p -> {
            assertThat(p.getStatus()).isEqualTo("new avatar");
            StandardExtensionElement x = (StandardExtensionElement) p.getExtensionElement("x", "vcard-temp:x:update");
            assertThat(x.getFirstElement("photo").getText()).isEqualTo(id);
        }));
    }

    @Test
    @Order(9)
    void aVCardAvatarFromALegacyClientReachesPepClients() throws Exception {
        byte[] image = "Juliet, drawn by the nurse".getBytes(StandardCharsets.UTF_8);
        String id = sha1(image);
        BlockingQueue<String> notified = new LinkedBlockingQueue<>();
        PepManager.getInstanceFor(romeo).addPepEventListener(AvatarMetadata.NAMESPACE, AvatarMetadata.class,
                (EntityBareJid from, AvatarMetadata m, String itemId, org.jivesoftware.smack.packet.Message msg) -> {
                    if (from.equals(julietJid)) notified.add(m.id());
                });
        VCard card = new VCard();
        card.setFirstName("Juliet");
        card.setAvatar(image, "image/png");

        VCardManager.getInstanceFor(juliet).saveVCard(card);

        // XEP-0398 §3.2: published as data + metadata with the SHA-1 as id; Romeo's client is told.
        await().atMost(WAIT).untilAsserted(() -> assertThat(notified).contains(id));
    }

    @Test
    @Order(10)
    void bookmarksOfALegacyClientAndOfAPepClientAreOneList() throws Exception {
        BookmarkManager.getBookmarkManager(romeo).addBookmarkedConference("Verona",
                JidCreate.entityBareFrom("verona@conference.localhost"), true, Resourcepart.from("Romeo"), null);

        // XEP-0402 §5.3.2: the XEP-0048 list became PEP bookmarks.
        LeafNode node = PubSubManager.getInstanceFor(romeo, romeoJid).getLeafNode("urn:xmpp:bookmarks:1");
        List<Item> items = node.getItems();
        assertThat(items).extracting(Item::getId).containsExactly("verona@conference.localhost");
        assertThat(items.getFirst().toXML().toString()).contains("autojoin='true'", ">Romeo</nick>");

        PepManager.getInstanceFor(romeo).publish("urn:xmpp:bookmarks:1",
                new PayloadItem<>("mantua@conference.localhost", new Conference("Mantua")));

        // XEP-0402 §5.3.1: the PEP bookmark is in the XEP-0048 list a legacy client reads.
        Bookmarks legacy = (Bookmarks) PrivateDataManager.getInstanceFor(romeo).getPrivateData("storage", "storage:bookmarks");
        assertThat(legacy.getBookmarkedConferences()).extracting(c -> c.getJid().toString())
                .containsExactly("verona@conference.localhost", "mantua@conference.localhost");
    }

    private static String sha1(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
    }

    /** XEP-0084 §4.1 avatar data. */
    record AvatarData(byte[] image) implements ExtensionElement {
        @Override
        public String getElementName() {
            return "data";
        }

        @Override
        public String getNamespace() {
            return "urn:xmpp:avatar:data";
        }

        @Override
        public CharSequence toXML(XmlEnvironment environment) {
            return "<data xmlns='urn:xmpp:avatar:data'>" + Base64.getEncoder().encodeToString(image) + "</data>";
        }
    }

    /** XEP-0084 §4.2 avatar metadata with one PNG {@code <info/>}. */
    record AvatarMetadata(String id, int bytes) implements ExtensionElement {
        static final String NAMESPACE = "urn:xmpp:avatar:metadata";

        @Override
        public String getElementName() {
            return "metadata";
        }

        @Override
        public String getNamespace() {
            return NAMESPACE;
        }

        @Override
        public CharSequence toXML(XmlEnvironment environment) {
            return "<metadata xmlns='" + NAMESPACE + "'><info id='" + id + "' bytes='" + bytes + "' type='image/png'/>"
                    + "</metadata>";
        }

        static final class Provider extends ExtensionElementProvider<AvatarMetadata> {
            @Override
            public AvatarMetadata parse(XmlPullParser parser, int depth, XmlEnvironment environment) throws java.io.IOException,
                    org.jivesoftware.smack.xml.XmlPullParserException {
                String id = null;
                int bytes = 0;
                while (true) {
                    XmlPullParser.Event event = parser.next();
                    if (event == XmlPullParser.Event.START_ELEMENT && parser.getName().equals("info")) {
                        id = parser.getAttributeValue("id");
                        bytes = Integer.parseInt(parser.getAttributeValue("bytes"));
                    } else if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == depth) {
                        return new AvatarMetadata(id, bytes);
                    }
                }
            }
        }
    }

    /** A XEP-0402 §3 bookmark payload. */
    record Conference(String name) implements ExtensionElement {
        @Override
        public String getElementName() {
            return "conference";
        }

        @Override
        public String getNamespace() {
            return "urn:xmpp:bookmarks:1";
        }

        @Override
        public CharSequence toXML(XmlEnvironment environment) {
            return "<conference xmlns='urn:xmpp:bookmarks:1' name='" + name + "'/>";
        }
    }
}
