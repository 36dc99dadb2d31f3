package org.parley.presence.vcard;

import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.presence.PresenceFixture;
import org.parley.xmpp.core.module.testing.RecordingModuleContext;
import org.parley.xmpp.core.module.testing.RecordingOutbox;
import org.parley.xmpp.core.module.IqKey;
import org.xmpp.packet.IQ;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.presence.Stanzas.assertStanzaError;
import static org.parley.presence.Stanzas.iq;

/** vCard-temp (XEP-0054): publishing one's own vCard (§3.2) and retrieving anyone's (§3.1, §3.3). */
class VCardModuleTest {
    private static final int MAX_CHARS = 2_000;
    /** XEP-0054 Example 1/3, shortened, with characters that must survive serialisation. */
    private static final String JULIET_VCARD = """
            <vCard xmlns='vcard-temp'>
              <FN>Juliet Capulet</FN>
              <N><FAMILY>Capulet</FAMILY><GIVEN>Juliet</GIVEN></N>
              <NICKNAME>Джульетта 🌹</NICKNAME>
              <DESC>Montagues &amp; Capulets &lt;3</DESC>
              <EMAIL><INTERNET/><PREF/><USERID>juliet@example.com</USERID></EMAIL>
            </vCard>""";

    private PresenceFixture fixture;
    private VCardModule module;
    private final RecordingOutbox outbox = new RecordingOutbox();

    @BeforeEach
    void setUp() {
        fixture = new PresenceFixture();
        fixture.accounts("juliet", "romeo");
        module = new VCardModule(fixture.vcards, MAX_CHARS, fixture.queues);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void startRegistersGetAndSetAndTheFeature() {
        RecordingModuleContext context = new RecordingModuleContext(PresenceFixture.DOMAIN, fixture.router, b -> List.of());

        module.start(context);

        assertThat(context.features()).containsExactly(VCardModule.NAMESPACE);
        assertThat(context.handler(IqKey.account(IQ.Type.get, "vCard", VCardModule.NAMESPACE))).contains(module);
        assertThat(context.handler(IqKey.account(IQ.Type.set, "vCard", VCardModule.NAMESPACE))).contains(module);
    }

    @Test
    void aUserPublishesItsVCardAndReadsItBack() throws Exception {
        IQ result = module.handle(iq("<iq from='juliet@example.com/balcony' type='set' id='v2'>" + JULIET_VCARD
                + "</iq>"), outbox);

        assertThat(result.getType()).isEqualTo(IQ.Type.result);
        assertThat(result.getChildElement()).isNull();
        Element vcard = module.handle(iq("""
                <iq from='juliet@example.com/chamber' type='get' id='v1'><vCard xmlns='vcard-temp'/></iq>"""), outbox)
                .getChildElement();
        assertJulietsVCard(vcard);
        assertThat(outbox.sent()).isEmpty();
    }

    @Test
    void anotherUsersVCardCanBeRead() throws Exception {
        fixture.vcards.put("juliet", JULIET_VCARD);

        IQ result = module.handle(iq("""
                <iq from='romeo@example.com/orchard' to='juliet@example.com' type='get' id='v3'>
                  <vCard xmlns='vcard-temp'/>
                </iq>"""), outbox);

        assertThat(result.getType()).isEqualTo(IQ.Type.result);
        assertJulietsVCard(result.getChildElement());
    }

    @Test
    void publishingAgainReplacesTheVCard() throws Exception {
        module.handle(iq("<iq from='juliet@example.com/balcony' type='set' id='v2'>" + JULIET_VCARD + "</iq>"), outbox);

        module.handle(iq("""
                <iq from='juliet@example.com/balcony' type='set' id='v4'>
                  <vCard xmlns='vcard-temp'><FN>Juliet Montague</FN></vCard>
                </iq>"""), outbox);

        Element vcard = readVCard("romeo@example.com/orchard", "juliet@example.com");
        assertThat(vcard.elementText("FN")).isEqualTo("Juliet Montague");
        assertThat(vcard.element("NICKNAME")).isNull();
    }

    @Test
    void anAccountWithoutAVCardAnswersWithAnEmptyOne() throws Exception {
        Element vcard = readVCard("juliet@example.com/balcony", "romeo@example.com");

        assertThat(vcard.getQName()).isEqualTo(QName.get("vCard", VCardModule.NAMESPACE));
        assertThat(vcard.elements()).isEmpty();
    }

    @Test
    void changingAnotherUsersVCardIsForbidden() {
        fixture.vcards.put("juliet", JULIET_VCARD);

        assertStanzaError(() -> module.handle(iq("""
                <iq from='romeo@example.com/orchard' to='juliet@example.com' type='set' id='v5'>
                  <vCard xmlns='vcard-temp'><FN>Romeo's Juliet</FN></vCard>
                </iq>"""), outbox), "forbidden");

        assertThat(fixture.vcards.get("juliet")).contains(JULIET_VCARD);
        assertThat(fixture.vcards.get("romeo")).isEmpty();
    }

    @Test
    void aVCardLargerThanTheLimitIsNotAcceptable() {
        String desc = "x".repeat(MAX_CHARS);

        assertStanzaError(() -> module.handle(iq("<iq from='juliet@example.com/balcony' type='set' id='v6'>"
                + "<vCard xmlns='vcard-temp'><DESC>" + desc + "</DESC></vCard></iq>"), outbox), "not-acceptable");

        assertThat(fixture.vcards.get("juliet")).isEmpty();
    }

    private Element readVCard(String from, String to) throws Exception {
        IQ result = module.handle(iq("<iq from='" + from + "' to='" + to + "' type='get' id='v7'>"
                + "<vCard xmlns='vcard-temp'/></iq>"), outbox);
        assertThat(result.getType()).isEqualTo(IQ.Type.result);
        return result.getChildElement();
    }

    private static void assertJulietsVCard(Element vcard) {
        assertThat(vcard.getQName()).isEqualTo(QName.get("vCard", VCardModule.NAMESPACE));
        assertThat(vcard.elementText("FN")).isEqualTo("Juliet Capulet");
        assertThat(vcard.element("N").elementText("GIVEN")).isEqualTo("Juliet");
        assertThat(vcard.elementText("NICKNAME")).isEqualTo("Джульетта 🌹");
        assertThat(vcard.elementText("DESC")).isEqualTo("Montagues & Capulets <3");
        assertThat(vcard.element("EMAIL").element("INTERNET")).isNotNull();
        assertThat(vcard.element("EMAIL").elementText("USERID")).isEqualTo("juliet@example.com");
    }
}
