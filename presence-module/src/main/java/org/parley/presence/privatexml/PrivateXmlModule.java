package org.parley.presence.privatexml;

import org.dom4j.Element;
import org.parley.presence.Listeners;
import org.parley.presence.OwnAccount;
import org.parley.presence.StoredXml;
import org.parley.xmpp.core.module.UserQueues;
import org.parley.presence.store.PrivateXmlStore;
import org.parley.xmpp.core.module.IqHandler;
import org.parley.xmpp.core.module.IqKey;
import org.parley.xmpp.core.module.ModuleContext;
import org.parley.xmpp.core.module.Outbox;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.parley.xmpp.core.module.XmppModule;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Private XML Storage (XEP-0049): a user keeps elements for itself (e.g. XEP-0048 bookmarks in
 * {@code storage:bookmarks}), one per namespace. Only the user can read or write them.
 */
public final class PrivateXmlModule implements XmppModule, IqHandler {
    /** The XEP-0049 namespace. */
    public static final String NAMESPACE = "jabber:iq:private";

    private final PrivateXmlStore store;
    private final int maxChars;
    private final UserQueues queues;
    private final Listeners<PrivateXmlListener> listeners = new Listeners<>();

    /**
     * @param store    where the elements live
     * @param maxChars the largest accepted element, in characters of XML
     * @param queues   the per-user queues (a user's elements are read and stored in the user's queue, in order
     *                 with its PEP nodes)
     */
    public PrivateXmlModule(PrivateXmlStore store, int maxChars, UserQueues queues) {
        this.store = store;
        this.maxChars = maxChars;
        this.queues = queues;
    }

    /** Tells {@code listener} of every element a user stores from now on (XEP-0402 §5.3); call while modules start. */
    public void addListener(PrivateXmlListener listener) {
        listeners.add(listener);
    }

    @Override
    public String name() {
        return "private-xml";
    }

    @Override
    public void start(ModuleContext context) {
        context.addFeature(NAMESPACE);
        context.register(this);
    }

    @Override
    public Set<IqKey> keys() {
        return Set.of(IqKey.account(IQ.Type.get, "query", NAMESPACE), IqKey.account(IQ.Type.set, "query", NAMESPACE));
    }

    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public IQ handle(IQ request, Outbox outbox) throws StanzaErrorException {
        // XEP-0049 §3: "a user MUST NOT be able to get or set another user's private data" → <forbidden/>.
        JID from = OwnAccount.sender(request);
        List<Element> children = request.getChildElement().elements();
        // XEP-0049 §3: exactly one child for a get; at least one for a set; never in a jabber:* namespace.
        if (children.isEmpty() || (request.getType() == IQ.Type.get && children.size() != 1)) {
            throw new StanzaErrorException(PacketError.Condition.not_acceptable, "one child element is required");
        }
        for (Element child : children) {
            String ns = child.getNamespaceURI();
            if (ns == null || ns.isEmpty() || ns.startsWith("jabber:") || ns.equals("vcard-temp")) {
                throw new StanzaErrorException(PacketError.Condition.not_acceptable, "namespace '" + ns + "' cannot be stored");
            }
        }
        String user = from.getNode();
        IQ result = IQ.createResultIQ(request);
        if (request.getType() == IQ.Type.get) {
            Element asked = children.get(0);
            Element query = result.setChildElement("query", NAMESPACE);
            query.add(queues.call(user, () -> load(user, asked)));
            return result;
        }
        Map<Element, String> stored = new LinkedHashMap<>();
        for (Element child : children) {
            String xml = StoredXml.write(child); // keeps its xmlns: jabber:* namespaces are refused above
            if (xml.length() > maxChars) {
                throw new StanzaErrorException(PacketError.Condition.not_acceptable, "at most " + maxChars + " characters");
            }
            stored.put(child.createCopy(), xml);
        }
        return queues.call(user, () -> {
            for (Map.Entry<Element, String> e : stored.entrySet()) {
                store.put(user, e.getKey().getNamespaceURI(), e.getValue());
                listeners.tell(l -> l.stored(user, e.getKey(), outbox::send));
            }
            return result;
        });
    }

    /** The stored element for the asked one's namespace, or the asked (empty) element itself when none is stored. */
    private Element load(String user, Element asked) throws StanzaErrorException {
        Optional<String> stored = store.get(user, asked.getNamespaceURI());
        return stored.isEmpty() ? asked.createCopy() : StoredXml.read(stored.get());
    }
}
