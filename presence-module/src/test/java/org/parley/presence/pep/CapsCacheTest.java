package org.parley.presence.pep;

import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.module.StanzaRouter;
import org.parley.xmpp.core.module.testing.QuietRouter;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Entity capabilities (XEP-0115 §5.4, §6.2): a verification string whose hash checks out is queried once and cached
 * for every resource announcing it; one that does not check out still serves the resource that announced it but is
 * never cached, so the next resource announcing it is asked again.
 */
class CapsCacheTest {
    private static final String TUNE = "http://jabber.org/protocol/tune";
    /** XEP-0115 §5.2's example with a +notify feature: its real SHA-1 hash. */
    private static final List<String> FEATURES = List.of("http://jabber.org/protocol/caps", TUNE + "+notify");

    private final List<IQ> queries = new CopyOnWriteArrayList<>();
    private final StanzaRouter router = new QuietRouter() {
        @Override
        public CompletionStage<IQ> request(IQ request, Duration timeout) {
            queries.add(request);
            IQ result = IQ.createResultIQ(request);
            Element query = result.setChildElement("query", Namespaces.DISCO_INFO);
            query.addElement("identity").addAttribute("category", "client").addAttribute("type", "pc")
                    .addAttribute("name", "Exodus 0.9.1");
            FEATURES.forEach(f -> query.addElement("feature").addAttribute("var", f));
            return CompletableFuture.completedFuture(result);
        }
    };
    private final CapsCache caps = new CapsCache(router, (resource, nodes) -> { });

    private static String realHash() {
        Element query = org.dom4j.DocumentHelper.createElement(org.dom4j.QName.get("query", Namespaces.DISCO_INFO));
        query.addElement("identity").addAttribute("category", "client").addAttribute("type", "pc")
                .addAttribute("name", "Exodus 0.9.1");
        FEATURES.forEach(f -> query.addElement("feature").addAttribute("var", f));
        return CapsHash.of(query, "sha-1").orElseThrow();
    }

    private void announce(JID from, String ver) {
        Presence p = new Presence();
        p.setFrom(from);
        p.addChildElement("c", CapsCache.CAPS).addAttribute("hash", "sha-1")
                .addAttribute("node", "https://example.org/client").addAttribute("ver", ver);
        caps.presence(p);
    }

    @Test
    void aVerifiedVerificationStringIsQueriedOnceForEveryResource() {
        String ver = realHash();
        announce(new JID("romeo@localhost/orchard"), ver);
        announce(new JID("juliet@localhost/balcony"), ver);

        assertThat(queries).hasSize(1);
        assertThat(caps.interests(new JID("juliet@localhost/balcony"))).containsExactly(TUNE);
    }

    @Test
    void aVerificationStringThatDoesNotVerifyServesItsResourceButIsAskedAgainNextTime() {
        String wrong = "QgayPKawpkPSDYmwT/WM94uAlu0=";
        announce(new JID("romeo@localhost/orchard"), wrong);
        assertThat(caps.interests(new JID("romeo@localhost/orchard"))).containsExactly(TUNE);

        announce(new JID("juliet@localhost/balcony"), wrong);
        assertThat(queries).as("not cached (XEP-0115 §5.4)").hasSize(2);
        assertThat(caps.interests(new JID("juliet@localhost/balcony"))).containsExactly(TUNE);
    }
}
