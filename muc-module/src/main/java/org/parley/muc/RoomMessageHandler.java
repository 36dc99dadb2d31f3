package org.parley.muc;

import org.dom4j.Element;
import org.parley.archive.ArchivedMessage;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

import java.util.UUID;

/**
 * Messages to a room or an occupant (XEP-0045 §7.4 groupchat, §8.1 subject, §7.5 private messages, §7.8.2
 * mediated invitations and declines, §7.13 voice requests), XEP-0424 retraction of one's own groupchat message.
 * Every groupchat message goes through the {@link RoomLog} (stanza-id, archive, history) before it is broadcast.
 */
public final class RoomMessageHandler {
    private final Rooms rooms;
    private final Policies policies;
    private final Broadcast broadcast;
    private final RoomLog log;
    private final VoiceRequests voiceRequests;

    RoomMessageHandler(Rooms rooms, Policies policies, Broadcast broadcast, RoomLog log, VoiceRequests voiceRequests) {
        this.rooms = rooms;
        this.policies = policies;
        this.broadcast = broadcast;
        this.log = log;
        this.voiceRequests = voiceRequests;
    }

    /** Handles {@code message} to {@code room@service[/nick]}; runs in the room's queue. */
    public void handle(Message message, OccupantPresenceHandler presences) {
        if (message.getType() == Message.Type.error) {
            // §18.1 (error handling): an occupant whose client bounces the room's messages is gone.
            presences.handle(asErrorPresence(message));
            return;
        }
        try {
            Room room = rooms.get(message.getTo().getNode())
                    .orElseThrow(() -> new StanzaErrorException(PacketError.Condition.item_not_found, "no such room"));
            if (message.getTo().getResource() != null) {
                privateMessage(room, message);
            } else if (message.getType() == Message.Type.groupchat) {
                groupchat(room, message);
            } else {
                toRoom(room, message);
            }
        } catch (StanzaErrorException e) {
            broadcast.send(MucStanzas.error(message, e));
        }
    }

    /** §7.4 groupchat, or §8.1 a subject change (a subject and no body). */
    private void groupchat(Room room, Message message) throws StanzaErrorException {
        // §7.4: "If the sender is not an occupant of the room, the service SHOULD return a <not-acceptable/> error".
        Occupant sender = room.byRealJid(message.getFrom())
                .orElseThrow(() -> new StanzaErrorException(PacketError.Condition.not_acceptable, "you are not in this room"));
        Message out = message.createCopy();
        out.setFrom(sender.occupantJid(room.jid()));
        out.setTo((JID) null);
        room.occupantIds().stamp(out, room.jid(), sender.realJid());
        if (History.isSubjectChange(message)) {
            policies.moderation().checkMayChangeSubject(room, sender);
            room.subject(message.getSubject(), sender.nick());
            rooms.persist(room);
            log.record(room, sender.realJid(), sender.nick(), out);
            broadcast.message(room, out);
            return;
        }
        policies.moderation().checkMayTalk(room, sender);
        Element retract = out.getChildElement("retract", RoomLog.RETRACT);
        ArchivedMessage retracted = retract == null ? null : retracted(room, sender, retract.attributeValue("id"));
        // XEP-0424 §5: the tombstone names the retraction by its 'id' (clients SHOULD set one; if not, the room does).
        if (retracted != null && out.getID() == null) out.setID(UUID.randomUUID().toString());
        // §7.4: the message MUST go to all occupants, from the sender's occupant JID, the sender included.
        log.record(room, sender.realJid(), sender.nick(), out);
        if (retracted != null) log.tombstone(room, retracted, out, null, null);
        broadcast.message(room, out);
    }

    /**
     * XEP-0424 §6: a retraction "MUST only be processed when both the original message and the retraction request
     * are received from the same bare-JID": the room checks the archived original (by its stanza-id) was sent by the
     * retracting user, so that it can replace it by a tombstone.
     *
     * @return the message retracted, or null when the room cannot check (it keeps no archive, or the message was
     * sent while logging was off): then the retraction is only reflected, and clients check its occupant id
     * @throws StanzaErrorException {@code <forbidden/>} for someone else's message, {@code <item-not-found/>} for an id
     *                              a logged room does not know
     */
    private ArchivedMessage retracted(Room room, Occupant sender, String id) throws StanzaErrorException {
        RoomArchive archive = rooms.archive().orElse(null);
        if (archive == null) return null;
        ArchivedMessage original;
        try {
            original = archive.find(room, id);
        } catch (StanzaErrorException notFound) {
            if (rooms.logged(room)) throw notFound;
            return null;
        }
        if (!original.withJid().equals(sender.realJid().toBareJID())) {
            throw new StanzaErrorException(PacketError.Condition.forbidden, "you may only retract your own messages");
        }
        return original;
    }

    /** §7.5: a private message goes to the occupant's real JID(s), from the sender's occupant JID. */
    private void privateMessage(Room room, Message message) throws StanzaErrorException {
        if (message.getType() == Message.Type.groupchat) {
            // §7.5: "If the sender attempts to send a private message of type 'groupchat' to a particular occupant,
            // the service MUST refuse to deliver the message ... and return a <bad-request/> error".
            throw new StanzaErrorException(PacketError.Condition.bad_request, "a private message is not groupchat");
        }
        Occupant sender = room.byRealJid(message.getFrom())
                .orElseThrow(() -> new StanzaErrorException(PacketError.Condition.not_acceptable, "you are not in this room"));
        policies.privateMessages().check(room, sender);
        // §7.5: a private message to an occupant JID that does not exist MUST get <item-not-found/>.
        var targets = room.sessionsOf(message.getTo().getResource());
        if (targets.isEmpty()) throw new StanzaErrorException(PacketError.Condition.item_not_found, "no such occupant");
        Message out = message.createCopy();
        out.setFrom(sender.occupantJid(room.jid()));
        if (out.getChildElement("x", MucNamespaces.USER) == null) out.addChildElement("x", MucNamespaces.USER);
        room.occupantIds().stamp(out, room.jid(), sender.realJid());
        // Every session of the occupant gets it (a user in the room from two devices reads on both).
        for (Occupant target : targets) {
            Message copy = out.createCopy();
            copy.setTo(target.realJid());
            broadcast.send(copy);
        }
    }

    /** §7.8.2: mediated invitations and declines; other non-groupchat messages to the room are refused. */
    private void toRoom(Room room, Message message) throws StanzaErrorException {
        Element x = message.getChildElement("x", MucNamespaces.USER);
        Element invite = x == null ? null : x.element("invite");
        Element decline = x == null ? null : x.element("decline");
        Element voiceRequest = VoiceRequests.form(message);
        if (voiceRequest != null) {
            voiceRequests.handle(room, message, voiceRequest);
        } else if (invite != null) {
            invite(room, message, invite);
        } else if (decline != null) {
            decline(room, message, decline);
        } else {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "send groupchat messages to the room");
        }
    }

    private void invite(Room room, Message message, Element invite) throws StanzaErrorException {
        JID invitee = MucStanzas.jidOrNull(invite.attributeValue("to"));
        if (invitee == null) throw new StanzaErrorException(PacketError.Condition.jid_malformed, "invite needs 'to'");
        Occupant sender = room.byRealJid(message.getFrom())
                .orElseThrow(() -> new StanzaErrorException(PacketError.Condition.not_acceptable, "you are not in this room"));
        policies.invitations().check(room, sender);
        JID invited = invitee.asBareJID();
        if (policies.invitations().makesMember(room) && room.affiliation(invited) == Affiliation.NONE) {
            policies.memberCap().check(room, invited, Affiliation.MEMBER);
            room.affiliate(invited, Affiliation.MEMBER);
            rooms.persist(room);
        }
        Message out = new Message();
        out.setFrom(room.jid());
        out.setTo(invitee);
        Element x = out.addChildElement("x", MucNamespaces.USER);
        Element forwarded = x.addElement("invite").addAttribute("from", message.getFrom().toBareJID());
        String reason = invite.elementText("reason");
        if (reason != null) forwarded.addElement("reason").setText(reason);
        if (room.config().passwordProtected()) x.addElement("password").setText(room.config().password());
        broadcast.send(out);
    }

    private void decline(Room room, Message message, Element decline) throws StanzaErrorException {
        JID inviter = MucStanzas.jidOrNull(decline.attributeValue("to"));
        if (inviter == null) throw new StanzaErrorException(PacketError.Condition.jid_malformed, "decline needs 'to'");
        Message out = new Message();
        out.setFrom(room.jid());
        out.setTo(inviter);
        Element forwarded = out.addChildElement("x", MucNamespaces.USER).addElement("decline")
                .addAttribute("from", message.getFrom().toBareJID());
        String reason = decline.elementText("reason");
        if (reason != null) forwarded.addElement("reason").setText(reason);
        broadcast.send(out);
    }

    private static org.xmpp.packet.Presence asErrorPresence(Message message) {
        org.xmpp.packet.Presence p = new org.xmpp.packet.Presence(org.xmpp.packet.Presence.Type.error);
        p.setFrom(message.getFrom());
        p.setTo(message.getTo());
        return p;
    }
}
