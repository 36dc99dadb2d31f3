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
 * Requests in the older v0.2 form ({@code <apply-to xmlns='urn:xmpp:fasten:0'><moderate
 * xmlns='urn:xmpp:message-moderate:0'><retract xmlns='urn:xmpp:message-retract:0'/>}) are served too, and the
 * broadcast carries both forms.
 */
final class ModerationHandler {
    /** XEP-0425 v0.2 (XEP-0422 fastening): what older clients send and understand. */
    static final String MODERATE_0 = "urn:xmpp:message-moderate:0";
    static final String FASTEN = "urn:xmpp:fasten:0";
    private static final String RETRACT_0 = "urn:xmpp:message-retract:0";

    private final Rooms rooms;
    private final RoomLog log;
    private final Broadcast broadcast;

    ModerationHandler(Rooms rooms, RoomLog log, Broadcast broadcast) {
        this.rooms = rooms;
        this.log = log;
        this.broadcast = broadcast;
    }

    /**
     * Handles {@code <moderate/>} (v0.3) or {@code <apply-to><moderate/></apply-to>} (v0.2) to {@code room}, in the
     * room's queue.
     */
    IQ handle(Room room, IQ request) throws StanzaErrorException {
        Request asked = Request.of(request);
        // XEP-0425 §3.2: "Only moderators are allowed to moderate other participants' messages".
        Occupant moderator = room.byRealJid(request.getFrom()).filter(o -> o.role() == Role.MODERATOR)
                .orElseThrow(() -> new StanzaErrorException(PacketError.Condition.forbidden,
                        "Only moderators are allowed to moderate other participants' messages"));
        RoomArchive archive = rooms.archive().orElseThrow(() ->
                new StanzaErrorException(PacketError.Condition.feature_not_implemented, "this room keeps no archive"));
        ArchivedMessage original = archive.find(room, asked.id());
        String id = ArchiveIds.format(original.id());
        String by = moderator.occupantJid(room.jid()).toString();

        Element moderated = DocumentHelper.createElement(QName.get("moderated", RoomLog.MODERATE)).addAttribute("by", by);
        // XEP-0425 §3.1: the moderator's occupant id, so clients in semi-anonymous rooms can tell who moderated.
        moderated.addElement(QName.get("occupant-id", OccupantIds.NAMESPACE))
                .addAttribute("id", room.occupantIds().of(room.jid(), moderator.realJid()));
        Message notice = new Message();
        notice.setType(Message.Type.groupchat);
        notice.setID(UUID.randomUUID().toString());
        notice.setFrom(room.jid());
        Element retract = notice.addChildElement("retract", RoomLog.RETRACT).addAttribute("id", id);
        retract.add(moderated.createCopy());
        if (asked.reason() != null) retract.addElement("reason").setText(asked.reason());
        // v0.2 for clients that only know it (as Prosody sends both): <apply-to><moderated><retract/></moderated>.
        Element old = notice.addChildElement("apply-to", FASTEN).addAttribute("id", id)
                .addElement(QName.get("moderated", MODERATE_0)).addAttribute("by", by);
        old.addElement(QName.get("retract", RETRACT_0));
        if (asked.reason() != null) old.addElement("reason").setText(asked.reason());
        // XEP-0424 §6: "The archiving service therefore MUST store the retraction message".
        log.record(room, room.jid(), "", notice);
        log.tombstone(room, original, notice, moderated, asked.reason());
        broadcast.message(room, notice);
        return IQ.createResultIQ(request);
    }

    /**
     * A moderation request: the room's stanza-id of the message and the reason, or null.
     */
    private record Request(String id, String reason) {
        /**
         * @throws StanzaErrorException {@code <bad-request/>} unless it is an iq set asking to retract one message
         */
        static Request of(IQ request) throws StanzaErrorException {
            Element child = request.getChildElement();
            if (request.getType() == IQ.Type.set && "moderate".equals(child.getName())
                    && RoomLog.MODERATE.equals(child.getNamespaceURI())) {
                if (child.element(QName.get("retract", RoomLog.RETRACT)) == null) throw badRequest("only <retract/> moderation is supported");
                // XEP-0425 §8 (schema): the 'id' of <moderate/> is required.
                if (child.attributeValue("id") == null) throw badRequest("<moderate/> needs the message's stanza-id");
                return new Request(child.attributeValue("id"), child.elementText("reason"));
            }
            Element moderate = child.element(QName.get("moderate", MODERATE_0));
            if (request.getType() == IQ.Type.set && "apply-to".equals(child.getName()) && moderate != null) {
                if (moderate.element(QName.get("retract", RETRACT_0)) == null) throw badRequest("only <retract/> moderation is supported");
                if (child.attributeValue("id") == null) throw badRequest("<apply-to/> needs the message's stanza-id");
                return new Request(child.attributeValue("id"), moderate.elementText("reason"));
            }
            throw badRequest("send <moderate/> in an iq set");
        }

        private static StanzaErrorException badRequest(String text) {
            return new StanzaErrorException(PacketError.Condition.bad_request, text);
        }
    }
}
