package org.parley.presence.pep;

import org.parley.presence.Listeners;
import org.parley.presence.PresenceTracker;
import org.parley.xmpp.core.module.UserQueues;
import org.parley.presence.roster.Rosters;
import org.parley.xmpp.core.module.DiscoIdentity;
import org.parley.xmpp.core.module.InterceptorStage;
import org.parley.xmpp.core.module.ModuleContext;
import org.parley.xmpp.core.module.SessionListener;
import org.parley.xmpp.core.module.StanzaInterceptor;
import org.parley.xmpp.core.module.Verdict;
import org.parley.xmpp.core.module.XmppModule;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Personal Eventing Protocol (XEP-0163): every account is a PEP service. This core wires the concerns together —
 * the nodes ({@link PepNodes} over a {@link PepStore}), who may see them ({@link AccessPolicy}), the IQ handlers
 * ({@link PubSubHandler}, {@link OwnerHandler}, {@link AccountDiscoHandler}), who wants what ({@link CapsCache},
 * fed by the caps in the presence local clients broadcast, at the {@link InterceptorStage#CAPS} stage), and the
 * notifications ({@link Notifier}, {@link LastPublished}). Notifications go to local accounts only (no s2s yet).
 */
public final class PepModule implements XmppModule, StanzaInterceptor, SessionListener {
    private final PepStore store;
    private final Rosters rosters;
    private final PresenceTracker tracker;
    private final UserQueues queues;
    private final Set<String> accountFeatures = new CopyOnWriteArraySet<>();
    private final Listeners<PepListener> listeners = new Listeners<>();
    private CapsCache caps;
    private LastPublished lastPublished;
    private PepService service;

    /**
     * @param store   where nodes and items live
     * @param rosters the rosters (presence subscriptions decide access and recipients)
     * @param tracker the available resources
     * @param queues  the per-user queues (the owner's work runs in the owner's queue)
     */
    public PepModule(PepStore store, Rosters rosters, PresenceTracker tracker, UserQueues queues) {
        this.store = store;
        this.rosters = rosters;
        this.tracker = tracker;
        this.queues = queues;
    }

    @Override
    public String name() {
        return "pep";
    }

    @Override
    public void start(ModuleContext context) {
        String domain = context.domain();
        PepNodes nodes = new PepNodes(store);
        AccessPolicy policy = new AccessPolicy(rosters, domain);
        caps = new CapsCache(context.router(), (resource, interests) ->
                queues.run(resource.getNode(), () -> lastPublished.send(resource, interests)));
        Notifier notifier = new Notifier(rosters, tracker, caps, domain);
        lastPublished = new LastPublished(nodes, policy, notifier, rosters, context.router(), domain);
        // XEP-0163 §6: the account's bare JID answers with pubsub/pep and the features (AccountDiscoHandler); the
        // server advertises them too (as Prosody and ejabberd do), which is where Smack's OMEMO support looks.
        context.addIdentity(new DiscoIdentity("pubsub", "pep", "Parley PEP"));
        PubSub.FEATURES.forEach(context::addFeature);
        service = new PepService(nodes, notifier);
        context.register(new PubSubHandler(nodes, service, policy, listeners, queues));
        context.register(new OwnerHandler(nodes, policy, notifier, listeners, queues));
        context.register(new AccountDiscoHandler(nodes, policy, accountFeatures, context::accountDiscoNode));
        context.addInterceptor(InterceptorStage.CAPS, this);
        context.addSessionListener(this);
    }

    /** XEP-0115 / XEP-0163 §4.2: notes the caps of a local resource's broadcast presence; never stops it. */
    @Override
    public CompletionStage<Verdict> outbound(Packet stanza) {
        if (stanza instanceof Presence presence && presence.getTo() == null
                && (presence.getType() == null || presence.getType() == Presence.Type.unavailable)) {
            caps.presence(presence);
        }
        return Verdict.proceed();
    }

    @Override
    public void unbound(JID fullJid) {
        caps.forget(fullJid);
    }

    /**
     * Tells {@code listener} of what owners do to their nodes from now on (XEP-0398 and XEP-0402 conversions).
     * Call while modules start, before clients connect.
     */
    public void addListener(PepListener listener) {
        listeners.add(listener);
    }

    /**
     * Adds a feature to the disco#info of accounts, as their owners and subscribers see it (XEP-0163 §6.1), e.g.
     * {@code urn:xmpp:pep-vcard-conversion:0} (XEP-0398 §2). Call while modules start.
     */
    public void addAccountFeature(String feature) {
        accountFeatures.add(feature);
    }

    /**
     * The PEP service for publishing on a user's behalf.
     *
     * @throws IllegalStateException before this module has started
     */
    public PepService service() {
        if (service == null) throw new IllegalStateException("the pep module has not started");
        return service;
    }

    /** The nodes a resource wants notifications of (for tests and diagnostics). */
    public Set<String> interests(JID fullJid) {
        return caps.interests(fullJid);
    }
}
