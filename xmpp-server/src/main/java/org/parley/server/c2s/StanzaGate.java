package org.parley.server.c2s;

import org.dom4j.Element;
import org.parley.server.routing.Stanzas;
import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.stream.StreamErrorCondition;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

import java.util.Set;

/**
 * Checks a first-level element from a bound client stream and stamps its sender (RFC 6120 §8.1): the outcome is
 * a stanza to route, an error reply for the sender, or a stream error. Pure.
 */
final class StanzaGate {
    private static final Set<String> MESSAGE_TYPES = Set.of("normal", "chat", "groupchat", "headline", "error");
    private static final Set<String> PRESENCE_TYPES = Set.of("unavailable", "subscribe", "subscribed", "unsubscribe",
            "unsubscribed", "probe", "error");
    private static final Set<String> IQ_TYPES = Set.of("get", "set", "result", "error");

    /** The outcome of admitting one element. */
    sealed interface Result {
        /** Route this stanza (its {@code from} is stamped). */
        record Accepted(Packet stanza) implements Result {
        }

        /** Send this error reply to the sender instead. */
        record Rejected(Packet errorReply) implements Result {
        }

        /** Drop it silently: a malformed stanza of type error is never answered (RFC 6120 §8.3.1). */
        record Dropped() implements Result {
        }

        /** End the stream with this error. */
        record Fatal(StreamErrorCondition condition, String text) implements Result {
        }
    }

    private StanzaGate() {
    }

    /**
     * @param element      a first-level element of a bound client stream
     * @param sessionJid   the stream's full JID
     * @param maxBodyChars the longest accepted message body, in characters
     */
    static Result admit(Element element, JID sessionJid, int maxBodyChars) {
        // RFC 6120 §4.9.3.24: a first-level element the server does not support.
        if (!Namespaces.CLIENT.equals(element.getNamespaceURI())) {
            return new Result.Fatal(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE,
                    "unsupported element {" + element.getNamespaceURI() + "}" + element.getName());
        }
        String name = element.getName();
        if (!name.equals("message") && !name.equals("presence") && !name.equals("iq")) {
            return new Result.Fatal(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "unsupported stanza " + name);
        }
        String from = element.attributeValue("from");
        if (from != null && !isSender(from, sessionJid)) {
            // RFC 6120 §8.1.2.1: a 'from' that does not match the stream's JID "MUST" get <invalid-from/>.
            return new Result.Fatal(StreamErrorCondition.INVALID_FROM, "'from' does not match the bound JID");
        }
        element.addAttribute("from", sessionJid.toString());
        String type = element.attributeValue("type");
        Packet stanza = switch (name) {
            case "message" -> new Message(element, true);
            case "presence" -> new Presence(element, true);
            default -> new IQ(element, true);
        };
        boolean isError = "error".equals(type);
        String to = element.attributeValue("to");
        if (to != null) {
            try {
                stanza.setTo(new JID(to));
            } catch (IllegalArgumentException e) {
                element.remove(element.attribute("to"));
                // RFC 6120 §8.3.3.8: an address that violates the JID rules gets <jid-malformed/>.
                return isError ? dropped() : reject(stanza, PacketError.Condition.jid_malformed);
            }
        }
        String problem = problem(name, type, element);
        if (problem != null) return isError ? dropped() : reject(stanza, PacketError.Condition.bad_request);
        if (!isError && stanza instanceof Message && longestBody(element) > maxBodyChars) {
            // A body over the configured limit is refused as a whole (RFC 6120 §8.3.3.12 policy-violation).
            Packet reply = Stanzas.bounce(stanza, StanzaErrorException.policyViolation(
                    "a message body may be at most " + maxBodyChars + " characters"));
            reply.setTo(stanza.getFrom());
            return new Result.Rejected(reply);
        }
        return new Result.Accepted(stanza);
    }

    /** RFC 6120 §8.2-§8.2.3: the type must be one of the defined values; an IQ needs an id and one child. */
    private static String problem(String name, String type, Element element) {
        switch (name) {
            case "message" -> {
                return type == null || MESSAGE_TYPES.contains(type) ? null : "invalid message type";
            }
            case "presence" -> {
                return type == null || PRESENCE_TYPES.contains(type) ? null : "invalid presence type";
            }
            default -> {
                if (type == null || !IQ_TYPES.contains(type)) return "invalid iq type";
                if (element.attributeValue("id") == null) return "an iq needs an id";
                boolean request = type.equals("get") || type.equals("set");
                return request && element.elements().size() != 1 ? "an iq request needs exactly one child" : null;
            }
        }
    }

    /** The length of the longest {@code <body/>} (one per language, RFC 6121 §5.2.3), in characters. */
    private static int longestBody(Element message) {
        int longest = 0;
        for (Element child : message.elements("body")) longest = Math.max(longest, child.getText().length());
        return longest;
    }

    private static boolean isSender(String from, JID sessionJid) {
        try {
            JID jid = new JID(from);
            return jid.equals(sessionJid) || jid.equals(sessionJid.asBareJID());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Result reject(Packet stanza, PacketError.Condition condition) {
        if (stanza instanceof IQ iq && !"get".equals(iq.getElement().attributeValue("type"))
                && !"set".equals(iq.getElement().attributeValue("type"))) {
            iq.getElement().addAttribute("type", "get");
        }
        Packet reply = Stanzas.bounce(stanza, condition);
        reply.setTo(stanza.getFrom());
        return new Result.Rejected(reply);
    }

    private static Result dropped() {
        return new Result.Dropped();
    }
}
