package org.parley.presence.avatar;

import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.presence.ConvertingModules;
import org.parley.presence.PresenceFixture;
import org.parley.xmpp.core.module.InterceptorStage;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** User Avatar to vCard-Based Avatars Conversion (XEP-0398 §2-§4), through the real handlers on H2. */
class AvatarConversionTest {
    private static final byte[] IMAGE = "\u0089PNG\r\n\u001a\n pretend this is a picture of Juliet"
            .getBytes(StandardCharsets.ISO_8859_1);
    private static final String IMAGE_ID = VCardPhoto.sha1(IMAGE);
    private static final String IMAGE_B64 = Base64.getEncoder().encodeToString(IMAGE);

    private PresenceFixture fixture;
    private ConvertingModules modules;

    @BeforeEach
    void setUp() {
        fixture = new PresenceFixture();
        fixture.accounts("juliet", "romeo");
        modules = new ConvertingModules(fixture);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void theAccountAdvertisesTheConversion() throws Exception {
        Element info = modules.query("""
                <iq from='juliet@example.com/balcony' to='juliet@example.com' type='get' id='01'>
                  <query xmlns='http://jabber.org/protocol/disco#info'/>
                </iq>""");

        assertThat(info.elements("feature")).extracting(f -> f.attributeValue("var"))
                .contains(AvatarConversion.FEATURE);
    }

    @Test
    void anAvatarPublishedOverPepBecomesTheVCardPhoto() throws Exception {
        modules.result("""
                <iq from='juliet@example.com/balcony' type='set' id='v1'>
                  <vCard xmlns='vcard-temp'><FN>Juliet Capulet</FN></vCard>
                </iq>""");

        publishAvatar("juliet@example.com/balcony", IMAGE_B64, IMAGE_ID,
                "<info bytes='" + IMAGE.length + "' id='" + IMAGE_ID + "' type='image/png' width='64' height='64'/>");

        Element vCard = vCardOf("juliet");
        assertThat(vCard.elementText("FN")).as("the rest of the vCard is kept").isEqualTo("Juliet Capulet");
        assertThat(vCard.element("PHOTO").elementText("TYPE")).isEqualTo("image/png");
        assertThat(Base64.getMimeDecoder().decode(vCard.element("PHOTO").elementText("BINVAL"))).isEqualTo(IMAGE);
    }

    @Test
    void theInfoWithoutUrlIsTheOneConverted() throws Exception {
        publishAvatar("juliet@example.com/balcony", IMAGE_B64, IMAGE_ID,
                "<info bytes='9000' id='0000000000000000000000000000000000000000' type='image/gif'"
                        + " url='https://example.com/juliet.gif'/>"
                        + "<info bytes='" + IMAGE.length + "' id='" + IMAGE_ID + "' type='image/png'/>");

        assertThat(VCardPhoto.of(vCardOf("juliet")).map(VCardPhoto::sha1)).contains(IMAGE_ID);
    }

    @Test
    void dataThatDoesNotMatchItsIdIsNotCopied() throws Exception {
        String wrongId = VCardPhoto.sha1("another picture".getBytes(StandardCharsets.UTF_8));

        publishAvatar("juliet@example.com/balcony", IMAGE_B64, wrongId,
                "<info bytes='" + IMAGE.length + "' id='" + wrongId + "' type='image/png'/>");

        assertThat(fixture.vcards.get("juliet")).isEmpty();
    }

    @Test
    void emptyMetadataRemovesTheVCardPhoto() throws Exception {
        publishAvatar("juliet@example.com/balcony", IMAGE_B64, IMAGE_ID,
                "<info bytes='" + IMAGE.length + "' id='" + IMAGE_ID + "' type='image/png'/>");

        modules.result("""
                <iq from='juliet@example.com/balcony' type='set' id='p3'>
                  <pubsub xmlns='http://jabber.org/protocol/pubsub'>
                    <publish node='urn:xmpp:avatar:metadata'>
                      <item><metadata xmlns='urn:xmpp:avatar:metadata'/></item>
                    </publish>
                  </pubsub>
                </iq>""");

        assertThat(vCardOf("juliet").element("PHOTO")).isNull();
        assertThat(hashInPresence("juliet")).as("XEP-0153 §4.1: an empty photo means no avatar").isEmpty();
    }

    @Test
    void aVCardPhotoIsPublishedOverPep() throws Exception {
        modules.result("<iq from='juliet@example.com/balcony' type='set' id='v2'><vCard xmlns='vcard-temp'>"
                + "<PHOTO><TYPE>image/jpeg</TYPE><BINVAL>" + IMAGE_B64.substring(0, 20) + "\n"
                + IMAGE_B64.substring(20) + "</BINVAL></PHOTO></vCard></iq>");

        Element data = items("juliet@example.com", "urn:xmpp:avatar:data").getFirst();
        assertThat(data.attributeValue("id")).as("XEP-0398 §3.2: the id is the SHA-1 of the image").isEqualTo(IMAGE_ID);
        assertThat(Base64.getDecoder().decode(data.element("data").getText())).isEqualTo(IMAGE);
        Element metadata = items("juliet@example.com", "urn:xmpp:avatar:metadata").getFirst();
        Element info = metadata.element("metadata").element("info");
        assertThat(info.attributeValue("id")).isEqualTo(IMAGE_ID);
        assertThat(info.attributeValue("type")).isEqualTo("image/jpeg");
        assertThat(info.attributeValue("bytes")).isEqualTo(Integer.toString(IMAGE.length));
    }

    @Test
    void aVCardWithoutPhotoAfterAnAvatarDisablesThePepAvatar() throws Exception {
        modules.result("<iq from='juliet@example.com/balcony' type='set' id='v3'><vCard xmlns='vcard-temp'>"
                + "<PHOTO><TYPE>image/png</TYPE><BINVAL>" + IMAGE_B64 + "</BINVAL></PHOTO></vCard></iq>");

        modules.result("""
                <iq from='juliet@example.com/balcony' type='set' id='v4'>
                  <vCard xmlns='vcard-temp'><FN>Juliet</FN></vCard>
                </iq>""");

        Element metadata = items("juliet@example.com", "urn:xmpp:avatar:metadata").getFirst().element("metadata");
        assertThat(metadata.elements("info")).as("XEP-0084 §4.5: empty metadata").isEmpty();
    }

    @Test
    void availablePresenceCarriesTheAvatarHash() throws Exception {
        fixture.vcards.put("juliet", "<vCard xmlns='vcard-temp'><PHOTO><TYPE>image/png</TYPE><BINVAL>" + IMAGE_B64
                + "</BINVAL></PHOTO></vCard>");

        assertThat(hashInPresence("juliet")).isEqualTo(IMAGE_ID);
    }

    @Test
    void aUserWithoutAvatarAdvertisesAnEmptyPhoto() {
        assertThat(hashInPresence("romeo")).isEmpty();
    }

    @Test
    void theHashFollowsAnAvatarPublishedOverPep() throws Exception {
        assertThat(hashInPresence("juliet")).isEmpty();

        publishAvatar("juliet@example.com/balcony", IMAGE_B64, IMAGE_ID,
                "<info bytes='" + IMAGE.length + "' id='" + IMAGE_ID + "' type='image/png'/>");

        assertThat(hashInPresence("juliet")).isEqualTo(IMAGE_ID);
    }

    @Test
    void anEmptyPhotoFromTheClientIsLeftAlone() throws Exception {
        fixture.vcards.put("juliet", "<vCard xmlns='vcard-temp'><PHOTO><BINVAL>" + IMAGE_B64 + "</BINVAL></PHOTO></vCard>");
        Presence presence = presence("juliet");
        presence.addChildElement("x", AvatarConversion.UPDATE).addElement("photo");

        modules.outbound(InterceptorStage.AVATAR, presence);

        assertThat(photos(presence)).containsExactly("");
    }

    @Test
    void anXWithoutPhotoIsOverwritten() throws Exception {
        fixture.vcards.put("juliet", "<vCard xmlns='vcard-temp'><PHOTO><BINVAL>" + IMAGE_B64 + "</BINVAL></PHOTO></vCard>");
        Presence presence = presence("juliet");
        presence.addChildElement("x", AvatarConversion.UPDATE);

        modules.outbound(InterceptorStage.AVATAR, presence);

        assertThat(photos(presence)).containsExactly(IMAGE_ID);
    }

    @Test
    void unavailableAndSubscriptionPresenceAreLeftAlone() {
        for (Presence.Type type : List.of(Presence.Type.unavailable, Presence.Type.subscribe)) {
            Presence presence = presence("juliet");
            presence.setType(type);

            modules.outbound(InterceptorStage.AVATAR, presence);

            assertThat(presence.getElement().element(QName.get("x", AvatarConversion.UPDATE))).isNull();
        }
    }

    @Test
    void directedPresenceCarriesTheHashToo() throws Exception {
        fixture.vcards.put("juliet", "<vCard xmlns='vcard-temp'><PHOTO><BINVAL>" + IMAGE_B64 + "</BINVAL></PHOTO></vCard>");
        Presence presence = presence("juliet");
        presence.setTo(new JID("coven@chat.example.com/juliet"));

        modules.outbound(InterceptorStage.AVATAR, presence);

        assertThat(photos(presence)).as("XEP-0398 §4: also in directed presence such as MUC joins")
                .containsExactly(IMAGE_ID);
    }

    private void publishAvatar(String from, String base64, String id, String infos) throws Exception {
        modules.result("<iq from='" + from + "' type='set' id='p1'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                + "<publish node='urn:xmpp:avatar:data'><item id='" + id + "'>"
                + "<data xmlns='urn:xmpp:avatar:data'>" + base64 + "</data></item></publish></pubsub></iq>");
        modules.result("<iq from='" + from + "' type='set' id='p2'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                + "<publish node='urn:xmpp:avatar:metadata'><item id='" + id + "'>"
                + "<metadata xmlns='urn:xmpp:avatar:metadata'>" + infos + "</metadata></item></publish></pubsub></iq>");
    }

    private Element vCardOf(String user) throws Exception {
        return modules.query("<iq from='romeo@example.com/orchard' to='" + user + "@example.com' type='get' id='g1'>"
                + "<vCard xmlns='vcard-temp'/></iq>");
    }

    private List<Element> items(String owner, String node) throws Exception {
        return modules.query("<iq from='" + owner + "/balcony' to='" + owner + "' type='get' id='i1'>"
                + "<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='" + node + "'/></pubsub></iq>")
                .element("items").elements("item");
    }

    private String hashInPresence(String user) {
        Presence presence = presence(user);
        modules.outbound(InterceptorStage.AVATAR, presence);
        List<String> photos = photos(presence);
        assertThat(photos).hasSize(1);
        return photos.getFirst();
    }

    private static Presence presence(String user) {
        Presence presence = new Presence();
        presence.setFrom(new JID(user, PresenceFixture.DOMAIN, "balcony"));
        presence.setStatus("here");
        return presence;
    }

    private static List<String> photos(Presence presence) {
        Element x = presence.getElement().element(QName.get("x", AvatarConversion.UPDATE));
        return x == null ? List.of() : x.elements("photo").stream().map(Element::getText).toList();
    }
}
