package org.parley.server.modules.disco;

import org.dom4j.Element;
import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.module.DiscoIdentity;
import org.parley.xmpp.core.module.DiscoItem;
import org.parley.xmpp.core.module.DiscoNode;
import org.parley.xmpp.core.module.IqHandler;
import org.parley.xmpp.core.module.IqKey;
import org.parley.xmpp.core.module.ModuleContext;
import org.parley.xmpp.core.module.Outbox;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.parley.xmpp.core.module.XmppModule;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Service discovery (XEP-0030) of the server: disco#info answers with the identities and features every module
 * registered (the one place the supported features are listed), disco#items with the items of a node.
 */
public final class DiscoModule implements XmppModule {
    @Override
    public String name() {
        return "disco";
    }

    @Override
    public void start(ModuleContext context) {
        context.addIdentity(new DiscoIdentity("server", "im", "Parley"));
        context.addFeature(Namespaces.DISCO_INFO);
        context.addFeature(Namespaces.DISCO_ITEMS);
        context.register(new InfoHandler(context));
        context.register(new ItemsHandler(context));
    }

    /** XEP-0030 §3: disco#info of the server or of one of its nodes. */
    static final class InfoHandler implements IqHandler {
        private final ModuleContext context;

        InfoHandler(ModuleContext context) {
            this.context = context;
        }

        @Override
        public Set<IqKey> keys() {
            return Set.of(IqKey.server(IQ.Type.get, "query", Namespaces.DISCO_INFO));
        }

        @Override
        public IQ handle(IQ request, Outbox outbox) throws StanzaErrorException {
            String node = request.getChildElement().attributeValue("node");
            IQ result = IQ.createResultIQ(request);
            Element query = result.setChildElement("query", Namespaces.DISCO_INFO);
            if (node == null) {
                write(query, context.identities(), context.features());
            } else {
                // XEP-0030 §3.2: a node that does not exist gets <item-not-found/>.
                DiscoNode found = context.discoNode(node)
                        .orElseThrow(() -> new StanzaErrorException(PacketError.Condition.item_not_found));
                query.addAttribute("node", node);
                write(query, found.identities(), found.features());
            }
            return result;
        }

        private static void write(Element query, Collection<DiscoIdentity> identities, Collection<String> features) {
            for (DiscoIdentity identity : identities) {
                Element e = query.addElement("identity").addAttribute("category", identity.category())
                        .addAttribute("type", identity.type());
                if (identity.name() != null) e.addAttribute("name", identity.name());
            }
            for (String feature : features) query.addElement("feature").addAttribute("var", feature);
        }
    }

    /** XEP-0030 §4: disco#items of the server (its hosted services) or of one of its nodes. */
    static final class ItemsHandler implements IqHandler {
        private final ModuleContext context;

        ItemsHandler(ModuleContext context) {
            this.context = context;
        }

        @Override
        public Set<IqKey> keys() {
            return Set.of(IqKey.server(IQ.Type.get, "query", Namespaces.DISCO_ITEMS));
        }

        @Override
        public IQ handle(IQ request, Outbox outbox) throws StanzaErrorException {
            String node = request.getChildElement().attributeValue("node");
            IQ result = IQ.createResultIQ(request);
            Element query = result.setChildElement("query", Namespaces.DISCO_ITEMS);
            // XEP-0030 §4.1 / XEP-0045 §6.1: the server's items are the services it hosts (e.g. a MUC service).
            List<DiscoItem> items = context.services().stream()
                    .map(s -> new DiscoItem(new org.xmpp.packet.JID(null, s.domain(), null, true), null, s.name()))
                    .toList();
            if (node != null) {
                query.addAttribute("node", node);
                items = context.discoNode(node)
                        .orElseThrow(() -> new StanzaErrorException(PacketError.Condition.item_not_found))
                        .items(request.getFrom());
            }
            for (DiscoItem item : items) {
                Element e = query.addElement("item").addAttribute("jid", item.jid().toString());
                if (item.node() != null) e.addAttribute("node", item.node());
                if (item.name() != null) e.addAttribute("name", item.name());
            }
            return result;
        }
    }
}
