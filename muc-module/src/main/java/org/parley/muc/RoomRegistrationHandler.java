package org.parley.muc;

import org.dom4j.Element;
import org.dom4j.QName;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * Registering with a room (XEP-0045 §7.10, {@code jabber:iq:register}): the user becomes a member and the nick is
 * reserved for them (§7.2.9: nobody else may enter with it). Registration makes a member, so it counts against the
 * member cap ({@link MemberCapPolicy}); in a members-only room only users already affiliated may register a nick.
 */
public final class RoomRegistrationHandler {
    static final String REGISTER = "jabber:iq:register";
    static final String FORM_TYPE = MucNamespaces.MUC + "#register";
    static final String NICK_FIELD = "muc#register_roomnick";

    private final Rooms rooms;
    private final Policies policies;

    /** @param policies the member cap a registration counts against (XEP-0045 §7.10) */
    public RoomRegistrationHandler(Rooms rooms, Policies policies) {
        this.rooms = rooms;
        this.policies = policies;
    }

    /**
     * Handles a {@code jabber:iq:register} get (the form, or the registered nick) or set (registering a nick) on
     * {@code room} (XEP-0045 §7.10).
     *
     * @throws StanzaErrorException {@code <bad-request/>} for a form without a nick, {@code <forbidden/>} for an
     *                              outcast, {@code <not-allowed/>} beyond the member cap or in a members-only room,
     *                              {@code <conflict/>} for a nick another user reserved
     */
    public IQ handle(Room room, IQ request) throws StanzaErrorException {
        JID user = request.getFrom().asBareJID();
        IQ result = IQ.createResultIQ(request);
        if (request.getType() == IQ.Type.get) {
            Element query = result.setChildElement("query", REGISTER);
            var nick = room.reservedNick(user);
            if (nick.isPresent()) {
                // §7.10: a registered user is told so, with the registered nick.
                query.addElement("registered");
                query.addElement("username").setText(nick.get());
            } else {
                Element x = query.addElement(QName.get("x", RoomConfigForm.DATA)).addAttribute("type", "form");
                x.addElement("title").setText("Register with the room " + room.jid().getNode());
                x.addElement("field").addAttribute("var", "FORM_TYPE").addAttribute("type", "hidden")
                        .addElement("value").setText(FORM_TYPE);
                x.addElement("field").addAttribute("var", NICK_FIELD).addAttribute("type", "text-single")
                        .addAttribute("label", "Nick").addElement("required");
            }
            return result;
        }
        Element query = request.getChildElement();
        if (query.element("remove") != null) {
            unregister(room, user);
            return result;
        }
        Element x = query.element(QName.get("x", RoomConfigForm.DATA));
        if (x != null && "cancel".equals(x.attributeValue("type"))) return result;
        register(room, user, x == null ? null : nick(x));
        return result;
    }

    private void register(Room room, JID user, String nick) throws StanzaErrorException {
        if (nick == null || nick.isBlank()) {
            // §7.10: a submission without the required nick is refused (<bad-request/>).
            throw new StanzaErrorException(PacketError.Condition.bad_request, "the form needs " + NICK_FIELD);
        }
        try {
            nick = Nicknames.enforce(nick);
        } catch (IllegalArgumentException empty) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "the form needs " + NICK_FIELD);
        }
        Affiliation current = room.affiliation(user);
        if (current == Affiliation.OUTCAST) throw new StanzaErrorException(PacketError.Condition.forbidden, "you are banned");
        if (room.config().membersOnly() && !current.isMember()) {
            throw new StanzaErrorException(PacketError.Condition.not_allowed, "membership of this room is granted by its admins");
        }
        // §7.10: "If the desired room nickname is already reserved for that room, the room MUST return a
        // <conflict/> error to the user" (and so for a nick an occupant of another user holds now).
        var reservedBy = room.reservedBy(nick);
        boolean inUse = room.holderOf(nick).map(o -> !o.realJid().asBareJID().equals(user)).orElse(false);
        if ((reservedBy.isPresent() && !reservedBy.get().equals(user)) || inUse) {
            throw new StanzaErrorException(PacketError.Condition.conflict, "that nick is taken");
        }
        policies.memberCap().check(room, user, Affiliation.MEMBER);
        if (!current.isMember()) room.affiliate(user, Affiliation.MEMBER);
        room.reserveNick(user, nick);
        rooms.persist(room);
    }

    /** Cancelling a registration releases the nick; a plain member stops being one. */
    private void unregister(Room room, JID user) {
        room.reserveNick(user, null);
        if (room.affiliation(user) == Affiliation.MEMBER) room.affiliate(user, Affiliation.NONE);
        rooms.persist(room);
    }

    private static String nick(Element x) {
        for (Element field : x.elements("field")) {
            if (NICK_FIELD.equals(field.attributeValue("var"))) return field.elementTextTrim("value");
        }
        return null;
    }
}
