package org.parley.muc;

import org.dom4j.Element;
import org.dom4j.QName;
import org.parley.archive.ArchiveFilter;
import org.parley.archive.ArchivePager;
import org.parley.archive.ArchiveQuery;
import org.parley.archive.ArchivedMessage;
import org.parley.xmpp.core.module.Outbox;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import java.util.function.BiConsumer;

/**
 * MAM on a room's bare JID (XEP-0313 §3.3.2, §5.1.2): {@code <query/>} (set: a page of the room's archive; get: the
 * form) and {@code <metadata/>}, for whoever may enter the room — in a members-only room its members, admins and
 * owners; in an open room anyone but outcasts, occupants or not; in a password-protected room its occupants and
 * affiliated users. The results come from the occupant JIDs the messages were sent from; the sender's real JID is
 * added (in a {@code muc#user} item) only for those allowed to see it now: everyone in a non-anonymous room, admins,
 * owners and moderators in a semi-anonymous one. {@code with} is an occupant JID (messages sent under that nick), the
 * room's JID (what the room itself said), or a real bare JID (the publisher, XEP-0313 §4.1.1) — the last only for
 * those allowed to see real JIDs, others get {@code <forbidden/>}.
 */
final class RoomArchiveHandler {
    private final Rooms rooms;

    RoomArchiveHandler(Rooms rooms) {
        this.rooms = rooms;
    }

    /** Handles a {@code urn:xmpp:mam:2} request to {@code room}, in the room's queue. */
    IQ handle(Room room, IQ request, Outbox outbox) throws StanzaErrorException {
        RoomArchive archive = rooms.archive().orElseThrow(() ->
                new StanzaErrorException(PacketError.Condition.service_unavailable, "this room keeps no archive"));
        checkMayRead(room, request.getFrom());
        Element child = request.getChildElement();
        boolean get = request.getType() == IQ.Type.get;
        if ("metadata".equals(child.getName()) && get) return metadata(archive, room, request);
        if (!"query".equals(child.getName())) throw new StanzaErrorException(PacketError.Condition.service_unavailable);
        if (get) return ArchivePager.form(request);
        ArchiveQuery query = ArchiveQuery.parse(child, ArchivePager.DEFAULT_PAGE, ArchivePager.MAX_PAGE);
        boolean seesRealJids = maySeeRealJids(room, request.getFrom());
        ArchiveFilter filter = withFilter(room, query, seesRealJids);
        BiConsumer<ArchivedMessage, Element> decorate = (row, message) -> {
            // XEP-0313 §5.1.2: "The archiving entity MUST strip any pre-existing <x> element from MUC messages"
            // (done when archived); the real JID goes "in an <x/> element ... containing an <item/> child with a
            // 'jid' attribute" for those with "the right to access the sender real JID at the time of the query".
            if (seesRealJids && !row.withJid().equals(room.jid().toBareJID())) {
                message.addElement(QName.get("x", MucNamespaces.USER)).addElement("item").addAttribute("jid", row.withJid());
            }
        };
        return archive.query(room, request, query, filter, outbox, decorate);
    }

    /**
     * XEP-0313 §5.1.2: "A MUC archive MUST check that the user requesting the archive has the right to enter it at the
     * time of the query and only allow access if so."
     *
     * @throws StanzaErrorException {@code <forbidden/>} (XEP-0313 §8.1) for outcasts and for those who may not enter
     */
    static void checkMayRead(Room room, JID requester) throws StanzaErrorException {
        Affiliation affiliation = room.affiliation(requester);
        if (room.locked() && affiliation != Affiliation.OWNER) {
            throw new StanzaErrorException(PacketError.Condition.item_not_found, "no such room");
        }
        if (affiliation == Affiliation.OUTCAST) throw forbidden("you are banned from this room");
        // "In a members-only chat room, only owners, admins or members can query a room archive."
        if (room.config().membersOnly() && !affiliation.isMember()) throw forbidden("members only");
        // A password is the right to enter a protected room: those who entered with it, and its affiliated users.
        if (room.config().passwordProtected() && !affiliation.isMember() && room.byRealJid(requester).isEmpty()) {
            throw forbidden("enter the room (with its password) first");
        }
    }

    /**
     * Whether {@code requester} may see occupants' real JIDs now: in a non-anonymous room everyone; in a
     * semi-anonymous one admins and owners, and occupants with the moderator role (XEP-0045 §7.2.4).
     */
    static boolean maySeeRealJids(Room room, JID requester) {
        if (room.config().whoisAnyone() || room.affiliation(requester).isAdminOrOwner()) return true;
        return room.byRealJid(requester).map(o -> o.role() == Role.MODERATOR).orElse(false);
    }

    /** The room's selection with {@code with} as XEP-0313 §4.1.1 has it for MUC archives: the publisher. */
    private static ArchiveFilter withFilter(Room room, ArchiveQuery query, boolean seesRealJids) throws StanzaErrorException {
        ArchiveFilter filter = query.bounds(room.jid().getNode());
        JID with = query.with();
        if (with == null) return filter;
        if (with.toBareJID().equals(room.jid().toBareJID())) {
            // An occupant JID: what was sent under that nick; the room's own JID: what the room said.
            return with.getResource() != null ? filter.withPeer(null, nickKey(with.getResource()))
                    : filter.withPeer(room.jid().toBareJID(), "");
        }
        // §4.1.1: "this should only be available to entities that would already have been allowed to know the
        // publisher of the events (e.g. this could not be used by a visitor to a semi-anonymous MUC)".
        if (!seesRealJids) throw forbidden("real JIDs are not disclosed in this room: use an occupant JID");
        return filter.withPeer(with.toBareJID(), null);
    }

    /** The archive's form of a nick in {@code with}; a nick that cannot be one (spaces only) matches nothing. */
    private static String nickKey(String nick) throws StanzaErrorException {
        try {
            return RoomArchive.nickKey(nick);
        } catch (IllegalArgumentException notANick) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "'with' names no nick");
        }
    }

    /** XEP-0313 §5: the first and last message of the room's archive. */
    private static IQ metadata(RoomArchive archive, Room room, IQ request) throws StanzaErrorException {
        return archive.metadata(room, request);
    }

    private static StanzaErrorException forbidden(String text) {
        return new StanzaErrorException(PacketError.Condition.forbidden, text);
    }
}
