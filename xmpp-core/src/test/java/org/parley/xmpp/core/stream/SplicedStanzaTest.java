package org.parley.xmpp.core.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.xmpp.core.stream.Streams.HEADER;
import static org.parley.xmpp.core.stream.Streams.read;

/** A stanza serialised once and addressed per recipient writes the same bytes as each recipient's own copy. */
class SplicedStanzaTest {
    private static final String CLIENT = "jabber:client";
    private static final List<JID> RECIPIENTS = List.of(
            new JID("juliet@localhost/balcony"),
            new JID("romeo", "localhost", "it's \"me\" & <you>"),
            new JID("nurse@localhost"),
            new JID("benvolio", "localhost", "жé"));

    /** A groupchat message as a room reflects it: escaping, foreign namespaces and prefixes, xml:lang. */
    private static Message groupchat() throws Exception {
        Message m = new Message(DocumentHelper.parseText("<message xmlns='jabber:client' type='groupchat' id='a&amp;b'"
                + " from='room@conference.localhost/it&apos;s me' xml:lang='en'>"
                + "<body>1 &lt; 2 &amp;&amp; \"quoted\" 'single' &gt;\n\ttabs</body>"
                + "<occupant-id xmlns='urn:xmpp:occupant-id:0' id='x&quot;y'/>"
                + "<x xmlns:f='urn:example:f' f:flag='1'><f:item>ж</f:item></x>"
                + "<active xmlns='http://jabber.org/protocol/chatstates'/>"
                + "<html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'>"
                + "<p style='font-weight:bold'>hi</p></body></html>"
                + "</message>").getRootElement(), true);
        return m;
    }

    private static String perCopy(Message template, JID to, String streamNamespace) {
        Message copy = template.createCopy();
        copy.setTo(to);
        return XmlWriter.toXml(copy.getElement(), streamNamespace);
    }

    private static String written(SplicedStanza shared, JID to) {
        ByteBuf buffer = shared.write(UnpooledByteBufAllocator.DEFAULT, to.toString());
        try {
            return buffer.toString(StandardCharsets.UTF_8);
        } finally {
            buffer.release();
        }
    }

    @Test
    void eachRecipientGetsTheBytesOfItsOwnCopyWithItsToAsTheLastAttribute() throws Exception {
        Message template = groupchat();
        SplicedStanza shared = SplicedStanza.of(template.getElement(), CLIENT);

        for (JID to : RECIPIENTS) {
            String expected = perCopy(template, to, CLIENT);
            assertThat(shared.toXml(to.toString())).isEqualTo(expected);
            assertThat(written(shared, to)).isEqualTo(expected);
        }
    }

    @Test
    void aToWithQuotesAndAmpersandsIsEscapedAndParsesBackToTheSameJid() throws Exception {
        JID to = RECIPIENTS.get(1);
        String xml = SplicedStanza.of(groupchat().getElement(), CLIENT).toXml(to.toString());

        assertThat(xml).contains(" to='romeo@localhost/it&apos;s &quot;me&quot; &amp; &lt;you&gt;'>");
        List<StreamEvent> events = read(HEADER + xml);
        Element parsed = ((StreamEvent.Stanza) events.get(1)).element();
        assertThat(parsed.attributeValue("to")).isEqualTo(to.toString());
        assertThat(parsed.elementText("body")).isEqualTo("1 < 2 && \"quoted\" 'single' >\n\ttabs");
    }

    @Test
    void anEmptyStanzaGetsItsToBeforeTheSelfClosingEnd() {
        Message empty = new Message();
        empty.setFrom(new JID("room@conference.localhost"));
        empty.setType(Message.Type.groupchat);
        SplicedStanza shared = SplicedStanza.of(empty.getElement(), CLIENT);

        assertThat(shared.toXml("juliet@localhost/balcony"))
                .isEqualTo("<message from='room@conference.localhost' type='groupchat' to='juliet@localhost/balcony'/>")
                .isEqualTo(perCopy(empty, new JID("juliet@localhost/balcony"), CLIENT));
    }

    @Test
    void onAServerStreamTheStanzaDeclaresItsNamespaceBeforeTheAttributes() throws Exception {
        Message template = groupchat();
        SplicedStanza shared = SplicedStanza.of(template.getElement(), "jabber:server");

        for (JID to : RECIPIENTS) assertThat(shared.toXml(to.toString())).isEqualTo(perCopy(template, to, "jabber:server"));
    }

    @Test
    void aPrefixedTopLevelElementKeepsItsDeclarationsAndAttributeOrder() {
        Element element = DocumentHelper.createElement(QName.get("message", Namespace.get("p", "urn:example:p")));
        element.addAttribute(QName.get("mark", Namespace.get("q", "urn:example:q")), "1");
        element.addAttribute("id", "7");
        element.addElement(QName.get("note", Namespace.get("p", "urn:example:p"))).setText("n");
        SplicedStanza shared = SplicedStanza.of(element, CLIENT);
        Element copy = element.createCopy();
        copy.addAttribute("to", "juliet@localhost");

        assertThat(shared.toXml("juliet@localhost")).isEqualTo(XmlWriter.toXml(copy, CLIENT));
        assertThat(shared.fits(copy)).isTrue();
    }

    @Test
    void anUnchangedCopyFitsAndEveryChangeMakesItNotFit() throws Exception {
        Message template = groupchat();
        SplicedStanza shared = SplicedStanza.of(template.getElement(), CLIENT);
        JID to = RECIPIENTS.get(0);

        assertThat(shared.fits(addressed(template, to).getElement())).isTrue();

        Message child = addressed(template, to);
        child.getElement().addElement("stanza-id", "urn:xmpp:sid:0").addAttribute("id", "1");
        Message text = addressed(template, to);
        text.setBody("changed");
        Message attribute = addressed(template, to);
        attribute.setID("other");
        Message nested = addressed(template, to);
        nested.getElement().element("occupant-id").addAttribute("id", "forged");
        Message removed = addressed(template, to);
        removed.getElement().remove(removed.getElement().element("active"));
        Message toNotLast = template.createCopy();
        toNotLast.getElement().remove(toNotLast.getElement().attribute("type"));
        toNotLast.setTo(to);
        toNotLast.getElement().addAttribute("type", "groupchat");
        Message noTo = template.createCopy();
        for (Message changed : List.of(child, text, attribute, nested, removed, toNotLast, noTo)) {
            assertThat(shared.fits(changed.getElement())).as(changed.toXML()).isFalse();
        }
    }

    @Test
    void nothingOfTheTemplateIsKeptSoChangingItLaterChangesNothing() throws Exception {
        Message template = groupchat();
        Message copy = addressed(template, RECIPIENTS.get(0));
        String expected = perCopy(template, RECIPIENTS.get(0), CLIENT);
        SplicedStanza shared = SplicedStanza.of(template.getElement(), CLIENT);

        template.setBody("changed afterwards");

        assertThat(shared.fits(copy.getElement())).isTrue();
        assertThat(shared.toXml(RECIPIENTS.get(0).toString())).isEqualTo(expected);
    }

    @Test
    void aTemplateWithAToIsRefused() throws Exception {
        Message addressed = addressed(groupchat(), RECIPIENTS.get(0));

        assertThatThrownBy(() -> SplicedStanza.of(addressed.getElement(), CLIENT)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Message addressed(Message template, JID to) {
        Message copy = template.createCopy();
        copy.setTo(to);
        return copy;
    }
}
