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

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The owner use cases of a PEP node (XEP-0060 §8, namespace {@code pubsub#owner}): get and submit the
 * configuration form (§8.2) and delete the node (§8.4) and purge its items (§8.5), with notifications. Only the owner may.
 */
public final class OwnerHandler implements IqHandler {
    private final PepNodes nodes;
    private final AccessPolicy policy;
    private final Notifier notifier;
    private final Listeners<PepListener> listeners;
    private final UserQueues queue;

    OwnerHandler(PepNodes nodes, AccessPolicy policy, Notifier notifier, Listeners<PepListener> listeners, UserQueues queue) {
        this.nodes = nodes;
        this.policy = policy;
        this.notifier = notifier;
        this.listeners = listeners;
        this.queue = queue;
    }

    @Override
    public Set<IqKey> keys() {
        return Set.of(IqKey.account(IQ.Type.get, "pubsub", PubSub.OWNER), IqKey.account(IQ.Type.set, "pubsub", PubSub.OWNER));
    }

    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public IQ handle(IQ request, Outbox outbox) throws StanzaErrorException {
        JID from = request.getFrom();
        String owner = request.getTo() == null ? from.getNode() : request.getTo().getNode();
        // XEP-0060 §8.2.3.3 / §8.4.3.1: only the owner configures or deletes a node.
        if (!policy.isOwner(owner, from)) throw PubSub.forbidden();
        Element action = request.getChildElement().elements().stream().findFirst()
                .orElseThrow(() -> new StanzaErrorException(PacketError.Condition.bad_request, "no pubsub action"));
        String name = action.getName();
        boolean get = request.getType() == IQ.Type.get;
        return queue.call(owner, () -> {
            if (name.equals("configure") && get) return configuration(request, owner, action);
            if (name.equals("configure")) return configure(request, owner, action);
            if (name.equals("delete") && !get) return delete(request, owner, action, outbox);
            if (name.equals("purge") && !get) return purge(request, owner, action, outbox);
            throw PubSub.unsupported(name + " is not implemented");
        });
    }

    /** XEP-0060 §8.2.1: the configuration form of a node. */
    private IQ configuration(IQ request, String owner, Element configure) throws StanzaErrorException {
        String nodeName = PubSubHandler.nodeId(configure);
        PepNode node = nodes.node(owner, nodeName).orElseThrow(PubSub::itemNotFound).node();
        IQ result = IQ.createResultIQ(request);
        Element out = result.setChildElement("pubsub", PubSub.OWNER).addElement("configure").addAttribute("node", nodeName);
        NodeConfigForm.write(out, node.config());
        return result;
    }

    /** XEP-0060 §8.2.4 (submit; a cancel changes nothing); an unsupported option gets {@code <not-acceptable/>}. */
    private IQ configure(IQ request, String owner, Element configure) throws StanzaErrorException {
        String nodeName = PubSubHandler.nodeId(configure);
        PepNode node = nodes.node(owner, nodeName).orElseThrow(PubSub::itemNotFound).node();
        if ("cancel".equals(DataForms.type(configure))) return IQ.createResultIQ(request);
        Map<String, List<String>> fields = DataForms.fields(configure);
        String formType = NodeConfigForm.formType(fields).orElse(NodeConfigForm.NODE_CONFIG);
        // XEP-0060 §8.2.5: a form that is not a node configuration form is a bad request.
        if (fields.isEmpty() || !formType.equals(NodeConfigForm.NODE_CONFIG)) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "a pubsub#node_config form is required");
        }
        NodeConfig config;
        try {
            config = NodeConfigForm.apply(node.config(), fields);
        } catch (NodeConfigForm.UnsupportedOption e) {
            throw new StanzaErrorException(PacketError.Condition.not_acceptable, e.getMessage());
        }
        nodes.configure(owner, new PepNode(nodeName, config));
        return IQ.createResultIQ(request);
    }

    /** XEP-0060 §8.5: remove every item, keep the node; those who get its notifications are told with {@code <purge/>}. */
    private IQ purge(IQ request, String owner, Element purge, Outbox outbox) throws StanzaErrorException {
        String nodeName = PubSubHandler.nodeId(purge);
        // XEP-0060 §8.5.3.3: a node that does not exist gets <item-not-found/>.
        PepNode node = nodes.node(owner, nodeName).orElseThrow(PubSub::itemNotFound).node();
        nodes.purge(owner, nodeName);
        notifier.purged(owner, node, outbox::send);
        listeners.tell(l -> l.purged(owner, nodeName, outbox::send));
        return IQ.createResultIQ(request);
    }

    /** XEP-0060 §8.4: delete the node; those who got its notifications are told with {@code <delete/>}. */
    private IQ delete(IQ request, String owner, Element delete, Outbox outbox) throws StanzaErrorException {
        String nodeName = PubSubHandler.nodeId(delete);
        PepNode node = nodes.node(owner, nodeName).orElseThrow(PubSub::itemNotFound).node();
        notifier.deleted(owner, node, outbox::send);
        nodes.delete(owner, nodeName);
        listeners.tell(l -> l.deleted(owner, nodeName, outbox::send));
        return IQ.createResultIQ(request);
    }
}
