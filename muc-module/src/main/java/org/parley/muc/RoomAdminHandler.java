package org.parley.muc;

import org.dom4j.Element;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.function.Consumer;

/**
 * The {@code muc#admin} namespace (XEP-0045 §8 moderator and §9 admin use cases, §10.3-§10.8 owner lists): kick
 * (307), ban (301), voice, moderator, membership (321 when it ends in a members-only room), admin and owner
 * lists, each checked by {@link RolePolicy}, {@link AffiliationPolicy} and {@link MemberCapPolicy}.
 */
public final class RoomAdminHandler {
    private final Rooms rooms;
    private final Policies policies;
    private final Broadcast broadcast;

    /** @param policies who may change roles and affiliations, and the member cap */
    public RoomAdminHandler(Rooms rooms, Policies policies, Broadcast broadcast) {
        this.rooms = rooms;
        this.policies = policies;
        this.broadcast = broadcast;
    }

    /**
     * Handles one {@code muc#admin} get or set on {@code room} (in the room's queue).
     *
     * @param request an IQ whose {@code from} is the requester's full JID
     * @return the result, with the requested list for a get
     * @throws StanzaErrorException {@code <forbidden/>}/{@code <not-allowed/>} when the requester's role or
     *                              affiliation does not allow the change (XEP-0045 §8-§10), {@code <bad-request/>}
     *                              for a malformed item, {@code <not-allowed/>} beyond the member cap
     */
    public IQ handle(Room room, IQ request) throws StanzaErrorException {
        List<Element> items = request.getChildElement().elements("item");
        if (items.isEmpty()) throw new StanzaErrorException(PacketError.Condition.bad_request, "an <item/> is needed");
        return request.getType() == IQ.Type.get ? list(room, request, items.get(0)) : modify(room, request, items);
    }

    /** §8.5 (roles: moderators), §9.5/§9.8/§10.5/§10.8 (affiliations: admins and owners). */
    private IQ list(Room room, IQ request, Element query) throws StanzaErrorException {
        Affiliation actor = room.affiliation(request.getFrom());
        IQ result = IQ.createResultIQ(request);
        Element answer = result.setChildElement("query", MucNamespaces.ADMIN);
        if (query.attributeValue("affiliation") != null) {
            Affiliation wanted = parse(query.attributeValue("affiliation"), Affiliation::of);
            // §9.5, §10.5, §10.8: admins and owners get every list; the member, admin and owner lists also go to the
            // occupants the room allows (muc#roomconfig_getmemberlist, e.g. for end-to-end encryption in private
            // groups); the outcast list stays with admins and owners.
            Role askerRole = room.byRealJid(request.getFrom()).map(Occupant::role).orElse(Role.NONE);
            boolean allowed = actor.isAdminOrOwner()
                    || wanted.isMember() && askerRole != Role.NONE && room.config().mayGetMemberList(askerRole);
            if (!allowed) throw new StanzaErrorException(PacketError.Condition.forbidden, "admins and owners only");
            for (JID jid : room.withAffiliation(wanted)) {
                answer.addElement("item").addAttribute("affiliation", wanted.value()).addAttribute("jid", jid.toBareJID());
            }
        } else if (query.attributeValue("role") != null) {
            Role wanted = parse(query.attributeValue("role"), Role::of);
            Occupant asker = room.byRealJid(request.getFrom()).orElse(null);
            if (asker == null || asker.role() != Role.MODERATOR) {
                throw new StanzaErrorException(PacketError.Condition.forbidden, "moderators only");
            }
            for (Occupant o : room.distinctOccupants()) {
                if (o.role() != wanted) continue;
                answer.addElement("item").addAttribute("affiliation", o.affiliation().value())
                        .addAttribute("jid", o.realJid().toString()).addAttribute("nick", o.nick())
                        .addAttribute("role", o.role().value());
            }
        } else {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "ask for a role or an affiliation");
        }
        return result;
    }

    private IQ modify(Room room, IQ request, List<Element> items) throws StanzaErrorException {
        Occupant actorOccupant = room.byRealJid(request.getFrom()).orElse(null);
        Affiliation actor = room.affiliation(request.getFrom());
        for (Element item : items) {
            String reason = item.elementText("reason");
            if (item.attributeValue("affiliation") != null) {
                JID user = MucStanzas.jidOrNull(item.attributeValue("jid"));
                if (user == null && item.attributeValue("nick") != null) {
                    user = room.byNick(item.attributeValue("nick")).map(Occupant::realJid).orElse(null);
                }
                if (user == null) throw new StanzaErrorException(PacketError.Condition.bad_request, "an item needs a jid");
                setAffiliation(room, request.getFrom(), actor, actorOccupant, user.asBareJID(),
                        parse(item.attributeValue("affiliation"), Affiliation::of), reason);
            } else if (item.attributeValue("role") != null && item.attributeValue("nick") != null) {
                if (actorOccupant == null) throw new StanzaErrorException(PacketError.Condition.forbidden, "moderators only");
                Occupant target = room.byNick(item.attributeValue("nick"))
                        .orElseThrow(() -> new StanzaErrorException(PacketError.Condition.item_not_found, "no such occupant"));
                setRole(room, actorOccupant, target, parse(item.attributeValue("role"), Role::of), reason);
            } else {
                throw new StanzaErrorException(PacketError.Condition.bad_request, "an item needs a role and nick or an affiliation");
            }
        }
        return IQ.createResultIQ(request);
    }

    /** §8.6: a moderator approved a voice request for {@code nick}: as §8.3 granting voice. */
    public void grantVoice(Room room, Occupant moderator, String nick) throws StanzaErrorException {
        Occupant target = room.byNick(nick)
                .orElseThrow(() -> new StanzaErrorException(PacketError.Condition.item_not_found, "no such occupant"));
        if (target.role() == Role.VISITOR) setRole(room, moderator, target, Role.PARTICIPANT, null);
    }

    /** §8.2 kick, §8.3/§8.4 voice, §9.6/§9.7 moderator status. */
    private void setRole(Room room, Occupant actor, Occupant target, Role next, String reason) throws StanzaErrorException {
        policies.roles().check(actor, target, next);
        List<Occupant> sessions = room.sessionsOf(target.nick());
        if (next == Role.NONE) {
            // §8.2: the service MUST remove the kicked occupant: unavailable presence with status code 307 (actor,
            // reason) to the kicked occupant, and the same to every remaining occupant.
            remove(room, sessions, 307, actor.nick(), reason);
            return;
        }
        sessions.forEach(s -> room.put(s.withRole(next)));
        broadcast.presence(room, target.withRole(next), null, List.of(), decorate(actor.nick(), reason), null);
    }

    /** §9.1 ban (301), §9.3/§9.4 membership (321), §10.3-§10.7 admin and owner status. */
    private void setAffiliation(Room room, JID actorJid, Affiliation actor, Occupant actorOccupant, JID user,
                                Affiliation next, String reason) throws StanzaErrorException {
        policies.affiliations().check(room, actor, user, next);
        policies.memberCap().check(room, user, next);
        applyAffiliation(room, actorOccupant, user, next, reason);
        rooms.persist(room);
    }

    /**
     * Gives {@code user} (a bare JID) the affiliation {@code next} without checking who may (the caller has) and
     * tells the room (§9.1 ban 301, §9.4 membership lost 321, otherwise the new affiliation and role in presence).
     * The caller persists the room.
     *
     * @param actorOccupant the occupant who made the change, named as the actor, or null
     */
    void applyAffiliation(Room room, Occupant actorOccupant, JID user, Affiliation next, String reason) {
        room.affiliate(user, next);
        String actorNick = actorOccupant == null ? null : actorOccupant.nick();
        Map<String, List<Occupant>> byNick = room.byBareJid(user).stream()
                .map(o -> o.withAffiliation(next))
                .collect(Collectors.groupingBy(Occupant::nick, LinkedHashMap::new, Collectors.toList()));
        for (List<Occupant> sessions : byNick.values()) {
            if (next == Affiliation.OUTCAST) {
                // §9.1: the service MUST remove a banned occupant: unavailable presence with status code 301.
                remove(room, sessions, 301, actorNick, reason);
            } else if (room.config().membersOnly() && !next.isMember()) {
                // §9.4: in a members-only room a revoked member is removed with status code 321.
                remove(room, sessions, 321, actorNick, reason);
            } else {
                Role role = policies.moderation().initialRole(room, next);
                sessions.forEach(s -> room.put(s.withRole(role)));
                broadcast.presence(room, sessions.get(0).withRole(role), null, List.of(), decorate(actorNick, reason), null);
            }
        }
    }

    /** Removes every session of one nick with {@code status} (307 kick, 301 ban, 321 membership lost). */
    private void remove(Room room, List<Occupant> sessions, int status, String actorNick, String reason) {
        broadcast.removed(room, sessions.stream().map(s -> s.withPresence(null).withRole(Role.NONE)).toList(),
                List.of(status), decorate(actorNick, reason));
        if (room.occupantCount() == 0 && !room.config().persistent()) rooms.remove(room);
    }

    private static Consumer<Element> decorate(String actorNick, String reason) {
        return item -> {
            if (actorNick != null) item.addElement("actor").addAttribute("nick", actorNick);
            if (reason != null) item.addElement("reason").setText(reason);
        };
    }

    private interface Parser<T> {
        T parse(String value);
    }

    private static <T> T parse(String value, Parser<T> parser) throws StanzaErrorException {
        try {
            return parser.parse(value);
        } catch (IllegalArgumentException unknown) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "unknown value '" + value + "'");
        }
    }
}
