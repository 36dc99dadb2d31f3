package org.parley.presence.pep;

import org.dom4j.Element;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.parley.xmpp.core.stream.XmlWriter;
import org.xmpp.packet.Message;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What an owner's PEP service does, for the pubsub handlers and for the server itself when it publishes on a
 * user's behalf (XEP-0398 avatar conversion, XEP-0402 bookmark compatibility): publish with auto-create (XEP-0163
 * §3, XEP-0060 §7.1), retract (§7.2), read items, each with its notifications. Blocking (store); call in the
 * owner's {@link org.parley.presence.UserQueues queue}. {@link PepListener}s are not told of what is done here:
 * the handlers tell them of client requests only, so a conversion never converts its own output back.
 */
public final class PepService {
    private final PepNodes nodes;
    private final Notifier notifier;

    PepService(PepNodes nodes, Notifier notifier) {
        this.nodes = nodes;
        this.notifier = notifier;
    }

    /**
     * Publishes one item, creating the node when it does not exist (XEP-0163 §3) with {@code options} applied to
     * the defaults, else checking them as preconditions (XEP-0060 §7.1.5); then notifies.
     *
     * @param itemId  the item id, or null for a generated one (XEP-0060 §7.1.2)
     * @param payload the one payload element
     * @param send    where notifications go
     * @return the published item
     * @throws StanzaErrorException {@code <conflict/>} + {@code <precondition-not-met/>} when options do not fit
     */
    public PepItem publish(String owner, String nodeName, String itemId, Element payload, PublishOptions options,
                           Consumer<Message> send) throws StanzaErrorException {
        Optional<PepNodes.Entry> existing = nodes.node(owner, nodeName);
        if (existing.isPresent()) options.check(existing.get().node().config());
        // XEP-0163 §3: "the server MUST auto-create the node", configured by the publish-options (§7.1.5).
        NodeConfig config = existing.isPresent() ? existing.get().node().config() : options.forNewNode(NodeConfig.DEFAULT);
        return publish(owner, nodeName, itemId, payload, config, send);
    }

    /**
     * Publishes one item on the owner's behalf: to the node as it is configured, or to a new node configured as
     * {@code ifNew}; then notifies.
     *
     * @param itemId the item id, or null for a generated one (XEP-0060 §7.1.2)
     * @return the published item
     */
    public PepItem publish(String owner, String nodeName, String itemId, Element payload, NodeConfig ifNew,
                           Consumer<Message> send) {
        PepNode node = nodes.node(owner, nodeName).map(PepNodes.Entry::node).orElse(null);
        if (node == null) {
            node = new PepNode(nodeName, ifNew);
            nodes.create(owner, node);
        }
        // XEP-0060 §7.1.2: "If the publisher did not include an ItemID, the service MUST generate one".
        String id = itemId == null || itemId.isEmpty() ? UUID.randomUUID().toString() : itemId;
        PepItem published = new PepItem(id, XmlWriter.toXml(payload, "jabber:client"), Instant.now());
        nodes.publish(owner, nodeName, published);
        notifier.published(owner, node, published, send);
        return published;
    }

    /**
     * Retracts an item and notifies (XEP-0060 §7.2).
     *
     * @throws StanzaErrorException {@code <item-not-found/>} for an unknown node or item (§7.2.3.5)
     */
    public void retract(String owner, String nodeName, String itemId, Consumer<Message> send)
            throws StanzaErrorException {
        PepNode node = nodes.node(owner, nodeName).orElseThrow(PubSub::itemNotFound).node();
        if (!nodes.retract(owner, nodeName, itemId)) throw PubSub.itemNotFound();
        notifier.retracted(owner, node, itemId, send);
    }

    /** The node's items, newest first, at most {@link NodeConfig#MAX_ITEMS}; none if there is no such node. */
    public List<PepItem> items(String owner, String nodeName) {
        if (nodes.node(owner, nodeName).isEmpty()) return List.of();
        return nodes.items(owner, nodeName, NodeConfig.MAX_ITEMS);
    }

    /** One item of a node, if both exist. */
    public Optional<PepItem> item(String owner, String nodeName, String itemId) {
        if (nodes.node(owner, nodeName).isEmpty()) return Optional.empty();
        return nodes.items(owner, nodeName, List.of(itemId)).stream().findFirst();
    }

    /** The payload of a stored item as a detached element, or null if it has none. */
    public static Element payload(PepItem item) {
        return Notifier.parse(item.payloadXml());
    }
}
