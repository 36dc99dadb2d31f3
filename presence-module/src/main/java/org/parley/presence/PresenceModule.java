package org.parley.presence;

import org.parley.xmpp.core.module.UserQueues;
import org.parley.presence.lastactivity.LastActivityHandler;
import org.parley.presence.roster.RosterHandler;
import org.parley.presence.roster.RosterItem;
import org.parley.presence.roster.Rosters;
import org.parley.presence.roster.Subscription;
import org.parley.presence.roster.SubscriptionState;
import org.parley.presence.store.LastActivityStore;
import org.parley.xmpp.core.module.InterceptorStage;
import org.parley.xmpp.core.module.ModuleContext;
import org.parley.xmpp.core.module.SessionListener;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.parley.xmpp.core.module.StanzaInterceptor;
import org.parley.xmpp.core.module.StanzaRouter;
import org.parley.xmpp.core.module.Verdict;
import org.parley.xmpp.core.module.XmppModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * Presence (RFC 6121 §4) and presence subscriptions (§3) on top of rosters (§2): a client's broadcast presence
 * reaches its subscribers and its own resources, initial presence sends probes and replays stored subscription
 * requests, probes are answered with the last presence (or the time of the last logout, with {@code <delay/>}),
 * directed presence is remembered and cleaned up, and every subscription stanza moves the roster item through
 * the nine states of Appendix A ({@link SubscriptionState}), with roster pushes.
 *
 * <p>All work for one user runs in that user's {@link UserQueues queue}: in order, off the event loop.
 */
public final class PresenceModule implements XmppModule, StanzaInterceptor, SessionListener {
    private static final Logger log = LoggerFactory.getLogger(PresenceModule.class);
    private static final String DELAY = "urn:xmpp:delay";

    private final Rosters rosters;
    private final LastActivityStore lastActivity;
    private final UserQueues queues;
    private final PresenceTracker tracker;
    private final Predicate<String> accountExists;
    private final int maxRosterItems;
    private StanzaRouter router;
    private String domain;

    /**
     * @param rosters        the rosters
     * @param lastActivity   where logout times are kept (XEP-0012)
     * @param queues         the per-user queues
     * @param tracker        this node's presence state
     * @param accountExists  whether a local username has an account (blocking)
     * @param maxRosterItems the most items one roster may hold
     */
    public PresenceModule(Rosters rosters, LastActivityStore lastActivity, UserQueues queues, PresenceTracker tracker,
                          Predicate<String> accountExists, int maxRosterItems) {
        this.rosters = rosters;
        this.lastActivity = lastActivity;
        this.queues = queues;
        this.tracker = tracker;
        this.accountExists = accountExists;
        this.maxRosterItems = maxRosterItems;
    }

    @Override
    public String name() {
        return "presence";
    }

    @Override
    public void start(ModuleContext context) {
        this.router = context.router();
        this.domain = context.domain();
        context.addFeature(Rosters.NAMESPACE);
        // RFC 6121 §2.6.1 roster versioning and §3.4.1 subscription pre-approval are stream features.
        context.addStreamFeature("<ver xmlns='urn:xmpp:features:rosterver'/>");
        context.addStreamFeature("<sub xmlns='urn:xmpp:features:pre-approval'/>");
        context.register(new RosterHandler(rosters, tracker, queues, maxRosterItems, router::route));
        context.addFeature(LastActivityHandler.NAMESPACE);
        context.register(new LastActivityHandler(rosters, lastActivity, tracker));
        context.addInterceptor(InterceptorStage.PRESENCE, this);
        context.addSessionListener(this);
    }

    // ---- outbound: what a user's client sends ----

    @Override
    public CompletionStage<Verdict> outbound(Packet stanza) {
        if (!(stanza instanceof Presence presence)) return Verdict.proceed();
        Presence.Type type = presence.getType();
        if (type == Presence.Type.error) return Verdict.proceed();
        JID from = presence.getFrom();
        if (presence.getTo() == null) {
            // §4.2-§4.5: only available and unavailable presence is broadcast; a subscription stanza or probe
            // without 'to' addresses no one and must not be taken for unavailable presence.
            if (type != null && type != Presence.Type.unavailable) return Verdict.handled();
            return queues.run(from.getNode(), () -> broadcast(presence)).thenApply(v -> new Verdict.Handled());
        }
        if (type == Presence.Type.probe) return Verdict.handled(); // §4.3: probes are the server's business
        if (isSubscription(type)) {
            return queues.submit(from.getNode(), () -> outboundSubscription(presence)).thenCompose(v -> v);
        }
        // §4.6: directed presence; remembered so that unavailable presence reaches it later.
        return queues.run(from.getNode(), () -> directed(presence)).thenApply(v -> new Verdict.Continue());
    }

    /** RFC 6121 §4.2 (initial), §4.4 (update) and §4.5 (unavailable) broadcast presence. */
    private void broadcast(Presence presence) {
        JID from = presence.getFrom();
        String user = from.getNode();
        boolean available = presence.getType() == null;
        Set<JID> directedTo = Set.of();
        boolean initial = false;
        boolean wasAvailable = true;
        if (available) {
            Presence stamped = presence.createCopy();
            // XEP-0203: when this presence was sent, for those who get it later (probes, new resources).
            stamped.getElement().addElement("delay", DELAY).addAttribute("from", domain)
                    .addAttribute("stamp", DateTimeFormatter.ISO_INSTANT.format(Instant.now()));
            initial = tracker.available(from, stamped);
        } else {
            // A session that died has no status of its own: "last seen" keeps the last one it broadcast.
            String status = presence.getStatus() != null ? presence.getStatus()
                    : tracker.lastPresence(from).map(Presence::getStatus).orElse(null);
            wasAvailable = tracker.lastPresence(from).isPresent();
            directedTo = tracker.unavailable(from);
            // (An account cancelled in-band, XEP-0077 §3.2, ends its sessions after its rows are gone: nothing to keep.)
            if (wasAvailable && tracker.availableResources(from.asBareJID()).isEmpty() && accountExists.test(user)) {
                // XEP-0012 §4: the last resource went offline: remember when, and its last status, before anyone
                // who sees the unavailable presence can ask.
                lastActivity.save(user, new LastActivityStore.LastActivity(Instant.now(), status));
            }
        }
        List<RosterItem> items = rosters.items(user);
        // §4.2.2 / §4.4.2 / §4.5.2: to every contact with a subscription 'from' or 'both' (a resource that was
        // never available has nothing to take back from them).
        for (RosterItem item : wasAvailable ? items : List.<RosterItem>of()) {
            Subscription sub = item.state().subscription();
            if (sub == Subscription.FROM || sub == Subscription.BOTH) send(presence, from, item.jid());
        }
        // §4.6.3: unavailable presence also goes to every entity that got directed presence.
        for (JID target : directedTo) send(presence, from, target);
        // §4.2.2: "to all of the user's available resources (including the resource that generated it)".
        for (Map.Entry<JID, Presence> resource : tracker.availableResources(from.asBareJID())) {
            send(presence, from, resource.getKey());
        }
        if (!available && !from.equals(presence.getTo())) send(presence, from, from);
        if (initial) {
            // §4.2.2: the presence of the user's other available resources goes to the new one.
            for (Map.Entry<JID, Presence> other : tracker.availableResources(from.asBareJID())) {
                if (!other.getKey().equals(from)) send(other.getValue(), other.getKey(), from);
            }
            // §4.2.2: probes to every contact the user is subscribed to ('to' or 'both').
            for (RosterItem item : items) {
                Subscription sub = item.state().subscription();
                if (sub == Subscription.TO || sub == Subscription.BOTH) {
                    Presence probe = new Presence(Presence.Type.probe);
                    probe.setFrom(from.asBareJID());
                    probe.setTo(item.jid());
                    router.route(probe);
                }
            }
            // §3.1.3: subscription requests that arrived while the user was offline are delivered now.
            for (RosterItem item : items) {
                if (item.state().pendingIn()) {
                    Presence request = new Presence(Presence.Type.subscribe);
                    request.setFrom(item.jid());
                    request.setTo(from);
                    if (item.pendingInStatus() != null) request.setStatus(item.pendingInStatus());
                    router.deliver(from, request);
                }
            }
        }
    }

    private void send(Presence presence, JID from, JID to) {
        Presence copy = presence.createCopy();
        copy.setFrom(from);
        copy.setTo(to);
        if (to.getNode() != null && to.getResource() != null && domain.equals(to.getDomain())) {
            router.deliver(to, copy);
        } else {
            router.route(copy);
        }
    }

    /** RFC 6121 §4.6: directed presence is remembered (available) or forgotten (unavailable). */
    private void directed(Presence presence) {
        JID from = presence.getFrom();
        JID to = presence.getTo();
        Optional<RosterItem> item = to.getNode() == null ? Optional.empty() : rosters.item(from.getNode(), to);
        boolean subscriber = item.map(i -> i.state().subscription() == Subscription.FROM
                || i.state().subscription() == Subscription.BOTH).orElse(false);
        if (subscriber) return; // §4.6.1: a subscriber gets broadcasts anyway
        if (presence.getType() == null) {
            tracker.directedAvailable(from, to);
        } else if (presence.getType() == Presence.Type.unavailable) {
            tracker.directedUnavailable(from, to);
        }
    }

    /** RFC 6121 §3 (Appendix A.2): the user sends subscribe, subscribed, unsubscribe or unsubscribed. */
    private CompletionStage<Verdict> outboundSubscription(Presence presence) {
        JID user = presence.getFrom().asBareJID();
        JID contact = presence.getTo().asBareJID();
        String username = user.getNode();
        Optional<RosterItem> existing = rosters.item(username, contact);
        if (existing.isEmpty() && rosters.items(username).size() >= maxRosterItems) {
            return Verdict.reject(StanzaErrorException.policyViolation(
                    "a roster holds at most " + maxRosterItems + " items"));
        }
        RosterItem item = existing.orElseGet(() -> RosterItem.of(contact, null, List.of()).withVisible(false));
        SubscriptionState state = item.state();
        Presence.Type type = presence.getType();
        SubscriptionState.Transition transition = switch (type) {
            case subscribe -> state.outboundSubscribe();
            case subscribed -> state.outboundSubscribed();
            case unsubscribe -> state.outboundUnsubscribe();
            default -> state.outboundUnsubscribed();
        };
        RosterItem next = item.withState(transition.next());
        log.debug("{} sends {} to {}: {} -> {}", user, type, contact, state, transition.next());
        boolean pushNeeded = transition.stateChanged();
        if (type == Presence.Type.subscribed && transition.stateChanged() && !item.visible()) {
            // §3.1.5: approving a request puts the contact in the roster ('from') and pushes it.
            next = next.withVisible(true);
            pushNeeded = true;
        }
        if (type == Presence.Type.subscribe && !item.visible()) {
            // §3.1.2: a subscribe to a contact not in the roster adds it (and pushes it).
            next = next.withVisible(true);
            pushNeeded = true;
        }
        if (type == Presence.Type.subscribed && !transition.deliver() && !state.pendingIn()
                && state.subscription() != Subscription.FROM && state.subscription() != Subscription.BOTH) {
            // §3.4.2: 'subscribed' without a pending request is a pre-approval (we advertise the feature).
            next = next.withApproved(true).withVisible(true);
            pushNeeded = true;
        }
        if (type == Presence.Type.unsubscribed && item.approved()) {
            // §3.4: 'unsubscribed' cancels a pre-approval.
            next = next.withApproved(false);
            pushNeeded = true;
        }
        if (transition.next().pendingIn() != state.pendingIn() || !transition.next().pendingIn()) {
            next = next.withPendingInStatus(null);
        }
        if (pushNeeded || !next.equals(item)) {
            RosterItem stored = rosters.save(username, next);
            if (pushNeeded && stored.visible()) push(user, stored);
        }
        if (!transition.deliver()) return Verdict.handled();
        // §3.1.2: "the user's server MUST stamp the outbound subscription request with the user's bare JID".
        Presence forward = presence.createCopy();
        forward.setFrom(user);
        forward.setTo(contact);
        CompletionStage<Void> routed = router.route(forward);
        if (type == Presence.Type.subscribed) {
            // §3.1.5: after approving, "the user's server MUST send presence ... from all of the user's available
            // resources to the contact".
            for (Map.Entry<JID, Presence> resource : tracker.availableResources(user)) {
                send(resource.getValue(), resource.getKey(), contact);
            }
        } else if (type == Presence.Type.unsubscribed) {
            // §3.2.2: after cancelling the contact's subscription, unavailable presence from each resource.
            for (Map.Entry<JID, Presence> resource : tracker.availableResources(user)) {
                Presence gone = new Presence(Presence.Type.unavailable);
                send(gone, resource.getKey(), contact);
            }
        }
        // Handled once the contact has taken it: the user's next stanza waits, so a quick 'unsubscribed' then
        // 'subscribed' reach the contact in that order (RFC 6120 §10.1). A future, never a wait in a queue.
        return routed.handle((v, e) -> new Verdict.Handled());
    }

    // ---- inbound: what reaches a local user ----

    @Override
    public CompletionStage<Verdict> inbound(Packet stanza) {
        if (!(stanza instanceof Presence presence) || presence.getFrom() == null) return Verdict.proceed();
        Presence.Type type = presence.getType();
        String username = presence.getTo().getNode();
        if (type == Presence.Type.probe) {
            queues.run(username, () -> answerProbe(presence));
            return Verdict.handled();
        }
        if (isSubscription(type)) {
            // Completes once the contact's roster is updated and the stanza delivered, which a roster removal waits
            // for (RosterHandler); a failure is logged by the queue and the stanza is handled either way.
            return queues.run(username, () -> inboundSubscription(presence)).handle((v, e) -> new Verdict.Handled());
        }
        return Verdict.proceed();
    }

    /** RFC 6121 §4.3.2: the server answers a probe on behalf of a subscribed-to user. */
    private void answerProbe(Presence probe) {
        JID user = probe.getTo().asBareJID();
        JID prober = probe.getFrom();
        boolean self = prober.toBareJID().equals(user.toBareJID());
        if (!self) {
            Optional<RosterItem> item = rosters.item(user.getNode(), prober.asBareJID());
            Subscription sub = item.map(i -> i.state().subscription()).orElse(Subscription.NONE);
            // §4.3.2: only an entity subscribed to the user ('from' or 'both') learns its presence.
            if (sub != Subscription.FROM && sub != Subscription.BOTH) return;
        }
        List<Map.Entry<JID, Presence>> resources = tracker.availableResources(user);
        if (!resources.isEmpty()) {
            for (Map.Entry<JID, Presence> resource : resources) send(resource.getValue(), resource.getKey(), prober);
            return;
        }
        // §4.3.2: no available resource: unavailable presence, with the time of the last logout (XEP-0203).
        Presence gone = new Presence(Presence.Type.unavailable);
        lastActivity.get(user.getNode()).ifPresent(last -> {
            if (last.status() != null) gone.setStatus(last.status());
            gone.getElement().addElement("delay", DELAY).addAttribute("from", domain)
                    .addAttribute("stamp", DateTimeFormatter.ISO_INSTANT.format(last.at()));
        });
        send(gone, user, prober);
    }

    /** RFC 6121 §3 (Appendix A.3): a contact's subscribe, subscribed, unsubscribe or unsubscribed arrives. */
    private void inboundSubscription(Presence presence) {
        JID user = presence.getTo().asBareJID();
        JID contact = presence.getFrom().asBareJID();
        String username = user.getNode();
        // RFC 6121 §8.5.1: presence to an account that does not exist is silently ignored.
        if (!accountExists.test(username)) return;
        Optional<RosterItem> existing = rosters.item(username, contact);
        if (existing.isEmpty() && rosters.items(username).size() >= maxRosterItems) {
            log.info("Ignored a subscription request to {}: the roster is full", username);
            return; // a full roster takes no more requests (no unbounded hidden items from strangers)
        }
        RosterItem item = existing.orElseGet(() -> RosterItem.of(contact, null, List.of()).withVisible(false));
        SubscriptionState state = item.state();
        Presence.Type type = presence.getType();
        if (type == Presence.Type.subscribe) {
            Subscription sub = state.subscription();
            if (sub == Subscription.FROM || sub == Subscription.BOTH || item.approved()) {
                // §3.1.3 (already subscribed) and §3.4 (pre-approved): the server auto-replies 'subscribed'.
                if (item.approved() && sub != Subscription.FROM && sub != Subscription.BOTH) {
                    RosterItem stored = rosters.save(username,
                            item.withState(state.inboundSubscribe().next().outboundSubscribed().next())
                                    .withApproved(false).withPendingInStatus(null));
                    if (stored.visible()) push(user, stored);
                }
                Presence subscribed = new Presence(Presence.Type.subscribed);
                subscribed.setFrom(user);
                subscribed.setTo(contact);
                router.route(subscribed);
                for (Map.Entry<JID, Presence> resource : tracker.availableResources(user)) {
                    send(resource.getValue(), resource.getKey(), contact);
                }
                return;
            }
        }
        SubscriptionState.Transition transition = switch (type) {
            case subscribe -> state.inboundSubscribe();
            case subscribed -> state.inboundSubscribed();
            case unsubscribe -> state.inboundUnsubscribe();
            default -> state.inboundUnsubscribed();
        };
        RosterItem next = item.withState(transition.next());
        log.debug("{} receives {} from {}: {} -> {}", user, type, contact, state, transition.next());
        if (type == Presence.Type.subscribe && transition.next().pendingIn()) {
            next = next.withPendingInStatus(presence.getStatus());
        } else if (!transition.next().pendingIn()) {
            next = next.withPendingInStatus(null);
        }
        if (existing.isEmpty() && !transition.stateChanged()) return; // nothing to remember
        if (!next.equals(item)) {
            RosterItem stored = rosters.save(username, next);
            if (transition.stateChanged() && stored.visible()) push(user, stored);
        }
        if (!transition.deliver()) return;
        Presence deliver = presence.createCopy();
        deliver.setFrom(contact);
        // §3.1.3 / §3.1.6 / §3.2.3 / §3.3.3: delivered to all of the user's available resources (a subscribe
        // to a user with none stays stored as pending and is delivered at the next initial presence).
        for (Map.Entry<JID, Presence> resource : tracker.availableResources(user)) {
            Presence copy = deliver.createCopy();
            copy.setTo(resource.getKey());
            router.deliver(resource.getKey(), copy);
        }
        if (type == Presence.Type.unsubscribe) {
            // §3.3.3: the contact no longer receives the user's presence: unavailable from each resource.
            for (Map.Entry<JID, Presence> resource : tracker.availableResources(user)) {
                send(new Presence(Presence.Type.unavailable), resource.getKey(), contact);
            }
        }
    }

    private void push(JID user, RosterItem item) {
        for (JID resource : tracker.interestedResources(user)) {
            router.deliver(resource, rosters.push(user, resource, item.jid(), item, item.version()));
        }
    }

    // ---- sessions ----

    @Override
    public void unbound(JID fullJid) {
        queues.run(fullJid.getNode(), () -> tracker.ended(fullJid));
    }

    private static boolean isSubscription(Presence.Type type) {
        return type == Presence.Type.subscribe || type == Presence.Type.subscribed
                || type == Presence.Type.unsubscribe || type == Presence.Type.unsubscribed;
    }

    @Override
    public void bound(JID fullJid) {
        // A user's first session starts from the stored roster (it may have changed while nobody was online).
        if (tracker.availableResources(fullJid.asBareJID()).isEmpty()
                && tracker.interestedResources(fullJid.asBareJID()).isEmpty()) {
            queues.run(fullJid.getNode(), () -> rosters.forget(fullJid.getNode()));
        }
        log.debug("{} bound", fullJid);
    }
}
