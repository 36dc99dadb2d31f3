package org.parley.server.modules.carbons;

import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.Message;

import java.util.Set;

/**
 * Which messages are copied (XEP-0280 §6, "Determining Delivery"): not one marked {@code <private/>} (§8) or
 * {@code <no-copy/>} (XEP-0334 §4.3), nor a copy itself, nor groupchat; otherwise a chat message, a normal one
 * with a body, or one carrying an IM payload — chat states (XEP-0085), receipts (XEP-0184), markers (XEP-0333).
 * Pure.
 */
public final class CarbonRules {
    /** The carbons namespace (XEP-0280 §10). */
    public static final String NAMESPACE = "urn:xmpp:carbons:2";
    private static final String HINTS = "urn:xmpp:hints";
    private static final Set<String> IM_PAYLOADS = Set.of("http://jabber.org/protocol/chatstates", "urn:xmpp:receipts",
            "urn:xmpp:chat-markers:0");

    private CarbonRules() {
    }

    /** Whether {@code message} is copied to the user's other carbons-enabled resources. */
    public static boolean eligible(Message message) {
        Element root = message.getElement();
        // XEP-0280 §8: "the server MUST NOT forward" a message with <private/>; XEP-0334 §4.3 <no-copy/> likewise.
        if (root.element(QName.get("private", NAMESPACE)) != null) return false;
        if (root.element(QName.get("no-copy", HINTS)) != null) return false;
        // A carbon copy is never copied again (§6: copies are not eligible).
        if (root.element(QName.get("received", NAMESPACE)) != null || root.element(QName.get("sent", NAMESPACE)) != null) {
            return false;
        }
        Message.Type type = message.getType();
        if (type == Message.Type.chat) return true;
        if (type == Message.Type.groupchat || type == Message.Type.headline || type == Message.Type.error) return false;
        if (message.getBody() != null) return true;
        return root.elements().stream().anyMatch(e -> IM_PAYLOADS.contains(e.getNamespaceURI()));
    }
}
