package org.parley.presence.lastactivity;

import org.dom4j.Element;
import org.parley.presence.PresenceTracker;
import org.parley.presence.roster.Rosters;
import org.parley.presence.roster.Subscription;
import org.parley.presence.store.LastActivityStore;
import org.parley.xmpp.core.module.IqHandler;
import org.parley.xmpp.core.module.IqKey;
import org.parley.xmpp.core.module.Outbox;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Last Activity (XEP-0012): to the server, its uptime (§5); to an account's bare JID, the seconds since its last
 * resource went offline and the last status (§4), only for the user itself and entities subscribed to its
 * presence; 0 seconds while a resource is online. Queries to a full JID reach the client (its idle time, §3).
 */
public final class LastActivityHandler implements IqHandler {
    /** The XEP-0012 namespace. */
    public static final String NAMESPACE = "jabber:iq:last";

    private final Rosters rosters;
    private final LastActivityStore store;
    private final PresenceTracker tracker;
    private final Instant started = Instant.now();

    /**
     * @param rosters the rosters (who may see a user's last activity: subscription 'from' or 'both')
     * @param store   the logout times
     * @param tracker who is online now (0 seconds)
     */
    public LastActivityHandler(Rosters rosters, LastActivityStore store, PresenceTracker tracker) {
        this.rosters = rosters;
        this.store = store;
        this.tracker = tracker;
    }

    @Override
    public Set<IqKey> keys() {
        return Set.of(IqKey.server(IQ.Type.get, "query", NAMESPACE), IqKey.account(IQ.Type.get, "query", NAMESPACE));
    }

    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public IQ handle(IQ request, Outbox outbox) throws StanzaErrorException {
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", NAMESPACE);
        JID to = request.getTo();
        if (to == null || to.getNode() == null) {
            if (to == null) return accountActivity(request, request.getFrom().asBareJID(), result, query);
            // XEP-0012 §5: the server's own uptime.
            query.addAttribute("seconds", Long.toString(Duration.between(started, Instant.now()).toSeconds()));
            return result;
        }
        return accountActivity(request, to.asBareJID(), result, query);
    }

    private IQ accountActivity(IQ request, JID account, IQ result, Element query) throws StanzaErrorException {
        JID requester = request.getFrom();
        boolean self = requester.toBareJID().equals(account.toBareJID());
        if (!self) {
            Subscription sub = rosters.item(account.getNode(), requester.asBareJID())
                    .map(i -> i.state().subscription()).orElse(Subscription.NONE);
            // XEP-0012 §4: "the server MUST NOT reveal" last activity to an entity not subscribed ('from'/'both').
            if (sub != Subscription.FROM && sub != Subscription.BOTH) {
                throw new StanzaErrorException(PacketError.Condition.forbidden);
            }
        }
        if (!tracker.availableResources(account).isEmpty()) {
            query.addAttribute("seconds", "0");
            return result;
        }
        LastActivityStore.LastActivity last = store.get(account.getNode())
                // XEP-0012 §4: no record of a logout: <service-unavailable/>.
                .orElseThrow(() -> new StanzaErrorException(PacketError.Condition.service_unavailable));
        query.addAttribute("seconds", Long.toString(Math.max(0, Duration.between(last.at(), Instant.now()).toSeconds())));
        if (last.status() != null) query.setText(last.status());
        return result;
    }
}
