package org.parley.offline;

import org.dom4j.Element;
import org.xmpp.packet.Message;

import java.util.Set;

/**
 * Whether an offline message is worth keeping (XEP-0160 §3, XEP-0334 §4): a {@code <no-store/>} hint says no; a
 * {@code <store/>} hint says yes; otherwise a message is kept when it carries content — a body or subject, or any
 * payload such as a delivery receipt (XEP-0184), a chat marker (XEP-0333) or an encrypted message (XEP-0384) —
 * and not when it only carries a chat state (XEP-0085 §5.4: "SHOULD NOT be stored offline"), a thread id, an
 * origin id or hints.
 */
public final class Storable {
    /** XEP-0334 message processing hints. */
    public static final String HINTS = "urn:xmpp:hints";
    private static final String CHAT_STATES = "http://jabber.org/protocol/chatstates";
    /** Children that are not content by themselves. */
    private static final Set<String> NOT_CONTENT_NAMESPACES = Set.of(CHAT_STATES, HINTS, "urn:xmpp:sid:0",
            "urn:xmpp:delay");

    private Storable() {
    }

    /** Whether {@code message} should be kept for its offline recipient. */
    public static boolean isStorable(Message message) {
        Element root = message.getElement();
        if (root.element(org.dom4j.QName.get("no-store", HINTS)) != null) return false;
        if (root.element(org.dom4j.QName.get("store", HINTS)) != null) return true;
        for (Element child : root.elements()) {
            String ns = child.getNamespaceURI();
            String name = child.getName();
            boolean clientNamespace = ns == null || ns.isEmpty() || ns.equals("jabber:client");
            if (clientNamespace && (name.equals("body") || name.equals("subject"))) {
                if (!child.getTextTrim().isEmpty()) return true;
                continue;
            }
            if (clientNamespace && (name.equals("thread") || name.equals("error"))) continue;
            if (!NOT_CONTENT_NAMESPACES.contains(ns)) return true;
        }
        return false;
    }
}
