package org.parley.xmpp.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.xmpp.core.stream.Streams.HEADER;
import static org.parley.xmpp.core.stream.Streams.read;
import static org.parley.xmpp.core.stream.Streams.readSplit;
import static org.parley.xmpp.core.stream.Streams.render;
import static org.parley.xmpp.core.stream.Streams.utf8;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.xmpp.core.stream.StreamEvent.Stanza;
import org.parley.xmpp.core.stream.StreamEvent.StreamClose;
import org.parley.xmpp.core.stream.StreamEvent.StreamOpen;

class XmppStreamReaderTest {
    static final String CLIENT_STREAM = "<?xml version='1.0'?>"
            + "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
            + " to='example.com' version='1.0' xml:lang='en'>\n"
            + "<message to='juliet@example.com' type='chat' xml:lang='fr'><body>héllo 日本 😀</body>"
            + "<thread>t&amp;1</thread></message>\n "
            + "<iq type='get' id='r1'><query xmlns='jabber:iq:roster'>"
            + "<item jid='a@example.com' name='&lt;Tom &amp; &quot;Jerry&apos;&gt;'/></query></iq>"
            + "<presence><x:status xmlns:x='urn:example:x' x:kind='busy'>in &#x41; meeting</x:status>"
            + "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='n' ver='v'/></presence>"
            + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"
            + "<message><body><![CDATA[a <b> & c]]></body></message>\t\r\n"
            + "</stream:stream>";
    static final String SERVER_STREAM = "<stream:stream xmlns='jabber:server'"
            + " xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback'"
            + " from='a.example' to='b.example' version='1.0'>"
            + "<db:result from='a.example' to='b.example'>abc</db:result>"
            + "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
            + "</stream:features>"
            + "<message from='x@a.example' to='y@b.example'><body xml:lang='de'>grüße</body>"
            + "<html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'>"
            + "<p style='font-weight:bold'>hi</p></body></html></message>"
            + "</stream:stream>";

    static Stream<String> documents() {
        return Stream.of(CLIENT_STREAM, SERVER_STREAM);
    }

    @Test
    void readsHeaderStanzasAndCloseOfAClientStream() throws Exception {
        assertThat(render(read(CLIENT_STREAM))).containsExactly(
                "open jabber:client {to=example.com, version=1.0, xml:lang=en}",
                "<message to='juliet@example.com' type='chat' xml:lang='fr'><body>héllo 日本 😀</body>"
                        + "<thread>t&amp;1</thread></message>",
                "<iq type='get' id='r1'><query xmlns='jabber:iq:roster'>"
                        + "<item jid='a@example.com' name='&lt;Tom &amp; &quot;Jerry&apos;&gt;'/></query></iq>",
                "<presence><x:status xmlns:x='urn:example:x' x:kind='busy'>in A meeting</x:status>"
                        + "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='n' ver='v'/></presence>",
                "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>",
                "<message><body>a &lt;b&gt; &amp; c</body></message>",
                "close");
    }

    @Test
    void buildsStanzasWithTheirNamespacesPrefixesAndAttributes() throws Exception {
        List<StreamEvent> events = read(CLIENT_STREAM);
        Element message = ((Stanza) events.get(1)).element();
        assertThat(message.getQName()).isEqualTo(new QName("message", Namespace.get("jabber:client")));
        assertThat(message.attributeValue(new QName("lang", Namespace.XML_NAMESPACE))).isEqualTo("fr");
        assertThat(message.element("body").getNamespaceURI()).isEqualTo("jabber:client");
        assertThat(message.elementText("body")).isEqualTo("héllo 日本 😀");

        Element query = ((Stanza) events.get(2)).element().element("query");
        assertThat(query.getNamespaceURI()).isEqualTo("jabber:iq:roster");
        assertThat(query.element("item").getNamespaceURI()).isEqualTo("jabber:iq:roster");
        assertThat(query.element("item").attributeValue("name")).isEqualTo("<Tom & \"Jerry'>");

        Element status = ((Stanza) events.get(3)).element().elements().getFirst();
        assertThat(status.getNamespacePrefix()).isEqualTo("x");
        assertThat(status.getNamespaceURI()).isEqualTo("urn:example:x");
        assertThat(status.attributeValue(new QName("kind", Namespace.get("x", "urn:example:x")))).isEqualTo("busy");
        assertThat(status.getText()).isEqualTo("in A meeting");

        Element starttls = ((Stanza) events.get(4)).element();
        assertThat(starttls.getNamespaceURI()).isEqualTo("urn:ietf:params:xml:ns:xmpp-tls");
    }

    @Test
    void reportsTheDefaultNamespaceAndHeaderAttributesOfAServerStream() throws Exception {
        List<StreamEvent> events = read(SERVER_STREAM);
        assertThat(events.getFirst()).isEqualTo(new StreamOpen("jabber:server",
                Map.of("from", "a.example", "to", "b.example", "version", "1.0")));
        Element result = ((Stanza) events.get(1)).element();
        assertThat(result.getQualifiedName()).isEqualTo("db:result");
        assertThat(result.getNamespaceURI()).isEqualTo("jabber:server:dialback");
        Element features = ((Stanza) events.get(2)).element();
        assertThat(features.getNamespaceURI()).isEqualTo("http://etherx.jabber.org/streams");
        assertThat(render(events).get(2)).isEqualTo("<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'>"
                + "<required/></starttls></stream:features>");
        assertThat(events.getLast()).isEqualTo(new StreamClose());
    }

    @ParameterizedTest
    @MethodSource("documents")
    void givesTheSameEventsWhenSplitAtEveryByte(String document) throws Exception {
        byte[] data = utf8(document);
        List<String> whole = render(read(document));
        assertThat(whole).hasSizeGreaterThan(3);
        for (int split = 0; split <= data.length; split++) {
            assertThat(render(readSplit(StreamLimits.defaults(), data, split))).as("split at byte %d", split).isEqualTo(whole);
        }
        assertThat(render(read(StreamLimits.defaults(), data, 1))).as("one byte at a time").isEqualTo(whole);
    }

    @Test
    void emitsEventsOnlyOnceTheyAreComplete() throws Exception {
        XmppStreamReader reader = new XmppStreamReader(StreamLimits.defaults());
        assertThat(reader.feed(utf8(HEADER.substring(0, 20)), 0, 20)).isEmpty();
        assertThat(reader.feed(utf8(HEADER.substring(20)), 0, utf8(HEADER.substring(20)).length))
                .singleElement().isInstanceOf(StreamOpen.class);
        assertThat(reader.feed(utf8("<message><body>hi"), 0, 17)).isEmpty();
        assertThat(reader.feed(utf8("</body></message"), 0, 16)).isEmpty();
        assertThat(reader.feed(utf8(">"), 0, 1)).singleElement().isInstanceOf(Stanza.class);
    }

    @Test
    void ignoresWhitespaceKeepalivesBetweenStanzas() throws Exception {
        XmppStreamReader reader = new XmppStreamReader(StreamLimits.defaults());
        reader.feed(utf8(HEADER), 0, utf8(HEADER).length);
        for (int i = 0; i < 1000; i++) {
            assertThat(reader.feed(utf8(" \n"), 0, 2)).isEmpty();
        }
        assertThat(reader.feed(utf8("<presence/>"), 0, 11)).singleElement().isInstanceOf(Stanza.class);
    }

    @Test
    void ignoresEverythingAfterTheStreamIsClosed() throws Exception {
        XmppStreamReader reader = new XmppStreamReader(StreamLimits.defaults());
        byte[] data = utf8(HEADER + "<presence/></stream:stream><<garbage & <message/>");
        assertThat(render(reader.feed(data, 0, data.length))).endsWith("<presence/>", "close");
        assertThat(reader.feed(utf8("<<<"), 0, 3)).isEmpty();
    }

    @Test
    void readsAllReadableBytesOfAByteBuf() throws Exception {
        XmppStreamReader reader = new XmppStreamReader(StreamLimits.defaults());
        ByteBuf buf = Unpooled.buffer();
        buf.writeBytes(utf8("ignored" + HEADER + "<presence/>"));
        buf.readerIndex("ignored".length());
        assertThat(render(reader.feed(buf))).hasSize(2).endsWith("<presence/>");
        assertThat(buf.readableBytes()).isZero();
        buf.release();
    }

    @Test
    void readsFromAnOffsetIntoTheArray() throws Exception {
        byte[] data = utf8("xxxx" + HEADER + "<presence/>yy");
        XmppStreamReader reader = new XmppStreamReader(StreamLimits.defaults());
        assertThat(render(reader.feed(data, 4, data.length - 6))).hasSize(2).endsWith("<presence/>");
    }
}
