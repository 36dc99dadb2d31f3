package org.parley.server.routing;

import org.parley.xmpp.core.module.StanzaErrorException;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/** Building error replies (RFC 6120 §8.3): swapped addresses, same id, type error, the error element. */
public final class Stanzas {
    private Stanzas() {
    }

    /** True if {@code stanza} is of type error: those are never answered with an error (RFC 6120 §8.3.1). */
    public static boolean isError(Packet stanza) {
        return "error".equals(stanza.getElement().attributeValue("type"));
    }

    /**
     * The error reply to an IQ request, carrying the request's payload (RFC 6120 §8.3.1 allows it).
     *
     * @param request the request, with {@code from} set or null
     */
    public static IQ iqError(IQ request, StanzaErrorException error) {
        IQ reply = IQ.createResultIQ(request);
        reply.setType(IQ.Type.error);
        Element child = request.getChildElement();
        if (child != null) reply.setChildElement(child.createCopy());
        reply.setError(error.toPacketError());
        return reply;
    }

    /**
     * The error reply to a message or presence: a copy with swapped addresses and the error.
     *
     * @throws IllegalArgumentException for a stanza of type error
     */
    public static Packet bounce(Packet stanza, PacketError.Condition condition) {
        return bounce(stanza, new StanzaErrorException(condition));
    }

    /**
     * The error reply to any stanza with the given error (condition, text, application condition).
     *
     * @throws IllegalArgumentException for a stanza of type error
     */
    public static Packet bounce(Packet stanza, StanzaErrorException error) {
        if (isError(stanza)) throw new IllegalArgumentException("never bounce an error");
        if (stanza instanceof IQ iq) return iqError(iq, error);
        Packet reply = stanza.createCopy();
        reply.setTo(stanza.getFrom());
        reply.setFrom(stanza.getTo());
        if (reply instanceof Message m) m.setType(Message.Type.error);
        if (reply instanceof Presence p) p.setType(Presence.Type.error);
        reply.setError(error.toPacketError());
        return reply;
    }
}
