package org.parley.presence.vcard;

import org.dom4j.Element;
import org.parley.presence.Listeners;
import org.parley.presence.StoredXml;
import org.parley.xmpp.core.module.UserQueues;
import org.parley.presence.store.VCardStore;
import org.parley.xmpp.core.module.IqHandler;
import org.parley.xmpp.core.module.IqKey;
import org.parley.xmpp.core.module.ModuleContext;
import org.parley.xmpp.core.module.Outbox;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.parley.xmpp.core.module.XmppModule;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import java.util.Optional;
import java.util.Set;

/**
 * vCard-temp (XEP-0054): a user stores its own vCard (§3.2) and anyone may read any account's (§3.1). An empty
 * {@code <vCard/>} answers for an account that has none. A vCard larger than the configured size is refused with
 * {@code <not-acceptable/>}.
 */
public final class VCardModule implements XmppModule, IqHandler {
    /** The vcard-temp namespace. */
    public static final String NAMESPACE = "vcard-temp";

    private final VCardStore store;
    private final int maxChars;
    private final UserQueues queues;
    private final Listeners<VCardListener> listeners = new Listeners<>();

    /**
     * @param store    where vCards live
     * @param maxChars the largest accepted vCard, in characters of serialised XML
     * @param queues   the per-user queues (a user's vCard is stored in the user's queue, in order with its PEP)
     */
    public VCardModule(VCardStore store, int maxChars, UserQueues queues) {
        this.store = store;
        this.maxChars = maxChars;
        this.queues = queues;
    }

    /** Tells {@code listener} of every vCard a user stores from now on (XEP-0398 §3.2); call while modules start. */
    public void addListener(VCardListener listener) {
        listeners.add(listener);
    }

    @Override
    public String name() {
        return "vcard";
    }

    @Override
    public void start(ModuleContext context) {
        context.addFeature(NAMESPACE);
        context.register(this);
    }

    @Override
    public Set<IqKey> keys() {
        return Set.of(IqKey.account(IQ.Type.get, "vCard", NAMESPACE), IqKey.account(IQ.Type.set, "vCard", NAMESPACE));
    }

    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public IQ handle(IQ request, Outbox outbox) throws StanzaErrorException {
        JID from = request.getFrom();
        JID owner = request.getTo() == null ? from.asBareJID() : request.getTo().asBareJID();
        if (request.getType() == IQ.Type.get) return get(request, owner);
        // XEP-0054 §3.2: only the user may change its own vCard.
        if (!owner.toBareJID().equals(from.toBareJID())) throw new StanzaErrorException(PacketError.Condition.forbidden);
        String xml = StoredXml.write(request.getChildElement());
        if (xml.length() > maxChars) {
            throw new StanzaErrorException(PacketError.Condition.not_acceptable,
                    "a vCard may be at most " + maxChars + " characters");
        }
        Element vCard = request.getChildElement().createCopy();
        String user = owner.getNode();
        return queues.call(user, () -> {
            store.put(user, xml);
            listeners.tell(l -> l.stored(user, vCard, outbox::send));
            return IQ.createResultIQ(request);
        });
    }

    private IQ get(IQ request, JID owner) throws StanzaErrorException {
        IQ result = IQ.createResultIQ(request);
        Optional<String> stored = store.get(owner.getNode());
        if (stored.isEmpty()) {
            result.setChildElement("vCard", NAMESPACE);
            return result;
        }
        result.setChildElement(StoredXml.read(stored.get()));
        return result;
    }
}
