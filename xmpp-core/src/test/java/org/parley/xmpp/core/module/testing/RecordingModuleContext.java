package org.parley.xmpp.core.module.testing;

import org.parley.xmpp.core.module.DiscoIdentity;
import org.parley.xmpp.core.module.DiscoNode;
import org.parley.xmpp.core.module.InterceptorStage;
import org.parley.xmpp.core.module.IqHandler;
import org.parley.xmpp.core.module.IqKey;
import org.parley.xmpp.core.module.ModuleContext;
import org.parley.xmpp.core.module.AccountDiscoNode;
import org.parley.xmpp.core.module.OfflineStorage;
import org.parley.xmpp.core.module.SessionListener;
import org.parley.xmpp.core.module.SessionView;
import org.parley.xmpp.core.module.StanzaInterceptor;
import org.parley.xmpp.core.module.StanzaRouter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ModuleContext} that records what a module registers at start (handlers by key, features, interceptors
 * by stage, stream features, session listeners), and rejects a key registered twice as the real one does.
 */
public final class RecordingModuleContext implements ModuleContext {
    private final String domain;
    private final StanzaRouter router;
    private final SessionView sessions;
    private final Map<IqKey, IqHandler> handlers = new LinkedHashMap<>();
    private final Set<String> features = new TreeSet<>();
    private final Set<DiscoIdentity> identities = new LinkedHashSet<>();
    private final Map<String, DiscoNode> discoNodes = new LinkedHashMap<>();
    private final Map<InterceptorStage, List<StanzaInterceptor>> interceptors = new LinkedHashMap<>();
    private final List<String> streamFeatures = new ArrayList<>();
    private final List<SessionListener> sessionListeners = new ArrayList<>();
    private OfflineStorage offlineStorage;
    private final List<org.parley.xmpp.core.module.HostedService> services = new ArrayList<>();
    private final Map<String, AccountDiscoNode> accountDiscoNodes = new ConcurrentHashMap<>();

    public RecordingModuleContext(String domain, StanzaRouter router, SessionView sessions) {
        this.domain = domain;
        this.router = router;
        this.sessions = sessions;
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public void register(IqHandler handler) {
        for (IqKey key : handler.keys()) {
            if (handlers.putIfAbsent(key, handler) != null) throw new IllegalStateException("key taken: " + key);
        }
    }

    @Override
    public void addFeature(String feature) {
        features.add(feature);
    }

    @Override
    public void addIdentity(DiscoIdentity identity) {
        identities.add(identity);
    }

    @Override
    public void addDiscoNode(DiscoNode node) {
        if (discoNodes.putIfAbsent(node.node(), node) != null) throw new IllegalStateException("node taken: " + node.node());
    }

    @Override
    public Optional<DiscoNode> discoNode(String node) {
        return Optional.ofNullable(discoNodes.get(node));
    }

    @Override
    public void addInterceptor(InterceptorStage stage, StanzaInterceptor interceptor) {
        interceptors.computeIfAbsent(stage, s -> new ArrayList<>()).add(interceptor);
    }

    @Override
    public void addStreamFeature(String featureXml) {
        streamFeatures.add(featureXml);
    }

    @Override
    public void addSessionListener(SessionListener listener) {
        sessionListeners.add(listener);
    }

    @Override
    public void addAccountDiscoNode(AccountDiscoNode node) {
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
        if (offlineStorage != null) throw new IllegalStateException("offline storage is provided already");
        offlineStorage = storage;
    }

    /** The offline storage a module provided, if any. */
    public Optional<OfflineStorage> offlineStorage() {
        return Optional.ofNullable(offlineStorage);
    }

    @Override
    public void addService(org.parley.xmpp.core.module.HostedService service) {
        if (service.domain().equals(domain) || services.stream().anyMatch(s -> s.domain().equals(service.domain()))) {
            throw new IllegalStateException("service domain taken: " + service.domain());
        }
        services.add(service);
    }

    @Override
    public List<org.parley.xmpp.core.module.HostedService> services() {
        return List.copyOf(services);
    }

    @Override
    public StanzaRouter router() {
        return router;
    }

    @Override
    public SessionView sessions() {
        return sessions;
    }

    @Override
    public Set<String> features() {
        return Collections.unmodifiableSet(features);
    }

    @Override
    public Set<DiscoIdentity> identities() {
        return Collections.unmodifiableSet(identities);
    }

    /** The handler registered for {@code key}, if any. */
    public Optional<IqHandler> handler(IqKey key) {
        return Optional.ofNullable(handlers.get(key));
    }

    /** The interceptors added at {@code stage}. */
    public List<StanzaInterceptor> interceptors(InterceptorStage stage) {
        return interceptors.getOrDefault(stage, List.of());
    }

    /** The stream features advertised, as XML. */
    public List<String> streamFeatures() {
        return List.copyOf(streamFeatures);
    }

    /** The session listeners added. */
    public List<SessionListener> sessionListeners() {
        return List.copyOf(sessionListeners);
    }
}
