package org.parley.muc;

import org.dom4j.Element;
import org.dom4j.QName;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code muc#owner} namespace (XEP-0045 §10): the configuration form (§10.1.2 instant room, §10.1.3 reserved
 * room, §10.2 subsequent configuration, status 104 to occupants), and destroying a room (§10.9).
 */
public final class RoomOwnerHandler {
    private final Rooms rooms;
    private final Broadcast broadcast;
    private final RoomAdminHandler admin;

    /** @param admin applies the affiliation changes of the form's owner and admin lists */
    public RoomOwnerHandler(Rooms rooms, Broadcast broadcast, RoomAdminHandler admin) {
        this.rooms = rooms;
        this.broadcast = broadcast;
        this.admin = admin;
    }

    /**
     * Handles one {@code muc#owner} get (the configuration form) or set (a submitted form, a cancel, or
     * {@code <destroy/>}) on {@code room}, in the room's queue.
     *
     * @throws StanzaErrorException {@code <forbidden/>} for a non-owner (XEP-0045 §10.1.3), {@code <bad-request/>}
     *                              for a malformed or unacceptable form
     */
    public IQ handle(Room room, IQ request) throws StanzaErrorException {
        // §10: "If the <user@host> of the 'from' address does not match the bare JID of a room owner, the service
        // MUST return a <forbidden/> error to the sender."
        if (room.affiliation(request.getFrom()) != Affiliation.OWNER) {
            throw new StanzaErrorException(PacketError.Condition.forbidden, "owners only");
        }
        Element query = request.getChildElement();
        IQ result = IQ.createResultIQ(request);
        if (request.getType() == IQ.Type.get) {
            RoomConfigForm.write(result.setChildElement("query", MucNamespaces.OWNER), room, rooms.settings());
            return result;
        }
        Element destroy = query.element("destroy");
        if (destroy != null) {
            destroy(room, destroy);
            return result;
        }
        Element x = query.element(QName.get("x", RoomConfigForm.DATA));
        if (x == null) throw new StanzaErrorException(PacketError.Condition.bad_request, "a form or <destroy/> is needed");
        if ("cancel".equals(x.attributeValue("type"))) {
            // §10.1.3: when the initial configuration is cancelled, the service MUST destroy the room.
            if (room.locked()) destroy(room, null);
            return result;
        }
        if (!"submit".equals(x.attributeValue("type"))) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "submit or cancel the form");
        }
        Map<JID, Affiliation> changes = affiliationChanges(room, x);
        RoomConfig next = RoomConfigForm.read(x, room.config(), rooms.settings(), memberCountAfter(room, changes));
        Occupant actor = room.byRealJid(request.getFrom()).orElse(null);
        changes.forEach((user, affiliation) -> admin.applyAffiliation(room, actor, user, affiliation, null));
        configure(room, next);
        return result;
    }

    /**
     * The affiliation changes the form's {@code muc#roomconfig_roomowners} and {@code muc#roomconfig_roomadmins}
     * lists make (§10.2, §15.5.3: the full lists; a JID left out of its list becomes a plain user), checked as a
     * whole before any is made: the room keeps an owner (§10.7, {@code <conflict/>}), a JID is in one list only
     * ({@code <bad-request/>}), and the member cap holds ({@code <not-allowed/>}).
     */
    private static Map<JID, Affiliation> affiliationChanges(Room room, Element x) throws StanzaErrorException {
        Optional<Set<JID>> owners = RoomConfigForm.affiliationList(x, RoomConfigForm.OWNERS);
        Optional<Set<JID>> admins = RoomConfigForm.affiliationList(x, RoomConfigForm.ADMINS);
        Map<JID, Affiliation> changes = new LinkedHashMap<>();
        if (owners.isEmpty() && admins.isEmpty()) return changes;
        Set<JID> newOwners = owners.orElseGet(() -> Set.copyOf(room.withAffiliation(Affiliation.OWNER)));
        Set<JID> newAdmins = admins.orElseGet(() -> Set.copyOf(room.withAffiliation(Affiliation.ADMIN)));
        if (newOwners.isEmpty()) throw new StanzaErrorException(PacketError.Condition.conflict, "a room needs an owner");
        for (JID jid : newAdmins) {
            if (newOwners.contains(jid)) {
                throw new StanzaErrorException(PacketError.Condition.bad_request, jid + " is in both the owner and admin lists");
            }
        }
        // New owners first, so that the room has an owner at every step.
        for (JID jid : newOwners) {
            if (room.affiliations().get(jid) != Affiliation.OWNER) changes.put(jid, Affiliation.OWNER);
        }
        for (JID jid : room.withAffiliation(Affiliation.OWNER)) {
            if (!newOwners.contains(jid)) changes.put(jid, newAdmins.contains(jid) ? Affiliation.ADMIN : Affiliation.NONE);
        }
        for (JID jid : newAdmins) {
            if (room.affiliations().get(jid) != Affiliation.ADMIN) changes.put(jid, Affiliation.ADMIN);
        }
        for (JID jid : room.withAffiliation(Affiliation.ADMIN)) {
            if (!newAdmins.contains(jid) && !newOwners.contains(jid)) changes.put(jid, Affiliation.NONE);
        }
        int members = memberCountAfter(room, changes);
        if (members > room.config().maxMembers()) {
            throw new StanzaErrorException(PacketError.Condition.not_allowed,
                    "the room has a limit of " + room.config().maxMembers() + " members");
        }
        return changes;
    }

    /** Members, admins and owners once {@code changes} are made. */
    private static int memberCountAfter(Room room, Map<JID, Affiliation> changes) {
        Map<JID, Affiliation> after = new LinkedHashMap<>(room.affiliations());
        changes.forEach(after::put);
        return (int) after.values().stream().filter(Affiliation::isMember).count();
    }

    /** §10.1.2 / §10.2: apply, unlock, store (or forget, if now temporary), tell the occupants. */
    private void configure(Room room, RoomConfig next) {
        boolean initial = room.locked();
        boolean becameMembersOnly = next.membersOnly() && !room.config().membersOnly();
        boolean becameTemporary = room.config().persistent() && !next.persistent();
        boolean wasLogged = rooms.logged(room);
        room.configure(next);
        room.lock(false);
        if (becameTemporary) rooms.unpersist(room);
        rooms.persist(room);
        if (becameMembersOnly) {
            // §17.2 code 322: "Removed from the room because the room has been changed to members-only".
            for (Occupant o : room.distinctOccupants()) {
                if (o.affiliation().isMember()) continue;
                broadcast.removed(room, room.sessionsOf(o.nick()).stream()
                        .map(s -> s.withPresence(null).withRole(Role.NONE)).toList(), List.of(322), null);
            }
        }
        if (!initial) {
            // §10.2.1: occupants are told that the configuration changed (status code 104).
            Message notice = new Message();
            notice.setType(Message.Type.groupchat);
            notice.setFrom(room.jid());
            Element x = notice.addChildElement("x", MucNamespaces.USER);
            x.addElement("status").addAttribute("code", "104");
            // §10.2.1: 170 when room logging is now enabled, 171 when it is now disabled.
            if (rooms.logged(room) != wasLogged) {
                x.addElement("status").addAttribute("code", rooms.logged(room) ? "170" : "171");
            }
            broadcast.message(room, notice);
        }
    }

    /** §10.9: every occupant gets unavailable presence with {@code <destroy/>} (and the alternate venue). */
    private void destroy(Room room, Element destroy) {
        for (Occupant o : new ArrayList<>(room.occupants())) {
            room.removeSession(o.realJid());
            Occupant gone = o.withPresence(null).withRole(Role.NONE).withAffiliation(Affiliation.NONE);
            broadcast.send(withDestroy(MucStanzas.occupantPresence(room, gone, gone, Presence.Type.unavailable, List.of()), destroy));
        }
        room.markDestroyed();
        rooms.remove(room);
    }

    private static Presence withDestroy(Presence p, Element destroy) {
        Element out = p.getChildElement("x", MucNamespaces.USER).addElement("destroy");
        if (destroy != null) {
            String jid = destroy.attributeValue("jid");
            if (jid != null) out.addAttribute("jid", jid);
            String reason = destroy.elementText("reason");
            if (reason != null) out.addElement("reason").setText(reason);
            String password = destroy.elementText("password");
            if (password != null) out.addElement("password").setText(password);
        }
        return p;
    }
}
