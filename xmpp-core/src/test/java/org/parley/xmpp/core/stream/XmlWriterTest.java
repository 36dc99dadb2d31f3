package org.parley.xmpp.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.xmpp.core.stream.Streams.HEADER;
import static org.parley.xmpp.core.stream.Streams.read;
import static org.parley.xmpp.core.stream.Streams.render;

import java.util.List;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;
import org.junit.jupiter.api.Test;
import org.parley.xmpp.core.stream.StreamEvent.Stanza;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

class XmlWriterTest {

    private static Element element(String name, String namespace) {
        return DocumentHelper.createElement(QName.get(name, namespace));
    }

    private static String write(Element element) {
        return XmlWriter.toXml(element, "jabber:client");
    }

    /** Parses {@code stanza} as the only stanza of a client stream. */
    private static Element reparse(String stanza) throws XmppStreamException {
        List<StreamEvent> events = read(HEADER + stanza);
        assertThat(events).hasSize(2);
        return ((Stanza) events.get(1)).element();
    }

    @Test
    void escapesMarkupInText() {
        Element body = element("body", "jabber:client");
        body.setText("a & b < c > d ' \" \t\n\r e");
        assertThat(write(body)).isEqualTo("<body>a &amp; b &lt; c &gt; d ' \" \t\n&#13; e</body>");
    }

    @Test
    void escapesQuotesAndWhitespaceInAttributeValues() throws Exception {
        Element message = element("message", "jabber:client");
        message.addAttribute("id", "'\"&<>\t\n\r");
        String xml = write(message);
        assertThat(xml).isEqualTo("<message id='&apos;&quot;&amp;&lt;&gt;&#9;&#10;&#13;'/>");
        assertThat(reparse(xml).attributeValue("id")).isEqualTo("'\"&<>\t\n\r");
    }

    @Test
    void dropsCharactersThatXml10DoesNotAllowSoTheOutputParsesAgain() throws Exception {
        String text = "a\u0000b\u0001c\u001Fd\uFFFEe\uFFFFf\uD800g\uDC00h\uDBFF\uDFFFi😀\t\n";
        Element message = element("message", "jabber:client");
        message.addAttribute("id", text);
        message.addElement("body").setText(text);
        String xml = write(message);
        String kept = "abcdefgh\uDBFF\uDFFFi😀\t\n";
        assertThat(xml).isEqualTo("<message id='abcdefgh\uDBFF\uDFFFi😀&#9;&#10;'><body>" + kept + "</body></message>");
        Element parsed = reparse(xml);
        assertThat(parsed.attributeValue("id")).isEqualTo(kept);
        assertThat(parsed.elementText("body")).isEqualTo(kept);
    }

    @Test
    void aStanzaInTheStreamNamespaceOrInNoneDeclaresNoNamespace() {
        assertThat(write(element("message", "jabber:client"))).isEqualTo("<message/>");
        assertThat(write(element("message", ""))).isEqualTo("<message/>");
        assertThat(XmlWriter.toXml(element("message", "jabber:client"), "jabber:server"))
                .isEqualTo("<message xmlns='jabber:client'/>");
    }

    @Test
    void aTopLevelElementInAnotherNamespaceDeclaresIt() {
        assertThat(write(element("starttls", "urn:ietf:params:xml:ns:xmpp-tls")))
                .isEqualTo("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    }

    @Test
    void aChildDeclaresItsNamespaceOnlyWhereItDiffersFromItsParent() {
        Element iq = element("iq", "jabber:client");
        Element query = iq.addElement(QName.get("query", "jabber:iq:roster"));
        query.addElement(QName.get("item", "jabber:iq:roster")).addAttribute("jid", "a@example.com");
        query.add(DocumentHelper.createElement("group"));
        iq.add(DocumentHelper.createElement(QName.get("error", "jabber:client")));
        assertThat(write(iq)).isEqualTo("<iq><query xmlns='jabber:iq:roster'><item jid='a@example.com'/>"
                + "<group xmlns=''/></query><error/></iq>");
    }

    @Test
    void childrenWithoutANamespaceAsTinderBuildsThemInheritTheStreamNamespace() {
        Message message = new Message();
        message.setTo(new JID("juliet@example.com"));
        message.setType(Message.Type.chat);
        message.setBody("hi");
        assertThat(write(message.getElement())).isEqualTo("<message to='juliet@example.com' type='chat'><body>hi</body></message>");

        IQ iq = new IQ(IQ.Type.get, "r1");
        iq.setChildElement("query", "jabber:iq:roster").addElement("item").addAttribute("jid", "a@example.com");
        assertThat(write(iq.getElement())).isEqualTo(
                "<iq type='get' id='r1'><query xmlns='jabber:iq:roster'><item jid='a@example.com'/></query></iq>");
    }

    @Test
    void prefixesAreDeclaredWhereFirstNeededAndXmlNever() {
        Namespace x = Namespace.get("x", "urn:example:x");
        Element presence = element("presence", "jabber:client");
        presence.addAttribute(QName.get("lang", Namespace.XML_NAMESPACE), "en");
        Element status = presence.addElement(QName.get("status", x));
        status.addAttribute(QName.get("kind", x), "busy");
        status.addElement(QName.get("detail", x));
        presence.addElement("show").addAttribute(QName.get("since", Namespace.get("t", "urn:example:t")), "1");
        assertThat(write(presence)).isEqualTo("<presence xml:lang='en'><x:status xmlns:x='urn:example:x' x:kind='busy'>"
                + "<x:detail/></x:status><show xmlns:t='urn:example:t' t:since='1'/></presence>");
    }

    @Test
    void anAttributeWhosePrefixIsTakenGetsAFreshOne() throws Exception {
        Element item = element("item", "jabber:client");
        item.add(DocumentHelper.createElement(QName.get("a", Namespace.get("p", "urn:one"))));
        Element a = (Element) item.elements().getFirst();
        a.addAttribute(QName.get("b", Namespace.get("p", "urn:two")), "1");
        a.addAttribute(QName.get("c", Namespace.get("", "urn:three")), "2");
        String xml = write(item);
        assertThat(xml).isEqualTo("<item><p:a xmlns:p='urn:one' xmlns:ns1='urn:two' xmlns:ns2='urn:three'"
                + " ns1:b='1' ns2:c='2'/></item>");
        Element parsed = reparse(xml).elements().getFirst();
        assertThat(parsed.attributeValue(QName.get("b", "urn:two"))).isEqualTo("1");
        assertThat(parsed.attributeValue(QName.get("c", "urn:three"))).isEqualTo("2");
    }

    @Test
    void stanzaPrefixedWithStreamNeedsNoDeclaration() {
        Element features = element("features", "");
        features.setQName(QName.get("features", Namespace.get("stream", "http://etherx.jabber.org/streams")));
        features.addElement(QName.get("bind", "urn:ietf:params:xml:ns:xmpp-bind"));
        assertThat(write(features)).isEqualTo("<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>");
    }

    @Test
    void dropsCommentsAndProcessingInstructions() {
        Element message = element("message", "jabber:client");
        message.addComment("secret");
        message.addProcessingInstruction("target", "data");
        message.addElement("body").addCDATA("a]]>b");
        assertThat(write(message)).isEqualTo("<message><body>a]]&gt;b</body></message>");
    }

    @Test
    void writesParsedStanzasSoTheyParseToTheSameStanzas() throws Exception {
        List<String> first = render(read(XmppStreamReaderTest.CLIENT_STREAM));
        String again = HEADER + String.join("", first.subList(1, first.size() - 1)) + XmlWriter.STREAM_CLOSE;
        List<String> second = render(read(again));
        assertThat(second.subList(1, second.size())).isEqualTo(first.subList(1, first.size()));
    }

    @Test
    void writesTheStreamHeaderOfRfc6120Section4_7() {
        assertThat(XmlWriter.streamHeader("jabber:client", "example.com", "s1", "en", null)).isEqualTo(
                "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
                        + " from='example.com' id='s1' version='1.0' xml:lang='en'>");
        assertThat(XmlWriter.streamHeader("jabber:server", "a.example", "s'2", "en", "b.example")).isEqualTo(
                "<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams'"
                        + " from='a.example' to='b.example' id='s&apos;2' version='1.0' xml:lang='en'>");
    }

    @Test
    void writesAStreamErrorWithAndWithoutText() {
        assertThat(XmlWriter.streamError(StreamErrorCondition.NOT_WELL_FORMED, null)).isEqualTo(
                "<stream:error><not-well-formed xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>");
        assertThat(XmlWriter.streamError(StreamErrorCondition.POLICY_VIOLATION, "too <big>")).isEqualTo(
                "<stream:error><policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                        + "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>too &lt;big&gt;</text></stream:error>");
    }

    @Test
    void aStreamErrorParsesAsAStanzaOfTheStream() throws Exception {
        Element error = reparse(XmlWriter.streamError(StreamErrorCondition.HOST_UNKNOWN, "who?"));
        assertThat(error.getQualifiedName()).isEqualTo("stream:error");
        assertThat(error.element("host-unknown").getNamespaceURI()).isEqualTo("urn:ietf:params:xml:ns:xmpp-streams");
        assertThat(error.elementText("text")).isEqualTo("who?");
    }
}
