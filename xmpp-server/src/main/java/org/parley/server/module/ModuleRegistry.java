package org.parley.server.module;

import org.parley.xmpp.core.module.DiscoIdentity;
import org.parley.xmpp.core.module.DiscoNode;
import org.parley.server.routing.Router;
import org.parley.xmpp.core.module.InterceptorStage;
import org.parley.xmpp.core.module.AccountDiscoNode;
import org.parley.xmpp.core.module.OfflineStorage;
import org.parley.xmpp.core.module.SessionListener;
import org.parley.xmpp.core.module.SessionView;
import org.parley.xmpp.core.module.StanzaInterceptor;
import org.parley.xmpp.core.module.StanzaRouter;
import org.xmpp.packet.JID;
import org.parley.xmpp.core.module.IqHandler;
import org.parley.xmpp.core.module.IqKey;
import org.parley.xmpp.core.module.ModuleContext;
import org.parley.xmpp.core.module.XmppModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Starts modules and records what each registers (STYLE.md §2, §4): one handler per {@link IqKey}, a duplicate
 * key fails at start-up, nothing registers after {@link #seal()}. Stopping undoes every registration.
 */
public final class ModuleRegistry implements ModuleContext, Router.ModuleHooks {
    private static final Logger log = LoggerFactory.getLogger(ModuleRegistry.class);

    private final String domain;
    private final Map<IqKey, IqHandler> handlers = new ConcurrentHashMap<>();
    private final Set<String> features = Collections.synchronizedSet(new TreeSet<>());
    private final Set<DiscoIdentity> identities = Collections.synchronizedSet(new LinkedHashSet<>());
    private final Map<String, DiscoNode> discoNodes = new ConcurrentHashMap<>();
    private final List<XmppModule> started = new ArrayList<>();
    private final Map<InterceptorStage, List<StanzaInterceptor>> interceptors = new EnumMap<>(InterceptorStage.class);
    private final List<SessionListener> sessionListeners = new CopyOnWriteArrayList<>();
    private volatile OfflineStorage offlineStorage;
    private final Map<String, AccountDiscoNode> accountDiscoNodes = new ConcurrentHashMap<>();
    private final List<String> streamFeatures = new CopyOnWriteArrayList<>();
    private final Map<String, org.parley.xmpp.core.module.HostedService> services =
            Collections.synchronizedMap(new java.util.LinkedHashMap<>());
    private StanzaRouter router;
    private SessionView sessions;
    private volatile boolean sealed;

    /** @param domain the served domain */
    public ModuleRegistry(String domain) {
        this.domain = domain;
    }

    /**
     * Gives modules the router and the session view; call once, before starting modules.
     */
    public void attach(StanzaRouter stanzaRouter, SessionView sessionView) {
        this.router = stanzaRouter;
        this.sessions = sessionView;
    }

    /**
     * Starts {@code module}, which registers through this context.
     *
     * @throws IllegalStateException on a duplicate key or after {@link #seal()}
     */
    public void start(XmppModule module) {
        checkOpen();
        module.start(this);
        started.add(module);
        log.debug("Module {} started", module.name());
    }

    /** Ends registration: the dispatch table is final from now on. */
    public void seal() {
        sealed = true;
    }

    /** Stops all modules in reverse order and forgets their registrations. */
    public void stopAll() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).stop();
            } catch (RuntimeException e) {
                log.warn("Module {} failed to stop", started.get(i).name(), e);
            }
        }
        started.clear();
        handlers.clear();
        features.clear();
        identities.clear();
        discoNodes.clear();
        interceptors.clear();
        sessionListeners.clear();
        streamFeatures.clear();
        offlineStorage = null;
        accountDiscoNodes.clear();
        services.clear();
    }

    /** The handler for {@code key}, if any module serves it. */
    public Optional<IqHandler> handler(IqKey key) {
        return Optional.ofNullable(handlers.get(key));
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public void register(IqHandler handler) {
        checkOpen();
        for (IqKey key : handler.keys()) {
            IqHandler previous = handlers.putIfAbsent(key, handler);
            if (previous != null) {
                throw new IllegalStateException("IQ " + key + " is served by both " + previous.getClass().getSimpleName()
                        + " and " + handler.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void addFeature(String feature) {
        checkOpen();
        features.add(feature);
    }

    @Override
    public void addIdentity(DiscoIdentity identity) {
        checkOpen();
        identities.add(identity);
    }

    @Override
    public synchronized void addInterceptor(InterceptorStage stage, StanzaInterceptor interceptor) {
        checkOpen();
        interceptors.computeIfAbsent(stage, s -> new ArrayList<>()).add(interceptor);
    }

    /** The interceptors in stage order (fixed once sealed). */
    public synchronized List<StanzaInterceptor> interceptors() {
        List<StanzaInterceptor> all = new ArrayList<>();
        interceptors.values().forEach(all::addAll);
        return List.copyOf(all);
    }

    @Override
    public void addStreamFeature(String featureXml) {
        checkOpen();
        streamFeatures.add(featureXml);
    }

    /** The post-authentication stream features modules registered, as XML elements. */
    public List<String> streamFeatures() {
        return List.copyOf(streamFeatures);
    }

    @Override
    public void addSessionListener(SessionListener listener) {
        checkOpen();
        sessionListeners.add(listener);
    }

    /** Tells every listener that {@code fullJid} was bound. */
    public void sessionBound(JID fullJid) {
        for (SessionListener l : sessionListeners) {
            try {
                l.bound(fullJid);
            } catch (RuntimeException e) {
                log.warn("Session listener failed on bind of {}", fullJid, e);
            }
        }
    }

    /** Tells every listener that {@code fullJid} became available (RFC 6121 §4.2). */
    @Override
    public void available(JID fullJid, int priority) {
        for (SessionListener l : sessionListeners) {
            try {
                l.available(fullJid, priority);
            } catch (RuntimeException e) {
                log.warn("Session listener failed on initial presence of {}", fullJid, e);
            }
        }
    }

    @Override
    public void addAccountDiscoNode(AccountDiscoNode node) {
        checkOpen();
        if (accountDiscoNodes.putIfAbsent(node.node(), node) != null) {
            throw new IllegalStateException("account disco node taken: " + node.node());
        }
    }

    @Override
    public Optional<AccountDiscoNode> accountDiscoNode(String node) {
        return Optional.ofNullable(accountDiscoNodes.get(node));
    }

    @Override
    public void setOfflineStorage(OfflineStorage storage) {
        checkOpen();
        if (offlineStorage != null) throw new IllegalStateException("offline storage is provided already");
        offlineStorage = storage;
    }

    @Override
    public Optional<OfflineStorage> offlineStorage() {
        return Optional.ofNullable(offlineStorage);
    }

    /** Tells every listener that the session of {@code fullJid} ended. */
    public void sessionUnbound(JID fullJid) {
        for (SessionListener l : sessionListeners) {
            try {
                l.unbound(fullJid);
            } catch (RuntimeException e) {
                log.warn("Session listener failed on end of {}", fullJid, e);
            }
        }
    }

    @Override
    public void addService(org.parley.xmpp.core.module.HostedService service) {
        checkOpen();
        if (service.domain().equals(domain)) throw new IllegalStateException("a service cannot take the server's own domain");
        if (services.putIfAbsent(service.domain(), service) != null) {
            throw new IllegalStateException("service domain " + service.domain() + " is served twice");
        }
    }

    @Override
    public List<org.parley.xmpp.core.module.HostedService> services() {
        synchronized (services) {
            return List.copyOf(services.values());
        }
    }

    @Override
    public Optional<org.parley.xmpp.core.module.ServiceHandler> service(String serviceDomain) {
        org.parley.xmpp.core.module.HostedService s = services.get(serviceDomain);
        return s == null ? Optional.empty() : Optional.of(s.handler());
    }

    @Override
    public StanzaRouter router() {
        if (router == null) throw new IllegalStateException("no router attached");
        return router;
    }

    @Override
    public SessionView sessions() {
        if (sessions == null) throw new IllegalStateException("no session view attached");
        return sessions;
    }

    @Override
    public void addDiscoNode(DiscoNode node) {
        checkOpen();
        if (discoNodes.putIfAbsent(node.node(), node) != null) {
            throw new IllegalStateException("disco node " + node.node() + " is registered twice");
        }
    }

    @Override
    public Optional<DiscoNode> discoNode(String node) {
        return Optional.ofNullable(discoNodes.get(node));
    }

    @Override
    public Set<String> features() {
        return Collections.unmodifiableSet(features);
    }

    @Override
    public Set<DiscoIdentity> identities() {
        return Collections.unmodifiableSet(identities);
    }

    private void checkOpen() {
        if (sealed) throw new IllegalStateException("modules register before the server starts, not after");
    }
}
