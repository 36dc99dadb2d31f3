package org.parley.presence.blocking;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmpp.packet.JID;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which addresses a block list item covers (XEP-0191 §3.5 with the JID matching of XEP-0016 §2.1): the stanza's
 * JID is checked as {@code user@domain/resource}, {@code user@domain}, {@code domain/resource} and {@code domain}.
 */
class BlockMatchTest {

    @ParameterizedTest(name = "item {0} vs {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # <user@domain/resource>: only that resource
            romeo@montague.lit/orchard | romeo@montague.lit/orchard | true
            romeo@montague.lit/orchard | romeo@montague.lit/garden  | false
            romeo@montague.lit/orchard | romeo@montague.lit         | false
            romeo@montague.lit/orchard | montague.lit/orchard       | false
            # <user@domain>: any resource of that account, and the bare JID itself
            romeo@montague.lit         | romeo@montague.lit/orchard | true
            romeo@montague.lit         | romeo@montague.lit         | true
            romeo@montague.lit         | benvolio@montague.lit      | false
            romeo@montague.lit         | montague.lit               | false
            romeo@montague.lit         | romeo@capulet.lit/orchard  | false
            # <domain/resource>: that resource of the domain, however the stanza's JID is checked
            montague.lit/chat          | montague.lit/chat          | true
            montague.lit/chat          | romeo@montague.lit/chat    | true
            montague.lit/chat          | montague.lit/other         | false
            montague.lit/chat          | montague.lit               | false
            montague.lit/chat          | romeo@montague.lit         | false
            # <domain>: the domain itself, and any user@domain or domain/resource
            montague.lit               | montague.lit               | true
            montague.lit               | romeo@montague.lit         | true
            montague.lit               | romeo@montague.lit/orchard | true
            montague.lit               | montague.lit/chat          | true
            montague.lit               | capulet.lit                | false
            montague.lit               | romeo@verona.montague.lit  | false
            # JIDs are compared in their prepared (case-folded) form
            Romeo@Montague.LIT         | romeo@montague.lit/orchard | true
            """)
    void oneItemAgainstOneAddress(String item, String address, boolean blocked) {
        assertThat(BlockMatch.matches(Set.of(new JID(item)), new JID(address))).isEqualTo(blocked);
    }

    @ParameterizedTest
    @ValueSource(strings = {"romeo@montague.lit/orchard", "romeo@montague.lit", "montague.lit"})
    void anEmptyListBlocksNothing(String address) {
        assertThat(BlockMatch.matches(Set.of(), new JID(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"benvolio@montague.lit/street", "montague.lit/chat"})
    void anyMatchingItemOfTheListBlocks(String address) {
        Set<JID> list = Set.of(new JID("tybalt@capulet.lit"), new JID("benvolio@montague.lit"),
                new JID("montague.lit/chat"));

        assertThat(BlockMatch.matches(list, new JID(address))).isTrue();
        assertThat(BlockMatch.matches(list, new JID("romeo@montague.lit/orchard"))).isFalse();
    }
}
