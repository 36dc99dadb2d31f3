package org.parley.offline;

import org.dom4j.DocumentHelper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xmpp.packet.Message;

import static org.assertj.core.api.Assertions.assertThat;

/** XEP-0160 §3, XEP-0334 §4, XEP-0085 §5.4: which messages are kept for an offline recipient. */
class StorableTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a body                                  | true  | <body>hi</body>",
            "a subject                               | true  | <subject>plans</subject>",
            "a receipt (XEP-0184)                    | true  | <received xmlns='urn:xmpp:receipts' id='m1'/>",
            "a chat marker (XEP-0333)                | true  | <displayed xmlns='urn:xmpp:chat-markers:0' id='m1'/>",
            "an OMEMO message (XEP-0384)             | true  | <encrypted xmlns='eu.siacs.conversations.axolotl'><header sid='1'/></encrypted>",
            "a store hint on a chat state (XEP-0334) | true  | <active xmlns='http://jabber.org/protocol/chatstates'/><store xmlns='urn:xmpp:hints'/>",
            "a lone chat state (XEP-0085 §5.4)       | false | <composing xmlns='http://jabber.org/protocol/chatstates'/>",
            "a chat state with thread and origin id  | false | <thread>t1</thread><paused xmlns='http://jabber.org/protocol/chatstates'/><origin-id xmlns='urn:xmpp:sid:0' id='x'/>",
            "an empty body                           | false | <body>  </body>",
            "a no-store hint on a body (XEP-0334)    | false | <body>secret</body><no-store xmlns='urn:xmpp:hints'/>",
            "nothing                                 | false | ''",
    })
    void keepsWhatCarriesContent(String what, boolean storable, String children) throws Exception {
        Message message = new Message(DocumentHelper.parseText(
                "<message xmlns='jabber:client' to='bob@localhost' type='chat'>" + children + "</message>").getRootElement());

        assertThat(Storable.isStorable(message)).as(what).isEqualTo(storable);
    }
}
