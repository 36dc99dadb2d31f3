package org.parley.presence.blocking;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.dom4j.Element;
import org.parley.presence.OwnAccount;
import org.parley.presence.PresenceTracker;
import org.parley.xmpp.core.module.UserQueues;
import org.parley.presence.roster.RosterItem;
import org.parley.presence.roster.Rosters;
import org.parley.presence.roster.Subscription;
import org.parley.presence.store.BlockListStore;
import org.parley.xmpp.core.module.InterceptorStage;
import org.parley.xmpp.core.module.IqHandler;
import org.parley.xmpp.core.module.IqKey;
import org.parley.xmpp.core.module.ModuleContext;
import org.parley.xmpp.core.module.Outbox;
import org.parley.xmpp.core.module.SessionListener;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.parley.xmpp.core.module.StanzaInterceptor;
import org.parley.xmpp.core.module.StanzaRouter;
import org.parley.xmpp.core.module.Verdict;
import org.parley.xmpp.core.module.XmppModule;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Blocking Command (XEP-0191): the block list (get, block, unblock, unblock all) with pushes to the resources that
 * asked for it, and its enforcement at the {@link InterceptorStage#BLOCKING} stage: nothing from a blocked entity
 * reaches the user (presence is dropped, messages and IQ requests get {@code <service-unavailable/>}, §3.5), and
 * what the user sends to a blocked entity is refused with {@code <not-acceptable/>} and {@code <blocked/>}.
 */
public final class BlockingModule implements XmppModule, IqHandler, StanzaInterceptor, SessionListener {
    /** The XEP-0191 namespace. */
    public static final String NAMESPACE = "urn:xmpp:blocking";
    /** The namespace of the {@code <blocked/>} error condition (XEP-0191 §3.5). */
    public static final String ERRORS = "urn:xmpp:blocking:errors";

    private final BlockListStore store;
    private final Rosters rosters;
    private final PresenceTracker tracker;
    private final UserQueues queues;
    private final Cache<String, Set<JID>> lists = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(30)).build();
    private final Map<String, Set<JID>> interested = new ConcurrentHashMap<>();
    private StanzaRouter router;

    /**
     * @param store   where block lists live (read once per user, then cached)
     * @param rosters the rosters (who gets presence taken away or given back, XEP-0191 §3.3-§3.4)
     * @param tracker the users' current presence
     * @param queues  the per-user queues (block list changes run in the user's queue)
     */
    public BlockingModule(BlockListStore store, Rosters rosters, PresenceTracker tracker, UserQueues queues) {
        this.store = store;
        this.rosters = rosters;
        this.tracker = tracker;
        this.queues = queues;
    }

    @Override
    public String name() {
        return "blocking";
    }

    @Override
    public void start(ModuleContext context) {
        router = context.router();
        context.addFeature(NAMESPACE);
        context.register(this);
        context.addInterceptor(InterceptorStage.BLOCKING, this);
        context.addSessionListener(this);
    }

    // ---- the block list (XEP-0191 §3.1-§3.4) ----

    @Override
    public Set<IqKey> keys() {
        return Set.of(IqKey.account(IQ.Type.get, "blocklist", NAMESPACE), IqKey.account(IQ.Type.set, "block", NAMESPACE),
                IqKey.account(IQ.Type.set, "unblock", NAMESPACE));
    }

    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public IQ handle(IQ request, Outbox outbox) throws StanzaErrorException {
        JID from = OwnAccount.sender(request);
        Element child = request.getChildElement();
        List<JID> items = new ArrayList<>();
        for (Element item : child.elements("item")) {
            try {
                items.add(new JID(item.attributeValue("jid", "")));
            } catch (IllegalArgumentException e) {
                // XEP-0191 §3.3: an invalid JID gets <jid-malformed/>.
                throw new StanzaErrorException(PacketError.Condition.jid_malformed, "invalid jid");
            }
        }
        String user = from.getNode();
        return queues.call(user, () -> switch (child.getName()) {
            case "blocklist" -> list(request, from);
            case "block" -> block(request, from, items, outbox);
            default -> unblock(request, from, items, outbox);
        });
    }

    private IQ list(IQ request, JID from) {
        interested.computeIfAbsent(from.toBareJID(), k -> ConcurrentHashMap.newKeySet()).add(from);
        IQ result = IQ.createResultIQ(request);
        Element list = result.setChildElement("blocklist", NAMESPACE);
        for (JID jid : blocked(from.getNode())) list.addElement("item").addAttribute("jid", jid.toString());
        return result;
    }

    /** XEP-0191 §3.3: block, push, and take the user's presence away from the blocked contacts. */
    private IQ block(IQ request, JID from, List<JID> items, Outbox outbox) throws StanzaErrorException {
        // XEP-0191 §3.3: a block without items gets <bad-request/>.
        if (items.isEmpty()) throw new StanzaErrorException(PacketError.Condition.bad_request, "nothing to block");
        String user = from.getNode();
        store.block(user, items);
        Set<JID> updated = new LinkedHashSet<>(blocked(user));
        updated.addAll(items);
        lists.put(user, Set.copyOf(updated));
        push(from, "block", items, outbox);
        for (JID jid : items) {
            if (subscribedToUser(user, jid)) {
                for (var resource : tracker.availableResources(from.asBareJID())) {
                    Presence gone = new Presence(Presence.Type.unavailable);
                    gone.setFrom(resource.getKey());
                    gone.setTo(jid);
                    outbox.send(gone);
                }
            }
        }
        return IQ.createResultIQ(request);
    }

    /** XEP-0191 §3.4: unblock some or (with no items) all, push, and send presence again to subscribers. */
    private IQ unblock(IQ request, JID from, List<JID> items, Outbox outbox) {
        String user = from.getNode();
        Set<JID> before = blocked(user);
        List<JID> released = items.isEmpty() ? List.copyOf(before) : items;
        if (items.isEmpty()) store.unblockAll(user); else store.unblock(user, items);
        Set<JID> updated = new LinkedHashSet<>(before);
        released.forEach(updated::remove);
        lists.put(user, Set.copyOf(updated));
        push(from, "unblock", items, outbox);
        for (JID jid : released) {
            if (subscribedToUser(user, jid)) {
                for (var resource : tracker.availableResources(from.asBareJID())) {
                    Presence p = resource.getValue().createCopy();
                    p.setFrom(resource.getKey());
                    p.setTo(jid);
                    outbox.send(p);
                }
            }
        }
        return IQ.createResultIQ(request);
    }

    private boolean subscribedToUser(String user, JID jid) {
        if (jid.getNode() == null) return false;
        Subscription sub = rosters.item(user, jid.asBareJID()).map(RosterItem::state)
                .map(s -> s.subscription()).orElse(Subscription.NONE);
        return sub == Subscription.FROM || sub == Subscription.BOTH;
    }

    private void push(JID user, String element, List<JID> items, Outbox outbox) {
        for (JID resource : interested.getOrDefault(user.toBareJID(), Set.of())) {
            IQ push = new IQ(IQ.Type.set);
            push.setFrom(user.asBareJID());
            push.setTo(resource);
            Element e = push.setChildElement(element, NAMESPACE);
            for (JID jid : items) e.addElement("item").addAttribute("jid", jid.toString());
            outbox.send(push);
        }
    }

    /** The user's block list (blocking on a cache miss: call off the event loop). */
    private Set<JID> blocked(String user) {
        return lists.get(user, u -> Set.copyOf(store.blocked(u)));
    }

    // ---- enforcement (XEP-0191 §3.5) ----

    @Override
    public CompletionStage<Verdict> outbound(Packet stanza) {
        JID to = stanza.getTo();
        if (to == null || isError(stanza)) return Verdict.proceed();
        String user = stanza.getFrom().getNode();
        if (user != null && user.equals(to.getNode()) && stanza.getFrom().getDomain().equals(to.getDomain())) {
            return Verdict.proceed(); // one's own stanzas (to one's bare JID or other resources) are never blocked
        }
        Set<JID> list = lists.getIfPresent(user);
        if (list != null) return Verdict.now(outboundVerdict(stanza, list));
        return queues.submit(user, () -> outboundVerdict(stanza, blocked(user)));
    }

    private static Verdict outboundVerdict(Packet stanza, Set<JID> list) {
        if (!BlockMatch.matches(list, stanza.getTo())) return new Verdict.Continue();
        // XEP-0191 §3.5: presence to a blocked entity is dropped; messages and IQs get <not-acceptable/> + <blocked/>.
        if (stanza instanceof Presence) return new Verdict.Handled();
        return new Verdict.Reject(new StanzaErrorException(PacketError.Condition.not_acceptable,
                "you have blocked this contact", "blocked", ERRORS).withType(PacketError.Type.cancel));
    }

    @Override
    public CompletionStage<Verdict> inbound(Packet stanza) {
        JID from = stanza.getFrom();
        if (from == null || isError(stanza)) return Verdict.proceed();
        String user = stanza.getTo().getNode();
        if (from.getNode() != null && from.getNode().equals(user) && from.getDomain().equals(stanza.getTo().getDomain())) {
            return Verdict.proceed(); // one's own stanzas are never blocked
        }
        Set<JID> list = lists.getIfPresent(user);
        if (list != null) return Verdict.now(inboundVerdict(stanza, list));
        return queues.submit(user, () -> inboundVerdict(stanza, blocked(user)));
    }

    private static Verdict inboundVerdict(Packet stanza, Set<JID> list) {
        if (!BlockMatch.matches(list, stanza.getFrom())) return new Verdict.Continue();
        // XEP-0191 §3.5: nothing from a blocked entity reaches the user; it must not learn it is blocked.
        boolean request = stanza instanceof Message || (stanza instanceof IQ iq && iq.isRequest());
        return request ? new Verdict.Reject(new StanzaErrorException(PacketError.Condition.service_unavailable))
                : new Verdict.Handled();
    }

    private static boolean isError(Packet stanza) {
        return "error".equals(stanza.getElement().attributeValue("type"));
    }

    // ---- sessions ----

    @Override
    public void bound(JID fullJid) {
        // Load the list before the user's traffic needs it, so checks stay on the fast path.
        queues.run(fullJid.getNode(), () -> blocked(fullJid.getNode()));
    }

    @Override
    public void unbound(JID fullJid) {
        interested.computeIfPresent(fullJid.toBareJID(), (k, set) -> {
            set.remove(fullJid);
            return set.isEmpty() ? null : set;
        });
    }
}
