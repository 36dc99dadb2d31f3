package org.parley.presence.pep;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.dom4j.Element;
import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.module.StanzaRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Which PEP nodes each local resource wants notifications of, from the entity capabilities in its presence
 * (XEP-0115, XEP-0163 §4.2 filtered notifications: a {@code NODE+notify} feature). A verification string seen for
 * the first time is resolved with a disco#info query to the resource ({@code node='node#ver'}, XEP-0115 §6.2) and,
 * once its hash checks out (§5.4), cached for every resource that announces it. Never blocks.
 */
public final class CapsCache {
    private static final Logger log = LoggerFactory.getLogger(CapsCache.class);
    /** The entity capabilities namespace (XEP-0115). */
    public static final String CAPS = "http://jabber.org/protocol/caps";
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);

    /** The caps a resource announced. */
    private record Caps(String node, String ver, String hash) {
    }

    /**
     * What a disco#info query found: the features, and whether the announced hash verified (XEP-0115 §5.4). An
     * unverified result is used for the resources that announced its verification string while the query ran, and
     * then dropped from the cache (never cached), without failing the future (a failed load is logged as a warning
     * with its stack by the cache).
     */
    private record Resolved(Set<String> features, boolean verified) {
    }

    private final StanzaRouter router;
    private final AsyncCache<String, Resolved> verified = Caffeine.newBuilder().maximumSize(10_000).buildAsync();
    private final Map<JID, Caps> announced = new ConcurrentHashMap<>();
    private final Map<JID, Set<String>> interests = new ConcurrentHashMap<>();
    private final BiConsumer<JID, Set<String>> onNewInterest;

    /**
     * @param router        sends the disco#info queries
     * @param onNewInterest told, off the caller's thread or on it, of a resource's nodes it newly wants notifications
     *                      of (after initial presence: all of them), to send their last items (XEP-0163 §4.3.2)
     */
    public CapsCache(StanzaRouter router, BiConsumer<JID, Set<String>> onNewInterest) {
        this.router = router;
        this.onNewInterest = onNewInterest;
    }

    /** The nodes {@code fullJid} wants notifications of (empty if unknown). */
    public Set<String> interests(JID fullJid) {
        return interests.getOrDefault(fullJid, Set.of());
    }

    /** Notes the broadcast presence a local resource sent (available or unavailable). */
    public void presence(Presence presence) {
        JID from = presence.getFrom();
        if (presence.getType() == Presence.Type.unavailable) {
            forget(from);
            return;
        }
        Element c = presence.getChildElement("c", CAPS);
        if (c == null || c.attributeValue("ver") == null || c.attributeValue("node") == null) {
            // Without caps a resource gets no notifications (XEP-0163 §4.2: notifications are filtered).
            announced.remove(from);
            update(from, Set.of());
            return;
        }
        Caps caps = new Caps(c.attributeValue("node"), c.attributeValue("ver"), c.attributeValue("hash"));
        if (caps.equals(announced.put(from, caps))) return; // unchanged: nothing to do
        resolve(from, caps).whenComplete((resolved, error) -> {
            if (error != null) {
                if (error instanceof CompletionException ce) error = ce.getCause();
                log.debug("No caps for {} ({})", from, error.toString());
                return;
            }
            if (caps.equals(announced.get(from))) update(from, resolved.features());
        });
    }

    /** Forgets a resource that went unavailable or whose session ended. */
    public void forget(JID fullJid) {
        announced.remove(fullJid);
        interests.remove(fullJid);
    }

    private CompletableFuture<Resolved> resolve(JID from, Caps caps) {
        if (caps.hash() == null) return query(from, caps); // legacy caps (XEP-0115 v1.3): not globally cacheable
        CompletableFuture<Resolved> pending = verified.get(caps.ver(), (ver, executor) -> query(from, caps));
        return pending.whenComplete((resolved, error) -> {
            // XEP-0115 §5.4: only a verified result stays cached for other resources.
            if (resolved != null && !resolved.verified()) verified.asMap().remove(caps.ver(), pending);
        });
    }

    private CompletableFuture<Resolved> query(JID from, Caps caps) {
        IQ request = new IQ(IQ.Type.get);
        request.setTo(from);
        request.setChildElement("query", Namespaces.DISCO_INFO).addAttribute("node", caps.node() + "#" + caps.ver());
        return router.request(request, QUERY_TIMEOUT).toCompletableFuture().thenApply(response -> {
            Element query = response.getChildElement();
            if (response.getType() != IQ.Type.result || query == null) {
                throw new IllegalStateException("disco#info failed: " + response.toXML());
            }
            Set<String> features = new HashSet<>();
            for (Element f : query.elements("feature")) {
                String var = f.attributeValue("var");
                if (var != null) features.add(var);
            }
            // XEP-0115 §5.4: cache only when the hash we compute is the announced one.
            if (caps.hash() != null) {
                java.util.Optional<String> computed = CapsHash.of(query, caps.hash());
                if (!computed.map(caps.ver()::equals).orElse(false)) {
                    log.debug("Caps of {} do not verify: announced {} {}, computed {} from {}", from, caps.hash(),
                            caps.ver(), computed.orElse("(unknown hash)"), query.asXML());
                    return new Resolved(Set.copyOf(features), false);
                }
            }
            return new Resolved(Set.copyOf(features), true);
        });
    }

    private void update(JID from, Set<String> features) {
        Set<String> nodes = new HashSet<>();
        for (String f : features) {
            if (f.endsWith(PubSub.NOTIFY)) nodes.add(f.substring(0, f.length() - PubSub.NOTIFY.length()));
        }
        Set<String> before = interests.put(from, Set.copyOf(nodes));
        log.debug("Interests of {}: {}", from, nodes);
        Set<String> added = new HashSet<>(nodes);
        if (before != null) added.removeAll(before);
        if (!added.isEmpty()) onNewInterest.accept(from, Set.copyOf(added));
    }
}
