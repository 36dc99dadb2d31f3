package org.parley.muc;

import org.dom4j.Element;
import org.dom4j.QName;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import java.util.List;

/** Building the stanzas a room sends (XEP-0045 §7, §17 status codes) and its error replies (RFC 6120 §8.3). */
final class MucStanzas {
    private MucStanzas() {
    }

    /** True if {@code stanza} is of type error (never answered with an error, RFC 6120 §8.3.1). */
    static boolean isError(Packet stanza) {
        return "error".equals(stanza.getElement().attributeValue("type"));
    }

    /**
     * The presence of {@code occupant} as {@code receiver} sees it: the occupant's own presence (show, status,
     * priority, other extensions) from its occupant JID, with the room's {@code <x xmlns='…#user'/>}.
     *
     * @param type     null (available) or unavailable
     * @param statuses XEP-0045 §17.2 status codes, e.g. 110 for the receiver's own presence
     */
    static Presence occupantPresence(Room room, Occupant occupant, Occupant receiver, Presence.Type type,
                                     List<Integer> statuses) {
        Presence presence = occupant.presence() == null ? new Presence() : occupant.presence().createCopy();
        presence.setType(type);
        presence.setFrom(occupant.occupantJid(room.jid()));
        presence.setTo(receiver.realJid());
        if (presence.getElement().attribute("id") != null) presence.getElement().remove(presence.getElement().attribute("id"));
        Element old;
        while ((old = presence.getElement().element(QName.get("x", MucNamespaces.MUC))) != null) presence.getElement().remove(old);
        while ((old = presence.getElement().element(QName.get("x", MucNamespaces.USER))) != null) presence.getElement().remove(old);
        Element x = presence.addChildElement("x", MucNamespaces.USER);
        Element item = x.addElement("item")
                .addAttribute("affiliation", occupant.affiliation().value())
                .addAttribute("role", type == Presence.Type.unavailable ? Role.NONE.value() : occupant.role().value());
        // §7.2.3 / §7.2.4: the real JID goes to everyone in a non-anonymous room, to moderators in a semi-anonymous one.
        if (room.config().whoisAnyone() || receiver.role() == Role.MODERATOR || receiver == occupant
                || receiver.realJid().equals(occupant.realJid())) {
            item.addAttribute("jid", occupant.realJid().toString());
        }
        for (int code : statuses) x.addElement("status").addAttribute("code", Integer.toString(code));
        room.occupantIds().stamp(presence, room.jid(), occupant.realJid());
        return presence;
    }

    /** The {@code <item/>} of a presence built by {@link #occupantPresence}. */
    static Element item(Presence presence) {
        return presence.getChildElement("x", MucNamespaces.USER).element("item");
    }

    /** The error reply to {@code request} (swapped addresses, type error); an IQ keeps its payload. */
    static Packet error(Packet request, StanzaErrorException error) {
        Packet reply;
        if (request instanceof IQ iq) {
            IQ r = IQ.createResultIQ(iq);
            r.setType(IQ.Type.error);
            if (iq.getChildElement() != null) r.setChildElement(iq.getChildElement().createCopy());
            reply = r;
        } else {
            reply = request.createCopy();
            reply.setTo(request.getFrom());
            reply.setFrom(request.getTo());
            if (reply instanceof Message m) m.setType(Message.Type.error);
            if (reply instanceof Presence p) {
                p.setType(Presence.Type.error);
                // §7.2.6: the error echoes <x xmlns='http://jabber.org/protocol/muc'/>, never the password sent.
                Element x = p.getChildElement("x", MucNamespaces.MUC);
                if (x != null) x.elements().clear();
            }
        }
        reply.setError(error.toPacketError());
        return reply;
    }

    /** A JID or null when {@code value} is missing or malformed. */
    static JID jidOrNull(String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return new JID(value);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
