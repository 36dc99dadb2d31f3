package org.parley.xmpp.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.xmpp.core.stream.Streams.HEADER;
import static org.parley.xmpp.core.stream.Streams.concat;
import static org.parley.xmpp.core.stream.Streams.failure;
import static org.parley.xmpp.core.stream.Streams.utf8;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MalformedStreamTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "<message></presence>",
        "<message><body></message></body>",
        "<a b='1' b='2'/>",
        "<<",
        "<message to=juliet/>",
        "<x:message/>",
        "<message>&#x0;</message>",
        "<message>\u0001</message>",
        "</stream:streams>",
    })
    void malformedXmlIsNotWellFormed(String stanza) {
        assertThat(failure(HEADER + stanza).condition()).isEqualTo(StreamErrorCondition.NOT_WELL_FORMED);
    }

    /** RFC 3629 §4 syntax: a stray byte, a bad or missing continuation, overlong forms, surrogates, > U+10FFFF. */
    @ParameterizedTest
    @ValueSource(strings = {"ff", "fe", "80", "c328", "c0af", "c1bf", "e080af", "eda080", "f08080af", "f4908080",
        "f5808080", "e282", "f09f98"})
    void invalidUtf8IsNotWellFormedWhereverTheInputIsSplit(String hex) {
        byte[] data = concat(utf8(HEADER + "<message><body>"), HexFormat.of().parseHex(hex), utf8("</body></message>"));
        for (int chunk : new int[] {data.length, 1}) {
            assertThat(failure(StreamLimits.defaults(), data, chunk).condition()).as("%s in chunks of %d", hex, chunk)
                    .isEqualTo(StreamErrorCondition.NOT_WELL_FORMED);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<stream:stream xmlns='jabber:client' xmlns:stream='urn:wrong'>",
        "<stream xmlns='jabber:client'>",
        "<features xmlns='http://etherx.jabber.org/streams'>",
    })
    void aRootOtherThanStreamInTheStreamsNamespaceIsAnInvalidNamespace(String header) {
        assertThat(failure(header).condition()).isEqualTo(StreamErrorCondition.INVALID_NAMESPACE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<stream:stream xmlns='jabber:client' to='example.com' version='1.0'>",
        "<foobar:stream xmlns='jabber:client' xmlns:foobar='http://etherx.jabber.org/streams'>",
        "<stream xmlns='http://etherx.jabber.org/streams'>",
    })
    void aMissingOrOtherStreamPrefixIsABadNamespacePrefix(String header) {
        assertThat(failure(header).condition()).isEqualTo(StreamErrorCondition.BAD_NAMESPACE_PREFIX);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ISO-8859-1", "UTF-16", "US-ASCII"})
    void anEncodingOtherThanUtf8IsAnUnsupportedEncoding(String encoding) {
        assertThat(failure("<?xml version='1.0' encoding='" + encoding + "'?>" + HEADER).condition())
                .isEqualTo(StreamErrorCondition.UNSUPPORTED_ENCODING);
    }

    @Test
    void anExplicitUtf8DeclarationIsAccepted() throws Exception {
        assertThat(Streams.read("<?xml version='1.0' encoding='UTF-8'?>" + HEADER)).hasSize(1);
    }

    @Test
    void anXmlVersionOtherThan1Point0IsABadFormat() {
        assertThat(failure("<?xml version='1.1'?>" + HEADER).condition()).isEqualTo(StreamErrorCondition.BAD_FORMAT);
    }

    @Test
    void characterDataOutsideAStanzaIsABadFormat() {
        assertThat(failure(HEADER + " hello <message/>").condition()).isEqualTo(StreamErrorCondition.BAD_FORMAT);
    }

    @Test
    void aReaderThatFailedKeepsFailing() throws Exception {
        XmppStreamReader reader = new XmppStreamReader(StreamLimits.defaults());
        reader.feed(utf8(HEADER), 0, utf8(HEADER).length);
        assertThatThrownBy(() -> reader.feed(utf8("<<"), 0, 2)).isInstanceOf(XmppStreamException.class);
        assertThatThrownBy(() -> reader.feed(utf8("<presence/>"), 0, 11))
                .isInstanceOfSatisfying(XmppStreamException.class,
                        e -> assertThat(e.condition()).isEqualTo(StreamErrorCondition.NOT_WELL_FORMED));
    }
}
