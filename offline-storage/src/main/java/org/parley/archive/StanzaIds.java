package org.parley.archive;

import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.Message;

/** The {@code <stanza-id/>} element of XEP-0359 §2.1, as the archive puts it on the messages it keeps. */
public final class StanzaIds {
    /** The namespace of unique and stable stanza ids (XEP-0359). */
    public static final String NAMESPACE = "urn:xmpp:sid:0";
    private static final QName STANZA_ID = QName.get("stanza-id", NAMESPACE);

    private StanzaIds() {
    }

    /**
     * Removes every {@code <stanza-id/>} claiming to be by {@code by}: on a message from elsewhere it is a forgery of
     * the archive's id (XEP-0359 §3: "Stanza ID generating entities, which encounter a &lt;stanza-id/&gt; element
     * where the 'by' attribute matches the 'by' attribute they would otherwise set, MUST delete that element even if
     * they are not adding their own stanza ID").
     *
     * @param by the archive's address, a bare JID
     */
    public static void removeForged(Message message, String by) {
        Element root = message.getElement();
        for (Element e : root.elements(STANZA_ID)) {
            if (by.equals(e.attributeValue("by"))) root.remove(e);
        }
    }

    /**
     * Adds {@code <stanza-id xmlns='urn:xmpp:sid:0' by='…' id='…'/>} (XEP-0359 §2.1; XEP-0313 §3.5: "the 'by'
     * attribute MUST be set to the address of the archive"). Call {@link #removeForged} first: there MUST be at most
     * one per {@code by} (XEP-0359 §3).
     */
    public static void add(Message message, String by, long id) {
        message.getElement().addElement(STANZA_ID).addAttribute("by", by).addAttribute("id", ArchiveIds.format(id));
    }
}
