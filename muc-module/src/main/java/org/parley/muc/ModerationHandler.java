package org.parley.muc;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.parley.archive.ArchiveIds;
import org.parley.archive.ArchivedMessage;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

import java.util.UUID;

/**
 * XEP-0425 moderated message retraction ({@code urn:xmpp:message-moderate:1}, v0.3): a moderator asks the room to
 * retract an occupant's message by the room's stanza-id; the room tells every occupant with a XEP-0424
 * {@code <retract/>} carrying {@code <moderated by='room/nick'/>} and the reason, archives that message, and replaces
 * the retracted one by a tombstone in its archive and history. Refusals: not a moderator {@code <forbidden/>}, an id
 * not in the room's archive {@code <item-not-found/>}, no id or anything but {@code <retract/>} {@code <bad-request/>}.
 * The older {@code :0} protocol (XEP-0422 {@code <apply-to/>}) is not served.
 */
final class ModerationHandler {
    private final Rooms rooms;
    private final RoomLog log;
    private final Broadcast broadcast;

    ModerationHandler(Rooms rooms, RoomLog log, Broadcast broadcast) {
        this.rooms = rooms;
        this.log = log;
        this.broadcast = broadcast;
    }

    /** Handles {@code <moderate/>} to {@code room}, in the room's queue. */
    IQ handle(Room room, IQ request) throws StanzaErrorException {
        Element moderate = request.getChildElement();
        if (request.getType() != IQ.Type.set || !"moderate".equals(moderate.getName())) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "send <moderate/> in an iq set");
        }
        // XEP-0425 §3.2: "Only moderators are allowed to moderate other participants' messages".
        Occupant moderator = room.byRealJid(request.getFrom()).filter(o -> o.role() == Role.MODERATOR)
                .orElseThrow(() -> new StanzaErrorException(PacketError.Condition.forbidden,
                        "Only moderators are allowed to moderate other participants' messages"));
        if (moderate.element(QName.get("retract", RoomLog.RETRACT)) == null) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "only <retract/> moderation is supported");
        }
        // XEP-0425 §8 (schema): the 'id' of <moderate/> is required.
        if (moderate.attributeValue("id") == null) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "<moderate/> needs the message's stanza-id");
        }
        RoomArchive archive = rooms.archive().orElseThrow(() ->
                new StanzaErrorException(PacketError.Condition.feature_not_implemented, "this room keeps no archive"));
        ArchivedMessage original = archive.find(room, moderate.attributeValue("id"));
        String reason = moderate.elementText("reason");

        Element moderated = DocumentHelper.createElement(QName.get("moderated", RoomLog.MODERATE))
                .addAttribute("by", moderator.occupantJid(room.jid()).toString());
        // XEP-0425 §3.1: the moderator's occupant id, so clients in semi-anonymous rooms can tell who moderated.
        moderated.addElement(QName.get("occupant-id", OccupantIds.NAMESPACE))
                .addAttribute("id", room.occupantIds().of(room.jid(), moderator.realJid()));
        Message notice = new Message();
        notice.setType(Message.Type.groupchat);
        notice.setID(UUID.randomUUID().toString());
        notice.setFrom(room.jid());
        Element retract = notice.addChildElement("retract", RoomLog.RETRACT).addAttribute("id", ArchiveIds.format(original.id()));
        retract.add(moderated.createCopy());
        if (reason != null) retract.addElement("reason").setText(reason);
        // XEP-0424 §6: "The archiving service therefore MUST store the retraction message".
        log.record(room, room.jid(), "", notice);
        log.tombstone(room, original, notice, moderated, reason);
        broadcast.message(room, notice);
        return IQ.createResultIQ(request);
    }
}
