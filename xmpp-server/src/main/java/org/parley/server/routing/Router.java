package org.parley.server.routing;

import org.parley.server.module.IqDispatcher;
import org.parley.server.session.ClientSession;
import org.parley.server.session.LocalSessions;
import org.parley.server.session.SessionEntry;
import org.parley.server.session.SessionTable;
import org.parley.xmpp.core.module.BoundResource;
import org.parley.xmpp.core.module.SessionView;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.parley.xmpp.core.module.OfflineStorage;
import org.parley.xmpp.core.module.StanzaInterceptor;
import org.parley.xmpp.core.module.StanzaRouter;
import org.parley.xmpp.core.module.Verdict;
import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.stream.SplicedStanza;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Carries out the stanza path: a client's stanza passes the outbound interceptors, a stanza for a local account
 * the inbound interceptors, then {@link RoutingRules} decide (write to local sessions, hand IQs to modules, bounce).
 * Thread-safe; called on event loops and on virtual threads.
 */
public final class Router implements StanzaRouter, SessionView {
    private static final Logger log = LoggerFactory.getLogger(Router.class);
    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private final String domain;
    private final SessionTable table;
    private final LocalSessions locals;
    private final IqDispatcher dispatcher;
    private final Supplier<List<StanzaInterceptor>> interceptors;
    private final ModuleHooks hooks;
    private final Map<String, CompletableFuture<IQ>> pending = new ConcurrentHashMap<>();
    private final AtomicLong requestIds = new AtomicLong();

    /**
     * @param domain       the served domain
     * @param table        the session table
     * @param locals       this node's sessions
     * @param dispatcher   IQ handlers
     * @param interceptors the interceptors in stage order (read at each stanza; fixed once modules are sealed)
     * @param hooks        what modules provide besides interceptors: offline storage, the initial-presence event
     */
    public Router(String domain, SessionTable table, LocalSessions locals, IqDispatcher dispatcher,
                  Supplier<List<StanzaInterceptor>> interceptors, ModuleHooks hooks) {
        this.domain = domain;
        this.table = table;
        this.locals = locals;
        this.dispatcher = dispatcher;
        this.interceptors = interceptors;
        this.hooks = hooks;
    }

    /** What the modules provide to the router besides interceptors. */
    public interface ModuleHooks {
        /** No offline storage, nobody told of initial presence. */
        ModuleHooks NONE = new ModuleHooks() {
        };

        /** The offline message storage (XEP-0160), if a module provides one. */
        default Optional<OfflineStorage> offlineStorage() {
            return Optional.empty();
        }

        /** Called when {@code fullJid} becomes available, before it counts for bare-JID messages. */
        default void available(JID fullJid, int priority) {
        }

        /** The handler of a hosted service domain (e.g. {@code conference.localhost}), if a module serves it. */
        default Optional<org.parley.xmpp.core.module.ServiceHandler> service(String serviceDomain) {
            return Optional.empty();
        }
    }

    /** The served domain. */
    public String domain() {
        return domain;
    }

    /**
     * Routes a stanza a local client sent ({@code from} stamped to its full JID): records its own presence in the
     * session table, runs the outbound interceptors, then {@link #route}.
     *
     * @return completes when the stanza has passed every interceptor (the sender's and the recipient's) and
     *         met its fate; the stream holds back the client's next stanza until then, which keeps one sender's
     *         stanzas in order (RFC 6120 §10.1)
     */
    public CompletionStage<Void> routeFromClient(Packet stanza) {
        if (stanza instanceof Presence presence && presence.getTo() == null) recordOwnPresence(presence);
        return chain(i -> i.outbound(stanza)).thenCompose(verdict -> switch (verdict) {
            case Verdict.Continue c -> routeAndTrack(stanza);
            case Verdict.Handled h -> DONE;
            case Verdict.Reject r -> {
                bounce(stanza, r.error());
                yield DONE;
            }
        });
    }

    /**
     * Routes a stanza whose {@code from} is already stamped: a stanza for a local account passes its inbound
     * interceptors first.
     */
    @Override
    public CompletionStage<Void> route(Packet stanza) {
        return routeAndTrack(stanza);
    }

    /**
     * Serialises {@code stanza} once and routes one copy per recipient, each through its recipient's interceptors; a
     * copy that reaches a local client unchanged is written from the shared serialisation with its own {@code to}
     * ({@link SplicedStanza}), a copy an interceptor changed is serialised on its own. Each copy is the recipient
     * session's to keep (stream management, CSI): one DOM copy and no serialisation per recipient, and each event
     * loop is woken once for all the copies it got ({@link FanOut}).
     */
    @Override
    public CompletionStage<Void> fanOut(Packet stanza, Collection<JID> recipients) {
        Packet template = stanza.createCopy();
        template.setTo((JID) null);
        FanOut fan = new FanOut(SplicedStanza.of(template.getElement(), Namespaces.CLIENT));
        CompletableFuture<?>[] routed = new CompletableFuture<?>[recipients.size()];
        int i = 0;
        try {
            for (JID to : recipients) {
                Packet copy = template.createCopy();
                copy.setTo(to);
                routed[i++] = routeAndTrack(copy, fan).toCompletableFuture();
            }
        } finally {
            fan.wakeUp();
        }
        return CompletableFuture.allOf(routed);
    }

    private CompletionStage<Void> routeAndTrack(Packet stanza) {
        return routeAndTrack(stanza, null);
    }

    /**
     * {@link #route}, completing once the recipient's interceptors have decided and the rules were applied.
     *
     * @param fan the fan-out this copy belongs to, or null
     */
    private CompletionStage<Void> routeAndTrack(Packet stanza, FanOut fan) {
        JID to = stanza.getTo();
        if (to == null || to.getNode() == null || !domain.equals(to.getDomain())) {
            applyRules(stanza, fan, true);
            return DONE;
        }
        return chain(i -> i.inbound(stanza)).thenAccept(verdict -> {
            switch (verdict) {
                case Verdict.Continue c -> applyRules(stanza, fan, true);
                case Verdict.Handled h -> { }
                case Verdict.Reject r -> bounce(stanza, r.error());
            }
        });
    }

    @Override
    public CompletionStage<IQ> request(IQ request, Duration timeout) {
        String id = "parley-" + requestIds.incrementAndGet();
        IQ copy = request.createCopy();
        copy.setID(id);
        copy.setFrom(new JID(null, domain, null, true));
        CompletableFuture<IQ> response = new CompletableFuture<IQ>().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        pending.put(id, response);
        response.whenComplete((r, e) -> pending.remove(id));
        route(copy);
        return response;
    }

    @Override
    public void deliver(JID fullJid, Packet stanza) {
        locals.get(fullJid).ifPresent(session -> session.deliver(stanza));
    }

    @Override
    public List<BoundResource> resourcesOf(JID bareJid) {
        return table.sessionsOf(bareJid).stream()
                .map(e -> new BoundResource(e.fullJid(), e.priority(), e.available())).toList();
    }

    private void applyRules(Packet stanza) {
        applyRules(stanza, null, true);
    }

    /**
     * @param fan   the fan-out this copy belongs to, or null
     * @param gated whether a message may be held behind a user's offline messages (false once it was)
     */
    private void applyRules(Packet stanza, FanOut fan, boolean gated) {
        if (stanza instanceof IQ iq && iq.isResponse() && iq.getID() != null && iq.getTo() != null
                && iq.getTo().getNode() == null && domain.equals(iq.getTo().getDomain())) {
            CompletableFuture<IQ> waiting = pending.get(iq.getID());
            if (waiting != null) {
                waiting.complete(iq);
                return;
            }
        }
        Decision decision = RoutingRules.decide(stanza, domain, d -> hooks.service(d).isPresent(), table);
        switch (decision) {
            case Decision.Deliver deliver -> {
                // XEP-0160: a message may not overtake stored ones on their way out; when held, the rules are
                // applied again later in the user's order (the resource may be gone by then).
                if (!gated || !heldForOffline(stanza, fan)) deliver(deliver.sessions(), stanza, fan);
            }
            case Decision.HandleIq handle -> dispatcher.dispatch((IQ) stanza, handle.target(), this::route);
            case Decision.Bounce bounce -> bounce(stanza, new StanzaErrorException(bounce.condition()), bounce.rule());
            case Decision.StoreOffline store -> storeOffline((Message) stanza, store.rule());
            case Decision.ToService service -> toService(stanza, service.domain());
            case Decision.Ignore ignore -> log.debug("Ignored ({}): {}", ignore.rule(), stanza.toXML());
            case Decision.OwnPresence own -> broadcastToOwnResources((Presence) stanza);
        }
    }

    private void toService(Packet stanza, String serviceDomain) {
        try {
            hooks.service(serviceDomain).orElseThrow().handle(stanza);
        } catch (RuntimeException e) {
            log.error("Service {} failed on {}", serviceDomain, stanza.toXML(), e);
            bounce(stanza, new StanzaErrorException(PacketError.Condition.internal_server_error), "service failed");
        }
    }

    private CompletionStage<Verdict> chain(Function<StanzaInterceptor, CompletionStage<Verdict>> call) {
        return next(interceptors.get(), 0, call).exceptionally(e -> {
            log.error("An interceptor failed", e);
            return new Verdict.Reject(new StanzaErrorException(PacketError.Condition.internal_server_error));
        });
    }

    private static CompletionStage<Verdict> next(List<StanzaInterceptor> list, int index,
                                                 Function<StanzaInterceptor, CompletionStage<Verdict>> call) {
        if (index == list.size()) return Verdict.proceed();
        return call.apply(list.get(index)).thenCompose(verdict -> verdict instanceof Verdict.Continue
                ? next(list, index + 1, call) : CompletableFuture.completedFuture(verdict));
    }

    /**
     * Writes to each session; a fanned-out copy for one session is handed over with the shared serialisation (the
     * session writes from it if no interceptor changed the copy); a copy for several sessions is copied and
     * serialised per session.
     */
    private void deliver(List<JID> sessions, Packet stanza, FanOut fan) {
        if (fan != null && sessions.size() == 1) {
            Optional<ClientSession> session = locals.get(sessions.get(0));
            if (session.isPresent()) {
                fan.handOver(session.get(), stanza);
                return;
            }
        }
        sessions.forEach(jid -> deliverTo(jid, stanza));
    }

    private void deliverTo(JID fullJid, Packet stanza) {
        Optional<ClientSession> session = locals.get(fullJid);
        if (session.isPresent()) {
            session.get().deliver(stanza);
            return;
        }
        // The entry left between the decision and the write: an accepted message must not vanish silently.
        if (stanza instanceof Message || (stanza instanceof IQ iq && iq.isRequest())) {
            bounce(stanza, new StanzaErrorException(PacketError.Condition.service_unavailable),
                    "RFC 6121 §8.5.3.2: resource went away");
        }
    }

    private void bounce(Packet stanza, StanzaErrorException error) {
        bounce(stanza, error, "interceptor");
    }

    private void bounce(Packet stanza, StanzaErrorException error, String rule) {
        if (Stanzas.isError(stanza) || stanza.getFrom() == null) return;
        log.debug("Bouncing with {} ({}): {}", error.condition(), rule, stanza.toXML());
        Packet reply = Stanzas.bounce(stanza, error);
        if (reply.getFrom() == null) reply.setFrom(new JID(null, domain, null, true));
        route(reply);
    }

    /** RFC 6121 §8.5.2.2.1 / XEP-0160: the storage keeps the message, or it is bounced (service-unavailable). */
    private void storeOffline(Message message, String rule) {
        Optional<OfflineStorage> storage = hooks.offlineStorage();
        if (storage.isEmpty()) {
            bounce(message, new StanzaErrorException(PacketError.Condition.service_unavailable), rule);
            return;
        }
        storage.get().store(message).whenComplete((outcome, failure) -> {
            if (failure != null) {
                log.error("Offline storage failed; bouncing {}", message.toXML(), failure);
                bounce(message, new StanzaErrorException(PacketError.Condition.internal_server_error), rule);
                return;
            }
            switch (outcome) {
                case OfflineStorage.Outcome.Taken taken -> { }
                case OfflineStorage.Outcome.Refused refused -> bounce(message, refused.error(), rule);
                case OfflineStorage.Outcome.Online online -> applyRules(message, null, false);
            }
        });
    }

    /** Whether the offline storage holds this message for a local user to keep it behind older ones. */
    private boolean heldForOffline(Packet stanza, FanOut fan) {
        if (!(stanza instanceof Message) || stanza.getTo() == null || stanza.getTo().getNode() == null) return false;
        Optional<OfflineStorage> storage = hooks.offlineStorage();
        return storage.isPresent()
                && storage.get().holdDelivery(stanza.getTo().getNode(), () -> applyRules(stanza, fan, false));
    }

    /** RFC 6121 §4.7.2.3: a resource's availability and priority come from its last broadcast presence. */
    private void recordOwnPresence(Presence presence) {
        Presence.Type type = presence.getType();
        if (type != null && type != Presence.Type.unavailable) return;
        JID from = presence.getFrom();
        boolean available = type == null;
        table.get(from).ifPresent(e -> {
            int priority = available ? clampPriority(presence) : e.priority();
            // RFC 6121 §4.2: initial presence; modules hear of it before the resource takes bare-JID messages.
            if (available && !e.available()) hooks.available(from, priority);
            table.update(e.withPresence(priority, available));
        });
    }

    /**
     * RFC 6121 §4.2.2 / §4.4.2: without a presence module, a client's own presence goes to all of the user's
     * available resources (the presence module adds contacts).
     */
    private void broadcastToOwnResources(Presence presence) {
        JID from = presence.getFrom();
        for (SessionEntry s : table.sessionsOf(from.asBareJID())) {
            if (s.available() || s.fullJid().equals(from)) {
                Packet copy = presence.createCopy();
                copy.setTo(s.fullJid());
                deliverTo(s.fullJid(), copy);
            }
        }
    }

    private static int clampPriority(Presence presence) {
        try {
            return Math.max(-128, Math.min(127, presence.getPriority()));
        } catch (RuntimeException malformed) {
            return 0;
        }
    }
}
