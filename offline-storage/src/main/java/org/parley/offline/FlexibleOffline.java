package org.parley.offline;

import org.dom4j.Element;
import org.parley.xmpp.core.module.AccountDiscoNode;
import org.parley.xmpp.core.module.IqHandler;
import org.parley.xmpp.core.module.IqKey;
import org.parley.xmpp.core.module.Outbox;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.parley.xmpp.core.module.UserQueues;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Flexible Offline Message Retrieval (XEP-0013): a client that asks before its initial presence may count and list
 * its stored messages (disco#info / disco#items of the {@code http://jabber.org/protocol/offline} node, §2.2-§2.4),
 * read some or all of them (§2.5, §2.7) and remove some or all (§2.6, §2.8); the server then does not push them
 * at its initial presence. Each message handed out carries {@code <offline><item node='…'/></offline>}.
 */
final class FlexibleOffline implements IqHandler, AccountDiscoNode {
    static final String NAMESPACE = "http://jabber.org/protocol/offline";

    private final OfflineStore store;
    private final int maxMessages;
    private final UserQueues queues;
    private final OfflineDelivery delivery;
    private final String domain;
    /** Resources that use XEP-0013: their initial presence does not push the stored messages. */
    private final Set<JID> flexible = ConcurrentHashMap.newKeySet();

    /** Turns a stored message into the stanza handed to a client. */
    interface OfflineDelivery {
        Message stanza(OfflineMessage stored, JID to);
    }

    FlexibleOffline(OfflineStore store, int maxMessages, UserQueues queues, OfflineDelivery delivery, String domain) {
        this.store = store;
        this.maxMessages = Math.max(maxMessages, 1);
        this.queues = queues;
        this.delivery = delivery;
        this.domain = domain;
    }

    /** Whether {@code resource} retrieves its messages itself. */
    boolean isFlexible(JID resource) {
        return flexible.contains(resource);
    }

    /** Forgets a resource whose session ended. */
    void forget(JID resource) {
        flexible.remove(resource);
    }

    @Override
    public String node() {
        return NAMESPACE;
    }

    /** XEP-0013 §2.3: the number of messages, as a form; the node is an automation/message-list. */
    @Override
    public void info(String owner, Element query) {
        query.addElement("identity").addAttribute("category", "automation").addAttribute("type", "message-list");
        query.addElement("feature").addAttribute("var", NAMESPACE);
        Element form = query.addElement("x", "jabber:x:data").addAttribute("type", "result");
        form.addElement("field").addAttribute("var", "FORM_TYPE").addAttribute("type", "hidden")
                .addElement("value").setText(NAMESPACE);
        int count = queues.submit(owner, () -> store.count(owner)).join();
        form.addElement("field").addAttribute("var", "number_of_messages").addElement("value").setText(Integer.toString(count));
    }

    /** XEP-0013 §2.4: one item per message: the node is its id, the name its sender. */
    @Override
    public void items(String owner, Element query) {
        String account = new JID(owner, domain, null, true).toBareJID();
        for (OfflineMessage m : queues.submit(owner, () -> store.oldest(owner, maxMessages)).join()) {
            query.addElement("item").addAttribute("jid", account).addAttribute("node", Long.toString(m.id()))
                    .addAttribute("name", m.sender());
        }
    }

    @Override
    public Set<IqKey> keys() {
        return Set.of(IqKey.account(IQ.Type.get, "offline", NAMESPACE), IqKey.account(IQ.Type.set, "offline", NAMESPACE));
    }

    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public IQ handle(IQ request, Outbox outbox) throws StanzaErrorException {
        JID from = request.getFrom();
        JID to = request.getTo();
        // XEP-0013: a user's stored messages are the user's alone.
        if (to != null && (to.getNode() == null || !to.toBareJID().equals(from.toBareJID()))) {
            throw new StanzaErrorException(PacketError.Condition.forbidden);
        }
        flexible.add(from);
        String user = from.getNode();
        Element offline = request.getChildElement();
        boolean get = request.getType() == IQ.Type.get;
        return queues.call(user, () -> {
            if (offline.element("fetch") != null && get) {
                // §2.7: all messages, kept until removed.
                store.oldest(user, maxMessages).forEach(m -> outbox.send(delivery.stanza(m, from)));
            } else if (offline.element("purge") != null && !get) {
                // §2.8: remove all.
                store.delete(user, store.oldest(user, maxMessages).stream().map(OfflineMessage::id).toList());
            } else {
                handleItems(user, from, offline, get, outbox);
            }
            return IQ.createResultIQ(request);
        });
    }

    /** §2.5 view (get) and §2.6 remove (set) by node; an unknown node is {@code <item-not-found/>}. */
    private void handleItems(String user, JID from, Element offline, boolean get, Outbox outbox)
            throws StanzaErrorException {
        List<Element> items = offline.elements("item");
        String action = get ? "view" : "remove";
        if (items.isEmpty() || items.stream().anyMatch(i -> !action.equals(i.attributeValue("action")))) {
            throw new StanzaErrorException(PacketError.Condition.bad_request,
                    "expected <item action='" + action + "' node='…'/> elements, <fetch/> or <purge/>");
        }
        Map<Long, OfflineMessage> stored = new LinkedHashMap<>();
        for (OfflineMessage m : store.oldest(user, maxMessages)) stored.put(m.id(), m);
        List<OfflineMessage> chosen = new ArrayList<>();
        for (Element item : items) {
            OfflineMessage m = parseNode(item.attributeValue("node")).map(stored::get).orElse(null);
            if (m == null) throw new StanzaErrorException(PacketError.Condition.item_not_found);
            chosen.add(m);
        }
        if (get) chosen.forEach(m -> outbox.send(delivery.stanza(m, from)));
        else store.delete(user, chosen.stream().map(OfflineMessage::id).toList());
    }

    private static Optional<Long> parseNode(String node) {
        try {
            return node == null ? Optional.empty() : Optional.of(Long.parseLong(node));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
