package org.parley.server.csi;

import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import java.util.Optional;
import java.util.Set;

/**
 * Which stanzas an inactive client (XEP-0352 §3) need not get at once, and what a newer one replaces (XEP-0352 §5
 * leaves the policy to the server). Held: availability presence ({@code type} absent or {@code unavailable}; the
 * latest per sender full JID), and standalone chat states (XEP-0085 §5.3: a message without a body whose only
 * payload is a chat state; the latest per sender, also inside a XEP-0280 carbon copy). Everything else, messages
 * with a body, subscription requests, IQs, errors, goes out at once. Pure.
 */
public final class CsiRules {
    /** XEP-0085 chat states. */
    public static final String CHAT_STATES = "http://jabber.org/protocol/chatstates";
    private static final String CARBONS = "urn:xmpp:carbons:2";
    private static final String FORWARD = "urn:xmpp:forward:0";
    /**
     * Children that say nothing by themselves: a thread, XEP-0334 hints, XEP-0359 ids, XEP-0203 delay, and the
     * XEP-0421 occupant id a room adds to everything an occupant sends (so a room's chat states are held too).
     */
    private static final Set<String> NEUTRAL_NAMESPACES = Set.of("urn:xmpp:hints", "urn:xmpp:sid:0", "urn:xmpp:delay",
            "urn:xmpp:occupant-id:0");

    private CsiRules() {
    }

    /**
     * The key under which {@code stanza} may be held while the client is inactive (a held stanza with the same key
     * is replaced), or empty when it must go out at once.
     */
    public static Optional<String> holdKey(Packet stanza) {
        if (stanza instanceof Presence presence) {
            Presence.Type type = presence.getType();
            return type == null || type == Presence.Type.unavailable
                    ? Optional.of("presence " + address(presence.getFrom())) : Optional.empty();
        }
        if (stanza instanceof Message message && !"error".equals(message.getElement().attributeValue("type"))) {
            if (isStandaloneChatState(message.getElement())) return Optional.of("chat state " + address(message.getFrom()));
            Element carbon = carbonCopied(message.getElement());
            if (carbon != null && isStandaloneChatState(carbon)) {
                return Optional.of("carbon chat state " + carbon.attributeValue("from") + " " + carbon.attributeValue("to"));
            }
        }
        return Optional.empty();
    }

    /** XEP-0085 §5.3: no body, and a chat state as the only child that means anything. */
    static boolean isStandaloneChatState(Element message) {
        boolean chatState = false;
        for (Element child : message.elements()) {
            if (CHAT_STATES.equals(child.getNamespaceURI())) chatState = true;
            else if (!isNeutral(child, message)) return false;
        }
        return chatState;
    }

    private static boolean isNeutral(Element child, Element message) {
        return NEUTRAL_NAMESPACES.contains(child.getNamespaceURI())
                || child.getName().equals("thread") && child.getNamespaceURI().equals(message.getNamespaceURI());
    }

    /** The message inside a XEP-0280 {@code <received/>} or {@code <sent/>} copy, or null. */
    private static Element carbonCopied(Element message) {
        for (Element child : message.elements()) {
            if (!CARBONS.equals(child.getNamespaceURI())) continue;
            for (Element forwarded : child.elements()) {
                if (!forwarded.getName().equals("forwarded") || !FORWARD.equals(forwarded.getNamespaceURI())) continue;
                for (Element inner : forwarded.elements()) {
                    if (inner.getName().equals("message")) return inner;
                }
            }
        }
        return null;
    }

    private static String address(JID jid) {
        return jid == null ? "" : jid.toString();
    }
}
