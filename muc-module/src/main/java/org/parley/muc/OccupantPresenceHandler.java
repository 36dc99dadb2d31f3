package org.parley.muc;

import org.dom4j.Element;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Presence to an occupant JID (XEP-0045 §7.2 entering a room, §7.6 changing nick, §7.7 changing availability,
 * §7.14 exiting), and instant room creation by the first occupant (§10.1.1, status 201).
 */
public final class OccupantPresenceHandler {
    private static final Logger log = LoggerFactory.getLogger(OccupantPresenceHandler.class);

    private final Rooms rooms;
    private final Policies policies;
    private final Broadcast broadcast;
    private final Clock clock;

    /** @param clock the time for the history on entry (XEP-0045 §7.2.14 {@code seconds}, {@code since}) */
    public OccupantPresenceHandler(Rooms rooms, Policies policies, Broadcast broadcast, Clock clock) {
        this.rooms = rooms;
        this.policies = policies;
        this.broadcast = broadcast;
        this.clock = clock;
    }

    /** Handles {@code presence} to {@code room@service[/nick]}; runs in the room's queue. */
    public void handle(Presence presence) {
        Presence.Type type = presence.getType();
        if (type == Presence.Type.error) {
            occupantFailed(presence.getTo().getNode(), presence.getFrom());
            return;
        }
        try {
            if (type == Presence.Type.unavailable) {
                leave(presence);
            } else if (type == null) {
                available(presence);
            }
            // Subscription requests and probes to a room are not part of XEP-0045: ignored.
        } catch (StanzaErrorException e) {
            broadcast.send(MucStanzas.error(presence, e));
        }
    }

    private void available(Presence presence) throws StanzaErrorException {
        JID from = presence.getFrom();
        String requested = presence.getTo().getResource();
        Room room = rooms.get(presence.getTo().getNode()).orElse(null);
        if (requested == null) {
            // §7.2.1: entering needs a nick; presence to the bare room JID gets <jid-malformed/>.
            throw new StanzaErrorException(PacketError.Condition.jid_malformed, "a nick is required");
        }
        String nick = nickFor(room, from, requested);
        if (room != null) {
            var existing = room.byRealJid(from);
            if (existing.isPresent()) {
                if (existing.get().nick().equals(nick)) {
                    update(room, existing.get(), presence);
                } else {
                    changeNick(room, existing.get(), nick, !nick.equals(requested), presence);
                }
                return;
            }
        }
        boolean created = room == null;
        if (created) {
            // §10.1.1: "If the room does not yet exist, the service SHOULD create the room"; the creator is its owner.
            room = rooms.create(presence.getTo().getNode(), from);
            log.info("Room {} created by {}", room.jid(), from.asBareJID());
        }
        try {
            join(room, presence, nick, created);
        } catch (StanzaErrorException e) {
            if (created) rooms.remove(room);
            throw e;
        }
    }

    /**
     * The nick {@code user} gets for {@code requested}: its RFC 8266 enforced form ({@link Nicknames}), or the nick
     * the user already holds in the room when the two are the same nick (another session of one user, "romeo" for
     * "Romeo"). When it differs from the request the occupant is told with status 210 (XEP-0045 §7.2.1, §7.6).
     *
     * @throws StanzaErrorException {@code <jid-malformed/>} for a nick of spaces only
     */
    private static String nickFor(Room room, JID user, String requested) throws StanzaErrorException {
        String nick;
        try {
            nick = Nicknames.enforce(requested);
        } catch (IllegalArgumentException empty) {
            throw new StanzaErrorException(PacketError.Condition.jid_malformed, "a nick is required");
        }
        if (room == null) return nick;
        // Another session of the same user holds the nick: this one joins that occupant under its exact nick.
        return room.distinctOccupants().stream()
                .filter(o -> Nicknames.same(o.nick(), nick) && o.realJid().asBareJID().equals(user.asBareJID())
                        && !o.realJid().equals(user))
                .map(Occupant::nick).findFirst().orElse(nick);
    }

    /** §7.2: the entry rules, then the occupants' presence, the newcomer's, history and subject. */
    private void join(Room room, Presence presence, String nick, boolean created) throws StanzaErrorException {
        JID from = presence.getFrom();
        boolean modified = !nick.equals(presence.getTo().getResource());
        Element mucX = presence.getChildElement("x", MucNamespaces.MUC);
        String password = mucX == null ? null : mucX.elementText("password");
        Affiliation affiliation = room.affiliation(from);
        JoinRequest request = new JoinRequest(from, nick, affiliation, password);
        for (EntryPolicy policy : policies.entry()) policy.check(room, request);
        rooms.loadHistory(room);

        // A further session of a user already in the room under this nick shares that occupant's role.
        Role role = room.byNick(nick).map(Occupant::role)
                .orElseGet(() -> policies.moderation().initialRole(room, affiliation));
        Occupant newcomer = new Occupant(nick, from, role, affiliation, stripped(presence));
        // §7.2.3: the service MUST first send the presence of every existing occupant to the new occupant.
        for (Occupant o : room.distinctOccupants()) {
            if (o.nick().equals(nick)) continue;
            broadcast.send(MucStanzas.occupantPresence(room, o, newcomer, null, List.of()));
        }
        room.put(newcomer);
        // §7.2.3 / §7.2.5: every other occupant gets the newcomer's presence, the newcomer last its own, with 110.
        for (Occupant o : room.occupants()) {
            if (o == newcomer) continue;
            broadcast.send(MucStanzas.occupantPresence(room, newcomer, o, null, List.of()));
        }
        List<Integer> codes = new ArrayList<>(List.of(110));
        // §7.2.5: 100 "Inform user that any occupant is allowed to see the user's full JID".
        if (room.config().whoisAnyone()) codes.add(100);
        // §10.1.1: 201 "Inform user that a new room has been created" (and it is locked until configured).
        if (created) codes.add(201);
        // §7.2.12: 170 "Inform occupants that room logging is now enabled", when the user enters a logged room.
        if (rooms.logged(room)) codes.add(170);
        // §7.2.1 / §17.2: 210 "Inform user that service has assigned or modified occupant's roomnick".
        if (modified) codes.add(210);
        Presence self = MucStanzas.occupantPresence(room, newcomer, newcomer, null, codes);
        self.setID(presence.getID());
        broadcast.send(self);
        sendHistory(room, newcomer, mucX == null ? null : mucX.element("history"));
        sendSubject(room, newcomer);
    }

    /** §7.2.14: the discussion history, each message with a delay (XEP-0203) from the room. */
    private void sendHistory(Room room, Occupant to, Element historyRequest) {
        for (History.Entry entry : room.history().select(historyRequest, clock.instant())) {
            Message m = entry.message().createCopy();
            m.setTo(to.realJid());
            m.addChildElement("delay", MucNamespaces.DELAY).addAttribute("from", room.jid().toBareJID())
                    .addAttribute("stamp", entry.at().toString());
            broadcast.send(m);
        }
    }

    /** §7.2.15: after the history the room sends its subject, an empty {@code <subject/>} when there is none. */
    private void sendSubject(Room room, Occupant to) {
        Message m = new Message();
        m.setType(Message.Type.groupchat);
        m.setFrom(room.subjectBy().isEmpty() ? room.jid() : new JID(room.jid().getNode(), room.jid().getDomain(), room.subjectBy(), true));
        m.setTo(to.realJid());
        m.getElement().addElement("subject").setText(room.subject());
        broadcast.send(m);
    }

    /** §7.7: a new availability or status is broadcast to all occupants. */
    private void update(Room room, Occupant occupant, Presence presence) {
        Occupant updated = occupant.withPresence(stripped(presence));
        room.put(updated);
        broadcast.presence(room, updated, null, List.of(), null, null);
    }

    /**
     * §7.6: unavailable with 303 and the new nick, then available under the new nick; every session of the user
     * under the old nick moves with it.
     */
    private void changeNick(Room room, Occupant occupant, String newNick, boolean modified, Presence presence)
            throws StanzaErrorException {
        new NickPolicy().check(room, new JoinRequest(occupant.realJid(), newNick, occupant.affiliation(), null));
        broadcast.presence(room, occupant, Presence.Type.unavailable, List.of(303),
                item -> item.addAttribute("nick", newNick), null);
        Occupant renamed = occupant.withNick(newNick).withPresence(stripped(presence));
        for (Occupant session : room.sessionsOf(occupant.nick())) {
            room.put(session.realJid().equals(occupant.realJid()) ? renamed : session.withNick(newNick));
        }
        if (modified) {
            // §7.6 / §17.2: the occupant learns with 210 that the room changed the nick it asked for; the others
            // see the new nick as usual.
            broadcast.presence(room, renamed, null, List.of(), null, null, 210);
        } else {
            broadcast.presence(room, renamed, null, List.of(), null, null);
        }
    }

    /** §7.14: the leaver and everyone else get its unavailable presence; an empty temporary room goes away. */
    private void leave(Presence presence) {
        Room room = rooms.get(presence.getTo().getNode()).orElse(null);
        if (room == null) return;
        Occupant occupant = room.byRealJid(presence.getFrom()).orElse(null);
        if (occupant == null) return;
        Occupant leaving = occupant.withPresence(stripped(presence));
        room.removeSession(occupant.realJid());
        List<Occupant> remaining = room.sessionsOf(occupant.nick());
        if (remaining.isEmpty()) {
            broadcast.presence(room, leaving, Presence.Type.unavailable, List.of(), null, null);
        } else {
            // One of several sessions under the nick left: only it hears so; the occupant stays for the others.
            broadcast.send(MucStanzas.occupantPresence(room, leaving, leaving, Presence.Type.unavailable, List.of(110)));
        }
        closeIfEmpty(room);
    }

    /** An occupant's client answered with an error: it is gone (XEP-0045 §17.2 status 333). */
    private void occupantFailed(String roomName, JID realJid) {
        Room room = rooms.get(roomName).orElse(null);
        if (room == null) return;
        room.byRealJid(realJid).ifPresent(o -> sessionGone(room, o, List.of(333)));
    }

    /** The session of {@code realJid} ended: it leaves every room it was in. */
    public void sessionEnded(Room room, JID realJid) {
        room.byRealJid(realJid).ifPresent(o -> sessionGone(room, o, List.of()));
    }

    /** A session vanished without exiting: the others see the occupant go unless another session keeps the nick. */
    private void sessionGone(Room room, Occupant o, List<Integer> statuses) {
        room.removeSession(o.realJid());
        if (room.sessionsOf(o.nick()).isEmpty()) {
            Occupant gone = o.withPresence(null);
            for (Occupant other : room.occupants()) {
                broadcast.send(MucStanzas.occupantPresence(room, gone, other, Presence.Type.unavailable, statuses));
            }
        }
        closeIfEmpty(room);
    }

    private void closeIfEmpty(Room room) {
        // §10.1 / §10.2: a temporary room is destroyed when the last occupant exits.
        if (room.occupantCount() == 0 && (!room.config().persistent() || room.locked())) rooms.remove(room);
    }

    private static Presence stripped(Presence presence) {
        Presence copy = presence.createCopy();
        Element x = copy.getChildElement("x", MucNamespaces.MUC);
        if (x != null) copy.getElement().remove(x);
        return copy;
    }
}
