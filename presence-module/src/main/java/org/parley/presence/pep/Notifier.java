package org.parley.presence.pep;

import org.dom4j.Document;
import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.parley.presence.PresenceTracker;
import org.parley.presence.roster.RosterItem;
import org.parley.presence.roster.Rosters;
import org.parley.presence.roster.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Event notifications (XEP-0163 §4, XEP-0060 §7.1.2.1, §7.2.2.1, §8.4.2): who gets them — the owner's available
 * resources and, unless the node is whitelisted, those of contacts with a presence subscription to the owner
 * ('from' or 'both'), in both cases only resources whose caps show {@code NODE+notify} (§4.2) — and what they look
 * like: a headline message from the owner's bare JID with an {@code <event/>}. Reads rosters (blocking).
 */
public final class Notifier {
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    private static final String DELAY = "urn:xmpp:delay";

    private final Rosters rosters;
    private final PresenceTracker tracker;
    private final CapsCache caps;
    private final String domain;
    private final AtomicLong ids = new AtomicLong();

    /**
     * @param rosters the owners' rosters (who is subscribed to an owner's presence)
     * @param tracker the available resources and their presence
     * @param caps    which resources asked for {@code NODE+notify} (XEP-0115)
     * @param domain  the local domain (notifications leave from the owner's bare JID there)
     */
    public Notifier(Rosters rosters, PresenceTracker tracker, CapsCache caps, String domain) {
        this.rosters = rosters;
        this.tracker = tracker;
        this.caps = caps;
        this.domain = domain;
    }

    /** The available local resources that get notifications of {@code node} of {@code owner}. */
    public List<JID> recipients(String owner, PepNode node) {
        Set<JID> bareJids = new LinkedHashSet<>();
        bareJids.add(new JID(owner, domain, null, true));
        if (node.config().accessModel() != AccessModel.WHITELIST) {
            for (RosterItem item : rosters.items(owner)) {
                Subscription sub = item.state().subscription();
                // XEP-0163 §4.1: contacts "subscribed to the account owner's presence" get notifications.
                if ((sub == Subscription.FROM || sub == Subscription.BOTH) && domain.equals(item.jid().getDomain())) {
                    bareJids.add(item.jid());
                }
            }
        }
        List<JID> recipients = new ArrayList<>();
        for (JID bare : bareJids) {
            for (Map.Entry<JID, ?> resource : tracker.availableResources(bare)) {
                // XEP-0163 §4.2: only to resources that asked for NODE+notify in their caps.
                if (caps.interests(resource.getKey()).contains(node.name())) recipients.add(resource.getKey());
            }
        }
        return recipients;
    }

    /** Notifies of a published item (XEP-0060 §7.1.2.1), with its payload. */
    public void published(String owner, PepNode node, PepItem item, Consumer<Message> send) {
        List<JID> recipients = recipients(owner, node);
        log.debug("Item {} of {} on {} notified to {}", item.id(), owner, node.name(), recipients);
        for (JID to : recipients) send.accept(itemEvent(owner, node.name(), item, to, false));
    }

    /** Notifies of a retracted item (XEP-0060 §7.2.2.1). */
    public void retracted(String owner, PepNode node, String itemId, Consumer<Message> send) {
        for (JID to : recipients(owner, node)) {
            Message m = event(owner, to);
            m.getElement().element("event").addElement("items").addAttribute("node", node.name())
                    .addElement("retract").addAttribute("id", itemId);
            send.accept(m);
        }
    }

    /** Notifies of a purged node (XEP-0060 §8.5.2). */
    public void purged(String owner, PepNode node, Consumer<Message> send) {
        for (JID to : recipients(owner, node)) {
            Message m = event(owner, to);
            m.getElement().element("event").addElement("purge").addAttribute("node", node.name());
            send.accept(m);
        }
    }

    /** Notifies of a deleted node (XEP-0060 §8.4.2); call before deleting it, while its recipients are known. */
    public void deleted(String owner, PepNode node, Consumer<Message> send) {
        for (JID to : recipients(owner, node)) {
            Message m = event(owner, to);
            m.getElement().element("event").addElement("delete").addAttribute("node", node.name());
            send.accept(m);
        }
    }

    /**
     * The notification of {@code item} for {@code to}; with {@code delayed} (the last published item sent later,
     * XEP-0163 §4.3.2) it carries a {@code <delay/>} with the publication time (XEP-0060 §6.1.7, XEP-0203).
     */
    public Message itemEvent(String owner, String node, PepItem item, JID to, boolean delayed) {
        Message m = event(owner, to);
        Element itemElement = m.getElement().element("event").addElement("items").addAttribute("node", node)
                .addElement("item").addAttribute("id", item.id());
        Element payload = parse(item.payloadXml());
        if (payload != null) itemElement.add(payload);
        if (delayed) {
            m.getElement().addElement("delay", DELAY).addAttribute("from", owner + "@" + domain)
                    .addAttribute("stamp", DateTimeFormatter.ISO_INSTANT.format(item.publishedAt()));
        }
        return m;
    }

    private Message event(String owner, JID to) {
        Message m = new Message();
        // XEP-0163 §4: "the server MUST send notifications ... from the account owner's bare JID", type headline.
        m.setType(Message.Type.headline);
        m.setID("pep-" + ids.incrementAndGet());
        m.setFrom(new JID(owner, domain, null, true));
        m.setTo(to);
        m.getElement().addElement("event", PubSub.EVENT);
        return m;
    }

    /** The stored payload as an element (detached), or null. */
    static Element parse(String xml) {
        if (xml == null) return null;
        try {
            Document doc = DocumentHelper.parseText(xml);
            return doc.getRootElement().createCopy();
        } catch (DocumentException e) {
            log.warn("Unparseable stored PEP payload: {}", e.getMessage());
            return null;
        }
    }
}
