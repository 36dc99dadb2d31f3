package org.parley.archive;

import org.dom4j.DocumentHelper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xmpp.packet.Message;

import static org.assertj.core.api.Assertions.assertThat;

/** XEP-0313 §6.1.1, XEP-0334 §4: which messages go into a user archive. */
class ArchivableTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "chat with a body                        | chat      | true  | <body>hi</body>",
            "normal (no type) with a body            | ''        | true  | <body>hi</body>",
            "a receipt (XEP-0184)                    | chat      | true  | <received xmlns='urn:xmpp:receipts' id='m1'/>",
            "a displayed marker (XEP-0333)           | chat      | true  | <displayed xmlns='urn:xmpp:chat-markers:0' id='m1'/>",
            "an OMEMO message without body (XEP-0384)| chat      | true  | <encrypted xmlns='eu.siacs.conversations.axolotl'><header sid='1'/><payload>x</payload></encrypted>",
            "an empty OMEMO message (key transport)  | chat      | false | <encrypted xmlns='eu.siacs.conversations.axolotl'><header sid='1'/></encrypted>",
            "an empty OMEMO message with store hint  | chat      | true  | <encrypted xmlns='urn:xmpp:omemo:2'><header sid='1'/></encrypted><store xmlns='urn:xmpp:hints'/>",
            "a reaction (XEP-0444)                   | chat      | true  | <reactions xmlns='urn:xmpp:reactions:0' id='m1'><reaction>👍</reaction></reactions>",
            "a subject                               | ''        | true  | <subject>plans</subject>",
            "a room invitation (XEP-0249)            | ''        | true  | <x xmlns='jabber:x:conference' jid='room@muc.localhost'/>",
            "a call proposal (XEP-0353)              | chat      | true  | <propose xmlns='urn:xmpp:jingle-message:0' id='c1'/>",
            "a store hint on a chat state (XEP-0334) | chat      | true  | <active xmlns='http://jabber.org/protocol/chatstates'/><store xmlns='urn:xmpp:hints'/>",
            "a lone chat state (XEP-0085)            | chat      | false | <composing xmlns='http://jabber.org/protocol/chatstates'/>",
            "a receipt request alone                 | chat      | false | <request xmlns='urn:xmpp:receipts'/>",
            "an empty body                           | chat      | false | <body>  </body>",
            "a no-store hint (XEP-0334)              | chat      | false | <body>secret</body><no-store xmlns='urn:xmpp:hints'/>",
            "a no-permanent-store hint (XEP-0334)    | chat      | false | <body>secret</body><no-permanent-store xmlns='urn:xmpp:hints'/>",
            "groupchat (the room's archive)          | groupchat | false | <body>hi all</body>",
            "headline                                | headline  | false | <body>news</body>",
            "error                                   | error     | false | <body>hi</body><error type='cancel'/>",
            "an archive result (the server's own)    | ''        | false | <result xmlns='urn:xmpp:mam:2' id='1'><forwarded xmlns='urn:xmpp:forward:0'/></result>",
            "a carbon copy                           | chat      | false | <received xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'/></received>",
    })
    void keepsConversationContent(String what, String type, boolean archivable, String children) throws Exception {
        String typeAttribute = type.isEmpty() ? "" : " type='" + type + "'";
        Message message = new Message(DocumentHelper.parseText("<message xmlns='jabber:client' to='bob@localhost'"
                + typeAttribute + ">" + children + "</message>").getRootElement());

        assertThat(Archivable.isArchivable(message)).as(what).isEqualTo(archivable);
    }
}
