package org.parley.presence.pep;

import org.dom4j.Element;
import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.module.AccountDiscoNode;
import org.parley.xmpp.core.module.IqHandler;
import org.parley.xmpp.core.module.IqKey;
import org.parley.xmpp.core.module.Outbox;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Service discovery on an account's bare JID (XEP-0030 for XEP-0163 §6): disco#info answers with
 * {@code account/registered} and, to the owner and to contacts with a presence subscription, with
 * {@code pubsub/pep} and the PEP features (§8); disco#info of a node names it a {@code pubsub/leaf} (XEP-0060
 * §5.3) to those who may see it; disco#items lists the nodes the requester may see (§5.2) or a node's item ids
 * (§5.5).
 */
public final class AccountDiscoHandler implements IqHandler {
    private final PepNodes nodes;
    private final AccessPolicy policy;
    private final Set<String> accountFeatures;
    private final Function<String, Optional<AccountDiscoNode>> moduleNodes;

    AccountDiscoHandler(PepNodes nodes, AccessPolicy policy, Set<String> accountFeatures,
                        Function<String, Optional<AccountDiscoNode>> moduleNodes) {
        this.nodes = nodes;
        this.policy = policy;
        this.accountFeatures = accountFeatures;
        this.moduleNodes = moduleNodes;
    }

    @Override
    public Set<IqKey> keys() {
        return Set.of(IqKey.account(IQ.Type.get, "query", Namespaces.DISCO_INFO),
                IqKey.account(IQ.Type.get, "query", Namespaces.DISCO_ITEMS));
    }

    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public IQ handle(IQ request, Outbox outbox) throws StanzaErrorException {
        JID from = request.getFrom();
        JID account = request.getTo() == null ? from.asBareJID() : request.getTo().asBareJID();
        String owner = account.getNode();
        String node = request.getChildElement().attributeValue("node");
        boolean info = Namespaces.DISCO_INFO.equals(request.getChildElement().getNamespaceURI());
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", info ? Namespaces.DISCO_INFO : Namespaces.DISCO_ITEMS);
        if (node != null) {
            query.addAttribute("node", node);
            Optional<AccountDiscoNode> moduleNode = moduleNodes.apply(node);
            if (moduleNode.isPresent()) {
                // A module's node of the account (e.g. XEP-0013 §2.2): for the owner only.
                if (!policy.isOwner(owner, from)) throw PubSub.forbidden();
                if (info) moduleNode.get().info(owner, query);
                else moduleNode.get().items(owner, query);
                return result;
            }
            // XEP-0060 §5.3 / §6.5.9: an unknown node is <item-not-found/>; an inaccessible one is refused as
            // retrieval is (§6.5.3-§6.5.5).
            PepNodes.Entry entry = nodes.node(owner, node).orElseThrow(PubSub::itemNotFound);
            policy.check(owner, entry.node().config().accessModel(), from);
            if (info) {
                identity(query, "pubsub", "leaf");
                feature(query, Namespaces.DISCO_INFO);
                feature(query, PubSub.NAMESPACE);
            } else {
                for (PepItem item : nodes.items(owner, node, NodeConfig.MAX_ITEMS)) {
                    query.addElement("item").addAttribute("jid", account.toBareJID()).addAttribute("name", item.id());
                }
            }
            return result;
        }
        if (info) {
            // XEP-0030 §3.1 / XEP-0163 §6.1: the account; its PEP service only to those who may use it.
            identity(query, "account", "registered");
            feature(query, Namespaces.DISCO_INFO);
            feature(query, Namespaces.DISCO_ITEMS);
            if (policy.isOwner(owner, from) || policy.hasPresenceSubscription(owner, from)) {
                identity(query, "pubsub", "pep");
                PubSub.FEATURES.forEach(f -> feature(query, f));
                accountFeatures.forEach(f -> feature(query, f));
            }
            return result;
        }
        for (PepNodes.Entry entry : nodes.nodes(owner)) {
            if (policy.allows(owner, entry.node().config().accessModel(), from)) {
                query.addElement("item").addAttribute("jid", account.toBareJID()).addAttribute("node", entry.node().name());
            }
        }
        return result;
    }

    private static void identity(Element query, String category, String type) {
        query.addElement("identity").addAttribute("category", category).addAttribute("type", type);
    }

    private static void feature(Element query, String var) {
        query.addElement("feature").addAttribute("var", var);
    }
}
