package org.parley.archive;

import org.dom4j.Element;
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
 * Archiving preferences (XEP-0441 §2.1, formerly XEP-0313 §6, in the {@code urn:xmpp:mam:2} namespace): a get
 * returns the user's {@code <prefs/>} — "The &lt;prefs&gt; element MUST be present and contain the current default
 * archiving policy. The &lt;always&gt; and &lt;never&gt; MUST also be present (even if empty)"; a set replaces them
 * and returns them as applied. JIDs are stored normalised (RFC 7622); at most {@value ArchivePrefs#MAX_JIDS} per
 * list.
 */
public final class ArchivePrefsHandler implements IqHandler {
    private final PrefsCache prefs;

    ArchivePrefsHandler(PrefsCache prefs) {
        this.prefs = prefs;
    }

    @Override
    public Set<IqKey> keys() {
        return Set.of(IqKey.account(IQ.Type.get, "prefs", ArchiveModule.NAMESPACE),
                IqKey.account(IQ.Type.set, "prefs", ArchiveModule.NAMESPACE));
    }

    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public IQ handle(IQ request, Outbox outbox) throws StanzaErrorException {
        String owner = OwnArchive.owner(request);
        ArchivePrefs current = prefs.load(owner);
        if (request.getType() == IQ.Type.set) {
            current = parse(request.getChildElement(), current.defaultMode());
            prefs.save(owner, current);
        }
        IQ reply = IQ.createResultIQ(request);
        Element element = reply.setChildElement("prefs", ArchiveModule.NAMESPACE)
                .addAttribute("default", current.defaultMode().value());
        list(element.addElement("always"), current.always());
        list(element.addElement("never"), current.never());
        return reply;
    }

    /** The preferences in a set; a missing {@code default} keeps {@code currentDefault}. */
    private static ArchivePrefs parse(Element element, ArchiveMode currentDefault) throws StanzaErrorException {
        String value = element.attributeValue("default");
        ArchiveMode mode = value == null ? currentDefault : ArchiveMode.of(value).orElseThrow(
                () -> new StanzaErrorException(PacketError.Condition.bad_request, "default must be always, never or roster"));
        // XEP-0441 §2.1.2/§2.1.3: a missing <always/> or <never/> "SHOULD be assumed by the server to be an empty list".
        return new ArchivePrefs(mode, jids(element.element("always")), jids(element.element("never")));
    }

    private static List<String> jids(Element list) throws StanzaErrorException {
        List<String> jids = new ArrayList<>();
        if (list == null) return jids;
        for (Element jid : list.elements("jid")) {
            try {
                jids.add(new JID(jid.getTextTrim()).toString());
            } catch (IllegalArgumentException e) {
                throw new StanzaErrorException(PacketError.Condition.bad_request, "not a JID: " + jid.getTextTrim());
            }
        }
        if (jids.size() > ArchivePrefs.MAX_JIDS) {
            throw StanzaErrorException.policyViolation("at most " + ArchivePrefs.MAX_JIDS + " JIDs per list");
        }
        return jids;
    }

    private static void list(Element parent, List<String> jids) {
        for (String jid : jids) parent.addElement("jid").addText(jid);
    }
}
