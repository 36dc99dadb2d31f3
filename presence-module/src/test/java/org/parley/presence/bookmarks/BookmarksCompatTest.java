package org.parley.presence.bookmarks;

import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.presence.ConvertingModules;
import org.parley.presence.PresenceFixture;
import org.parley.presence.pep.PubSub;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** XEP-0402 §5.3: PEP Native Bookmarks and XEP-0048 bookmarks in private XML (XEP-0049) kept in step. */
class BookmarksCompatTest {
    private static final String PUBLISH_OPTIONS = """
            <publish-options>
              <x xmlns='jabber:x:data' type='submit'>
                <field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/pubsub#publish-options</value></field>
                <field var='pubsub#persist_items'><value>true</value></field>
                <field var='pubsub#max_items'><value>max</value></field>
                <field var='pubsub#send_last_published_item'><value>never</value></field>
                <field var='pubsub#access_model'><value>whitelist</value></field>
              </x>
            </publish-options>""";

    private PresenceFixture fixture;
    private ConvertingModules modules;

    @BeforeEach
    void setUp() {
        fixture = new PresenceFixture();
        fixture.accounts("juliet");
        modules = new ConvertingModules(fixture);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void theAccountAdvertisesCompat() throws Exception {
        Element info = modules.query("""
                <iq from='juliet@example.com/balcony' to='juliet@example.com' type='get' id='d1'>
                  <query xmlns='http://jabber.org/protocol/disco#info'/>
                </iq>""");

        assertThat(info.elements("feature")).extracting(f -> f.attributeValue("var")).contains(BookmarksCompat.FEATURE);
    }

    @Test
    void aPepBookmarkAppearsInTheXep0048List() throws Exception {
        publish("theplay@conference.example.com", """
                <conference xmlns='urn:xmpp:bookmarks:1' name='The Play&apos;s the Thing' autojoin='true'>
                  <nick>JC</nick>
                  <extensions><state xmlns='http://myclient.example/bookmark/state' minimized='true'/></extensions>
                </conference>""");
        publish("orchard@conference.example.com", "<conference xmlns='urn:xmpp:bookmarks:1' name='Orchard'/>");

        List<Element> conferences = legacyList().elements("conference");
        assertThat(conferences).extracting(c -> c.attributeValue("jid"))
                .containsExactly("theplay@conference.example.com", "orchard@conference.example.com");
        Element play = conferences.getFirst();
        assertThat(play.attributeValue("name")).isEqualTo("The Play's the Thing");
        assertThat(play.attributeValue("autojoin")).isEqualTo("true");
        assertThat(play.elementText("nick")).isEqualTo("JC");
        assertThat(play.element("extensions")).as("XEP-0048 has no extensions").isNull();
        assertThat(conferences.get(1).attributeValue("autojoin")).isNull();
    }

    @Test
    void aRetractedPepBookmarkLeavesTheXep0048ListButItsUrlsStay() throws Exception {
        storeLegacy("<url name='Verona' url='https://verona.example/'/>");
        publish("theplay@conference.example.com", "<conference xmlns='urn:xmpp:bookmarks:1' name='Play'/>");

        modules.result("""
                <iq from='juliet@example.com/balcony' type='set' id='r1'>
                  <pubsub xmlns='http://jabber.org/protocol/pubsub'>
                    <retract node='urn:xmpp:bookmarks:1'><item id='theplay@conference.example.com'/></retract>
                  </pubsub>
                </iq>""");

        Element storage = legacyList();
        assertThat(storage.elements("conference")).isEmpty();
        assertThat(storage.elements("url")).extracting(u -> u.attributeValue("url"))
                .containsExactly("https://verona.example/");
    }

    @Test
    void aXep0048ListIsPublishedAsPepBookmarks() throws Exception {
        storeLegacy("""
                <conference name='Council of Oberon' autojoin='1' jid='council@conference.example.com'>
                  <nick>Puck</nick><password>titania</password>
                </conference>
                <conference jid='not a jid@@'/>""");

        List<Element> items = pepItems();
        assertThat(items).hasSize(1);
        assertThat(items.getFirst().attributeValue("id")).isEqualTo("council@conference.example.com");
        Element conference = items.getFirst().element("conference");
        assertThat(conference.getNamespaceURI()).isEqualTo(Bookmark.NODE);
        assertThat(conference.attributeValue("name")).isEqualTo("Council of Oberon");
        assertThat(conference.attributeValue("autojoin")).isEqualTo("true");
        assertThat(conference.elementText("nick")).isEqualTo("Puck");
        assertThat(conference.elementText("password")).isEqualTo("titania");
        Element config = modules.query("""
                <iq from='juliet@example.com/balcony' type='get' id='c1'>
                  <pubsub xmlns='http://jabber.org/protocol/pubsub#owner'><configure node='urn:xmpp:bookmarks:1'/></pubsub>
                </iq>""");
        assertThat(config.asXML()).as("XEP-0402 §3: a private node").contains("whitelist");
    }

    @Test
    void aReplacedXep0048ListUpdatesOnlyWhatChangedAndKeepsExtensions() throws Exception {
        publish("theplay@conference.example.com", """
                <conference xmlns='urn:xmpp:bookmarks:1' name='Play'>
                  <nick>JC</nick><extensions><pinned xmlns='urn:example:pinned'/></extensions>
                </conference>""");
        publish("orchard@conference.example.com", "<conference xmlns='urn:xmpp:bookmarks:1' name='Orchard'/>");
        publish("tomb@conference.example.com", "<conference xmlns='urn:xmpp:bookmarks:1' name='Tomb'/>");
        Element before = legacyList();
        String orchardBefore = pepItem("orchard@conference.example.com").asXML();
        fixture.router.clear();

        // An old client renames the play, drops the tomb, keeps the orchard.
        Element play = before.elements("conference").getFirst();
        play.addAttribute("name", "The Play");
        storeLegacy(play.asXML() + before.elements("conference").get(1).asXML());

        assertThat(pepItems()).extracting(i -> i.attributeValue("id"))
                .containsExactlyInAnyOrder("theplay@conference.example.com", "orchard@conference.example.com");
        Element renamed = pepItem("theplay@conference.example.com");
        assertThat(renamed.element("conference").attributeValue("name")).isEqualTo("The Play");
        assertThat(renamed.element("conference").element("extensions").element("pinned"))
                .as("extensions survive an edit by a XEP-0048 client").isNotNull();
        assertThat(pepItem("orchard@conference.example.com").asXML()).isEqualTo(orchardBefore);
    }

    private void publish(String room, String conference) throws Exception {
        modules.result("<iq from='juliet@example.com/balcony' type='set' id='p1'><pubsub xmlns='" + PubSub.NAMESPACE
                + "'><publish node='urn:xmpp:bookmarks:1'><item id='" + room + "'>" + conference + "</item></publish>"
                + PUBLISH_OPTIONS + "</pubsub></iq>");
    }

    private void storeLegacy(String children) throws Exception {
        modules.result("<iq from='juliet@example.com/balcony' type='set' id='s1'><query xmlns='jabber:iq:private'>"
                + "<storage xmlns='storage:bookmarks'>" + children + "</storage></query></iq>");
    }

    private Element legacyList() throws Exception {
        return modules.query("""
                <iq from='juliet@example.com/chamber' type='get' id='g1'>
                  <query xmlns='jabber:iq:private'><storage xmlns='storage:bookmarks'/></query>
                </iq>""").element("storage");
    }

    private List<Element> pepItems() throws Exception {
        return modules.query("<iq from='juliet@example.com/chamber' type='get' id='i1'><pubsub xmlns='"
                + PubSub.NAMESPACE + "'><items node='urn:xmpp:bookmarks:1'/></pubsub></iq>")
                .element("items").elements("item");
    }

    private Element pepItem(String id) throws Exception {
        return pepItems().stream().filter(i -> id.equals(i.attributeValue("id"))).findFirst().orElseThrow();
    }
}
