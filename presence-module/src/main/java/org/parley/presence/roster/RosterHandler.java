package org.parley.presence.roster;

import org.dom4j.Element;
import org.parley.presence.OwnAccount;
import org.parley.presence.PresenceTracker;
import org.parley.xmpp.core.module.UserQueues;
import org.parley.presence.store.RosterStore;
import org.parley.xmpp.core.module.IqHandler;
import org.parley.xmpp.core.module.IqKey;
import org.parley.xmpp.core.module.Outbox;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Roster management (RFC 6121 §2): get with versioning (§2.6), set (§2.4) and remove (§2.5), with roster pushes
 * to the user's interested resources (§2.1.6). Runs in the user's queue so it is ordered with presence work.
 */
public final class RosterHandler implements IqHandler {
    /** Longest accepted item name or group name, in characters. */
    public static final int MAX_NAME_LENGTH = 1023;

    /** How long a removal's answer waits for the contact to take the resulting presence stanzas. */
    private static final Duration RECIPIENT_WAIT = Duration.ofSeconds(10);

    private final Rosters rosters;
    private final PresenceTracker tracker;
    private final UserQueues queues;
    private final int maxItems;
    private final Function<Packet, CompletionStage<Void>> route;

    /**
     * @param rosters  the rosters
     * @param tracker  presence state (interested resources)
     * @param queues   the per-user queues
     * @param maxItems the most items a roster may hold
     * @param route    routes presence stanzas sent on the user's behalf (removal, RFC 6121 §2.5.2); completes when
     *                 the recipient has taken them
     */
    public RosterHandler(Rosters rosters, PresenceTracker tracker, UserQueues queues, int maxItems,
                         Function<Packet, CompletionStage<Void>> route) {
        this.rosters = rosters;
        this.tracker = tracker;
        this.queues = queues;
        this.maxItems = maxItems;
        this.route = route;
    }

    @Override
    public Set<IqKey> keys() {
        return Set.of(IqKey.account(IQ.Type.get, "query", Rosters.NAMESPACE),
                IqKey.account(IQ.Type.set, "query", Rosters.NAMESPACE));
    }

    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public IQ handle(IQ request, Outbox outbox) throws StanzaErrorException {
        // RFC 6121 §2.1.5: a roster belongs to its user only: a request about another's roster is <forbidden/>.
        JID from = OwnAccount.sender(request);
        List<CompletableFuture<Void>> routed = new CopyOnWriteArrayList<>();
        IQ result = queues.call(from.getNode(), () -> request.getType() == IQ.Type.get
                ? get(request, from, outbox) : set(request, from, outbox, routed));
        awaitRecipients(routed);
        return result;
    }

    /**
     * Answers a removal only once the contact has taken the {@code unsubscribe}/{@code unsubscribed} it caused
     * (RFC 6121 §2.5.2), so that what the client does next (e.g. a new {@code subscribe} to the same contact) cannot
     * reach the contact before them. Waits outside the user's queue, so no two queues ever wait for each other.
     */
    private static void awaitRecipients(List<CompletableFuture<Void>> routed) {
        if (routed.isEmpty()) return;
        try {
            CompletableFuture.allOf(routed.toArray(CompletableFuture[]::new)).get(RECIPIENT_WAIT.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // The stanzas are on their way regardless; only the answer is no longer held back.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** RFC 6121 §2.2 roster get, with §2.6.3 versioning: a current 'ver' gets an empty result. */
    private IQ get(IQ request, JID from, Outbox outbox) {
        String user = from.getNode();
        tracker.interested(from);
        long current = rosters.store().version(user);
        String ver = request.getChildElement().attributeValue("ver");
        IQ result = IQ.createResultIQ(request);
        if (ver != null) {
            Long known = parseVersion(ver);
            if (known != null && known == current) return result;
            if (known != null && known < current) {
                // §2.6.3: "an empty IQ-result ... followed by roster pushes" for each change since that version.
                for (RosterStore.Change change : rosters.store().changesSince(user, known)) {
                    if (change.item() != null && !change.item().visible()) continue;
                    IQ push = rosters.push(from, from, change.jid(), change.item(), change.version());
                    outbox.afterReply(() -> route.apply(push));
                }
                return result;
            }
        }
        Element query = result.setChildElement("query", Rosters.NAMESPACE);
        query.addAttribute("ver", Long.toString(current));
        for (RosterItem item : rosters.items(user)) {
            if (item.visible()) Rosters.writeItem(query, item);
        }
        return result;
    }

    private static Long parseVersion(String ver) {
        try {
            long v = Long.parseLong(ver);
            return v >= 0 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** RFC 6121 §2.3-§2.5 roster set: add or update one item, or remove it. */
    private IQ set(IQ request, JID from, Outbox outbox, List<CompletableFuture<Void>> routed)
            throws StanzaErrorException {
        String user = from.getNode();
        List<Element> items = request.getChildElement().elements("item");
        // §2.3.3: "the roster set contains more than one item → <bad-request/>".
        if (items.size() != 1) throw new StanzaErrorException(PacketError.Condition.bad_request, "exactly one item is required");
        Element item = items.get(0);
        JID contact;
        try {
            contact = new JID(item.attributeValue("jid", ""));
        } catch (IllegalArgumentException e) {
            throw new StanzaErrorException(PacketError.Condition.jid_malformed, "invalid jid");
        }
        if (contact.getDomain() == null || contact.getDomain().isEmpty()) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "the item needs a jid");
        }
        JID bare = contact.asBareJID();
        if ("remove".equals(item.attributeValue("subscription"))) return remove(request, from, bare, outbox, routed);

        String name = item.attributeValue("name");
        // §2.3.3: values that are too long get <not-acceptable/>.
        if (name != null && name.length() > MAX_NAME_LENGTH) {
            throw new StanzaErrorException(PacketError.Condition.not_acceptable, "name is too long");
        }
        Set<String> groups = new LinkedHashSet<>();
        for (Element g : item.elements("group")) {
            String group = g.getText();
            if (group == null || group.isEmpty()) {
                throw new StanzaErrorException(PacketError.Condition.not_acceptable, "a group name must not be empty");
            }
            if (group.length() > MAX_NAME_LENGTH) {
                throw new StanzaErrorException(PacketError.Condition.not_acceptable, "group name is too long");
            }
            // §2.3.3: "the roster set contains ... duplicate <group/> elements → <bad-request/>".
            if (!groups.add(group)) throw new StanzaErrorException(PacketError.Condition.bad_request, "duplicate group " + group);
        }
        Optional<RosterItem> existing = rosters.item(user, bare);
        if (existing.isEmpty() && rosters.items(user).size() >= maxItems) {
            throw StanzaErrorException.policyViolation("a roster holds at most " + maxItems + " items");
        }
        // §2.1.2.5: the client cannot set 'subscription' (other than remove) or 'ask'; they are ignored.
        RosterItem updated = existing.map(i -> i.withNameAndGroups(name, new ArrayList<>(groups)))
                .orElseGet(() -> RosterItem.of(bare, name, new ArrayList<>(groups)));
        RosterItem stored = rosters.save(user, updated);
        pushToInterested(from.asBareJID(), bare, stored, stored.version(), outbox);
        return IQ.createResultIQ(request);
    }

    /** RFC 6121 §2.5.2: removing an item cancels subscriptions both ways, then pushes the removal. */
    private IQ remove(IQ request, JID from, JID contact, Outbox outbox, List<CompletableFuture<Void>> routed)
            throws StanzaErrorException {
        String user = from.getNode();
        RosterItem item = rosters.item(user, contact)
                // §2.5.3: removing an item that is not in the roster gets <item-not-found/>.
                .orElseThrow(() -> new StanzaErrorException(PacketError.Condition.item_not_found));
        SubscriptionState state = item.state();
        Subscription sub = state.subscription();
        long version = rosters.remove(user, contact).orElseThrow();
        if (sub == Subscription.TO || sub == Subscription.BOTH || state.pendingOut()) {
            routed.add(route.apply(subscriptionPresence(from, contact, Presence.Type.unsubscribe)).toCompletableFuture());
        }
        if (sub == Subscription.FROM || sub == Subscription.BOTH || state.pendingIn()) {
            routed.add(route.apply(subscriptionPresence(from, contact, Presence.Type.unsubscribed)).toCompletableFuture());
        }
        if (item.visible()) pushToInterested(from.asBareJID(), contact, null, version, outbox);
        return IQ.createResultIQ(request);
    }

    private static Presence subscriptionPresence(JID user, JID contact, Presence.Type type) {
        Presence p = new Presence(type);
        p.setFrom(user.asBareJID());
        p.setTo(contact);
        return p;
    }

    private void pushToInterested(JID user, JID contact, RosterItem item, long version, Outbox outbox) {
        for (JID resource : tracker.interestedResources(user)) {
            outbox.send(rosters.push(user, resource, contact, item, version));
        }
    }
}
