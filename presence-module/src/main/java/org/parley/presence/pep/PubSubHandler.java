package org.parley.presence.pep;

import org.dom4j.Element;
import org.parley.presence.Listeners;
import org.parley.xmpp.core.module.UserQueues;
import org.parley.xmpp.core.module.IqHandler;
import org.parley.xmpp.core.module.IqKey;
import org.parley.xmpp.core.module.Outbox;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code pubsub} requests of a PEP service (XEP-0163 §3, §5; XEP-0060): publish with auto-create and
 * publish-options (§7.1), retract (§7.2), create (§8.1), and items retrieval (§6.5) by the owner or, per the
 * node's access model, by others. Subscriptions are implicit in PEP (XEP-0163 §4: presence and caps) and explicit
 * ones are not implemented.
 */
public final class PubSubHandler implements IqHandler {
    private final PepNodes nodes;
    private final PepService service;
    private final AccessPolicy policy;
    private final Listeners<PepListener> listeners;
    private final UserQueues queue;

    PubSubHandler(PepNodes nodes, PepService service, AccessPolicy policy, Listeners<PepListener> listeners, UserQueues queue) {
        this.nodes = nodes;
        this.service = service;
        this.policy = policy;
        this.listeners = listeners;
        this.queue = queue;
    }

    @Override
    public Set<IqKey> keys() {
        return Set.of(IqKey.account(IQ.Type.set, "pubsub", PubSub.NAMESPACE),
                IqKey.account(IQ.Type.get, "pubsub", PubSub.NAMESPACE));
    }

    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public IQ handle(IQ request, Outbox outbox) throws StanzaErrorException {
        JID from = request.getFrom();
        if (from == null) throw PubSub.forbidden();
        String owner = request.getTo() == null ? from.getNode() : request.getTo().getNode();
        Element pubsub = request.getChildElement();
        Element action = pubsub.elements().stream().filter(e -> !e.getName().equals("publish-options")
                && !e.getName().equals("configure")).findFirst()
                .orElseThrow(() -> new StanzaErrorException(PacketError.Condition.bad_request, "no pubsub action"));
        if (request.getType() == IQ.Type.get) {
            if (!action.getName().equals("items")) throw PubSub.unsupported(action.getName() + " is not implemented");
            return queue.call(owner, () -> items(request, owner, action));
        }
        // XEP-0060 §7.1.3.1: only the owner (the sole publisher of a PEP node) may publish, retract or create.
        if (!policy.isOwner(owner, from)) throw PubSub.forbidden();
        return queue.call(owner, () -> switch (action.getName()) {
            case "publish" -> publish(request, owner, pubsub, action, outbox);
            case "retract" -> retract(request, owner, action, outbox);
            case "create" -> create(request, owner, pubsub, action);
            default -> throw PubSub.unsupported(action.getName() + " is not implemented");
        });
    }

    /** XEP-0060 §7.1 with XEP-0163 §3 auto-create and §7.1.5 publish-options. */
    private IQ publish(IQ request, String owner, Element pubsub, Element publish, Outbox outbox)
            throws StanzaErrorException {
        String nodeName = nodeId(publish);
        List<Element> items = publish.elements("item");
        // XEP-0060 §7.1.3.6: a publish to a node that delivers payloads must carry one item with one payload.
        if (items.size() != 1) throw PubSub.badRequest(items.isEmpty() ? "item-required" : "invalid-payload");
        Element item = items.getFirst();
        List<Element> payloads = item.elements();
        if (payloads.isEmpty()) throw PubSub.badRequest("payload-required");
        if (payloads.size() > 1) throw PubSub.badRequest("invalid-payload");
        PepItem published = service.publish(owner, nodeName, item.attributeValue("id"), payloads.getFirst(),
                PublishOptions.of(pubsub), outbox::send);
        listeners.tell(l -> l.published(owner, nodeName, published, outbox::send));
        IQ result = IQ.createResultIQ(request);
        result.setChildElement("pubsub", PubSub.NAMESPACE).addElement("publish").addAttribute("node", nodeName)
                .addElement("item").addAttribute("id", published.id());
        return result;
    }

    /** XEP-0060 §7.2: delete an item and notify (notify_retract is always true here). */
    private IQ retract(IQ request, String owner, Element retract, Outbox outbox) throws StanzaErrorException {
        String nodeName = nodeId(retract);
        Element item = retract.element("item");
        // XEP-0060 §7.2.3.3 / §7.2.3.4: an item with an id is required.
        if (item == null || item.attributeValue("id") == null) throw PubSub.badRequest("item-required");
        String id = item.attributeValue("id");
        // XEP-0060 §7.2.3.5: retracting an item that does not exist gets <item-not-found/>.
        service.retract(owner, nodeName, id, outbox::send);
        listeners.tell(l -> l.retracted(owner, nodeName, id, outbox::send));
        return IQ.createResultIQ(request);
    }

    /** XEP-0060 §8.1 (with §8.1.3 create-and-configure); PEP nodes need a name (no instant nodes). */
    private IQ create(IQ request, String owner, Element pubsub, Element create) throws StanzaErrorException {
        String nodeName = create.attributeValue("node");
        // XEP-0060 §8.1.2: without instant-nodes support, <not-acceptable/> + <nodeid-required/>.
        if (nodeName == null || nodeName.isEmpty()) {
            throw new StanzaErrorException(PacketError.Condition.not_acceptable, null, "nodeid-required", PubSub.ERRORS);
        }
        NodeConfig config;
        try {
            config = NodeConfigForm.apply(NodeConfig.DEFAULT, DataForms.fields(pubsub.element("configure")));
        } catch (NodeConfigForm.UnsupportedOption e) {
            throw new StanzaErrorException(PacketError.Condition.not_acceptable, e.getMessage());
        }
        // XEP-0060 §8.1.3.2 (and §8.1.1): a node that exists gets <conflict/>.
        if (!nodes.create(owner, new PepNode(nodeName, config))) throw new StanzaErrorException(PacketError.Condition.conflict);
        return IQ.createResultIQ(request);
    }

    /** XEP-0060 §6.5: all items, the newest {@code max_items} (§6.5.7), or those by id (§6.5.8), oldest first. */
    private IQ items(IQ request, String owner, Element items) throws StanzaErrorException {
        String nodeName = nodeId(items);
        // XEP-0060 §6.5.9: a node that does not exist gets <item-not-found/>.
        PepNode node = nodes.node(owner, nodeName).orElseThrow(PubSub::itemNotFound).node();
        policy.check(owner, node.config().accessModel(), request.getFrom());
        List<String> ids = new ArrayList<>();
        for (Element item : items.elements("item")) {
            if (item.attributeValue("id") != null) ids.add(item.attributeValue("id"));
        }
        List<PepItem> found = new ArrayList<>(ids.isEmpty()
                ? nodes.items(owner, nodeName, maxItems(items)) : nodes.items(owner, nodeName, ids));
        java.util.Collections.reverse(found);
        IQ result = IQ.createResultIQ(request);
        Element out = result.setChildElement("pubsub", PubSub.NAMESPACE).addElement("items").addAttribute("node", nodeName);
        for (PepItem item : found) {
            Element e = out.addElement("item").addAttribute("id", item.id());
            Element payload = Notifier.parse(item.payloadXml());
            if (payload != null) e.add(payload);
        }
        return result;
    }

    private static int maxItems(Element items) throws StanzaErrorException {
        String max = items.attributeValue("max_items");
        if (max == null) return NodeConfig.MAX_ITEMS;
        try {
            int n = Integer.parseInt(max);
            if (n > 0) return Math.min(n, NodeConfig.MAX_ITEMS);
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new StanzaErrorException(PacketError.Condition.bad_request, "max_items must be a positive number");
    }

    /** XEP-0060 §7.1.3.3 and others: the node attribute is required: {@code <bad-request/>} + {@code <nodeid-required/>}. */
    static String nodeId(Element action) throws StanzaErrorException {
        String node = action.attributeValue("node");
        if (node == null || node.isEmpty()) throw PubSub.badRequest("nodeid-required");
        return node;
    }
}
