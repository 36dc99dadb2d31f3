package org.parley.muc;

import org.dom4j.Element;
import org.parley.archive.ArchiveModule;
import org.parley.archive.StanzaIds;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import java.util.Comparator;

/**
 * Service discovery of the MUC service and its rooms (XEP-0045 §6): the service's identity {@code conference/text}
 * and features (§6.2), its public rooms (§6.3), a room's features and {@code muc#roominfo} form (§6.4, §15.5.4),
 * with the occupant and member caps.
 */
public final class MucDisco {
    static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";

    /** XEP-0045 §7.12: the node a user asks for the nick reserved for them. */
    static final String RESERVED_NICK_NODE = "x-roomuser-item";

    private final Rooms rooms;

    /** @param rooms the service's rooms, listed and described */
    public MucDisco(Rooms rooms) {
        this.rooms = rooms;
    }

    /** §6.2: disco#info of the service. */
    public IQ serviceInfo(IQ request) throws StanzaErrorException {
        requireNoNode(request);
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", DISCO_INFO);
        query.addElement("identity").addAttribute("category", "conference").addAttribute("type", "text")
                .addAttribute("name", "Chatrooms");
        for (String f : new String[]{DISCO_INFO, DISCO_ITEMS, MucNamespaces.MUC, MucNamespaces.PING}) {
            query.addElement("feature").addAttribute("var", f);
        }
        return result;
    }

    /** §6.3: the service lists its public rooms (hidden rooms and locked rooms are not listed). */
    public IQ serviceItems(IQ request) throws StanzaErrorException {
        requireNoNode(request);
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", DISCO_ITEMS);
        rooms.all().stream().filter(r -> r.config().publicRoom() && !r.locked() && !r.destroyed())
                .sorted(Comparator.comparing(r -> r.jid().getNode()))
                .forEach(r -> query.addElement("item").addAttribute("jid", r.jid().toBareJID())
                        .addAttribute("name", r.config().name().isEmpty() ? r.jid().getNode() : r.config().name()));
        return result;
    }

    /** §6.4: disco#info of a room: identity, muc_ features and the {@code muc#roominfo} form. */
    public IQ roomInfo(Room room, IQ request) throws StanzaErrorException {
        if (RESERVED_NICK_NODE.equals(request.getChildElement().attributeValue("node"))) return reservedNick(room, request);
        requireNoNode(request);
        RoomConfig c = room.config();
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", DISCO_INFO);
        query.addElement("identity").addAttribute("category", "conference").addAttribute("type", "text")
                .addAttribute("name", c.name().isEmpty() ? room.jid().getNode() : c.name());
        feature(query, MucNamespaces.MUC);
        feature(query, c.publicRoom() ? "muc_public" : "muc_hidden");
        feature(query, c.persistent() ? "muc_persistent" : "muc_temporary");
        feature(query, c.membersOnly() ? "muc_membersonly" : "muc_open");
        feature(query, c.moderated() ? "muc_moderated" : "muc_unmoderated");
        feature(query, c.passwordProtected() ? "muc_passwordprotected" : "muc_unsecured");
        feature(query, c.whoisAnyone() ? "muc_nonanonymous" : "muc_semianonymous");
        feature(query, MucNamespaces.PING);
        feature(query, OccupantIds.NAMESPACE);
        feature(query, RoomRegistrationHandler.REGISTER);
        if (rooms.logged(room)) {
            // XEP-0313 §7 on the archiving JID; XEP-0359 stanza ids by the room; XEP-0424 / XEP-0425 retraction.
            for (String f : new String[]{ArchiveModule.NAMESPACE, ArchiveModule.EXTENDED, StanzaIds.NAMESPACE,
                    RoomLog.RETRACT, RoomLog.TOMBSTONE, RoomLog.MODERATE, ModerationHandler.MODERATE_0}) {
                feature(query, f);
            }
        }
        Element x = query.addElement("x", RoomConfigForm.DATA).addAttribute("type", "result");
        field(x, "FORM_TYPE", "hidden", MucNamespaces.ROOMINFO);
        field(x, "muc#roominfo_description", "text-single", c.description());
        field(x, "muc#roominfo_subject", "text-single", room.subject());
        field(x, "muc#roominfo_occupants", "text-single", Integer.toString(room.occupantCount()));
        field(x, "muc#roomconfig_changesubject", "boolean", c.changeSubject() ? "1" : "0");
        // The two caps of the room (occupants: muc#roomconfig_maxusers; members: Parley's own field).
        field(x, "muc#roomconfig_maxusers", "text-single", Integer.toString(c.maxUsers()));
        field(x, "parley#roominfo_maxmembers", "text-single", Integer.toString(c.maxMembers()));
        field(x, "parley#roominfo_members", "text-single", Integer.toString(room.memberCount()));
        return result;
    }

    /** §7.12: an identity named with the nick reserved for the asker; none when it has none. */
    private static IQ reservedNick(Room room, IQ request) {
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", DISCO_INFO).addAttribute("node", RESERVED_NICK_NODE);
        room.reservedNick(request.getFrom()).ifPresent(nick -> query.addElement("identity")
                .addAttribute("category", "conference").addAttribute("type", "text").addAttribute("name", nick));
        return result;
    }

    /** §6.5: the room's items are its occupants, by occupant JID (the real JIDs are never disclosed here). */
    public IQ roomItems(Room room, IQ request) throws StanzaErrorException {
        requireNoNode(request);
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", DISCO_ITEMS);
        for (Occupant o : room.distinctOccupants()) {
            query.addElement("item").addAttribute("jid", o.occupantJid(room.jid()).toString());
        }
        return result;
    }

    private static void requireNoNode(IQ request) throws StanzaErrorException {
        if (request.getChildElement().attributeValue("node") != null) {
            throw new StanzaErrorException(PacketError.Condition.item_not_found, "no such node");
        }
    }

    private static void feature(Element query, String var) {
        query.addElement("feature").addAttribute("var", var);
    }

    private static void field(Element x, String var, String type, String value) {
        x.addElement("field").addAttribute("var", var).addAttribute("type", type).addElement("value").setText(value);
    }

    static boolean isRoom(JID to) {
        return to.getNode() != null && to.getResource() == null;
    }
}
