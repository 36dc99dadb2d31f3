package org.parley.presence.pep;

import org.parley.presence.roster.RosterItem;
import org.parley.presence.roster.Rosters;
import org.parley.presence.roster.Subscription;
import org.parley.xmpp.core.module.StanzaRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

import java.util.Set;

/**
 * "Last published item on presence" (XEP-0163 §4.3.2, XEP-0060 §6.1.7): when a resource newly shows interest in
 * nodes (its initial presence, or caps that add {@code NODE+notify}), it gets the last item of each such node of
 * its own account and of every local contact it is subscribed to ('to' or 'both') whose node it may see, unless
 * the node says {@code send_last_published_item=never}. Blocking (rosters, store): run in the user's queue.
 */
public final class LastPublished {
    private static final Logger log = LoggerFactory.getLogger(LastPublished.class);

    private final PepNodes nodes;
    private final AccessPolicy policy;
    private final Notifier notifier;
    private final Rosters rosters;
    private final StanzaRouter router;
    private final String domain;

    /**
     * @param nodes    the owners' nodes and their last items
     * @param policy   who may see which node (access models, XEP-0060 §4.5)
     * @param notifier builds and sends the event messages
     * @param rosters  whose nodes a resource is subscribed to (its own and its 'to'/'both' contacts')
     * @param router   sends the items
     * @param domain   the local domain
     */
    public LastPublished(PepNodes nodes, AccessPolicy policy, Notifier notifier, Rosters rosters, StanzaRouter router,
                         String domain) {
        this.nodes = nodes;
        this.policy = policy;
        this.notifier = notifier;
        this.rosters = rosters;
        this.router = router;
        this.domain = domain;
    }

    /** Sends {@code resource} the last items of {@code interests} from its account and its contacts. */
    public void send(JID resource, Set<String> interests) {
        String user = resource.getNode();
        sendFrom(user, resource, interests);
        for (RosterItem item : rosters.items(user)) {
            Subscription sub = item.state().subscription();
            if ((sub == Subscription.TO || sub == Subscription.BOTH) && domain.equals(item.jid().getDomain())
                    && item.jid().getNode() != null) {
                sendFrom(item.jid().getNode(), resource, interests);
            }
        }
    }

    private void sendFrom(String owner, JID resource, Set<String> interests) {
        for (String name : interests) {
            nodes.node(owner, name).ifPresent(entry -> {
                NodeConfig config = entry.node().config();
                if (config.sendLastPublished() != SendLastPublished.ON_SUB_AND_PRESENCE || entry.last().isEmpty()) return;
                if (!policy.allows(owner, config.accessModel(), resource)) return;
                log.debug("Last item {} of {} on {} sent to {}", entry.last().get().id(), owner, name, resource);
                router.route(notifier.itemEvent(owner, name, entry.last().get(), resource, true));
            });
        }
    }
}
