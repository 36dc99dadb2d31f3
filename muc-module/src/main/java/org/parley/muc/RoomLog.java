package org.parley.muc;

import org.dom4j.Element;
import org.dom4j.QName;
import org.parley.archive.Archivable;
import org.parley.archive.ArchivedMessage;
import org.parley.archive.StanzaIds;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * What a room keeps of the groupchat messages it reflects: the XEP-0359 {@code <stanza-id by='room'/>} of its
 * archive on every copy (XEP-0313 §3.5), the archive itself when the room is logged (XEP-0313 §5.1.2: messages with
 * content and subject changes, each once), the discussion history (XEP-0045 §7.2.14); and the XEP-0424 tombstones
 * that replace retracted messages in both.
 */
final class RoomLog {
    /** XEP-0424 message retraction. */
    static final String RETRACT = "urn:xmpp:message-retract:1";
    /** XEP-0424 §5: the archive replaces retracted messages by tombstones. */
    static final String TOMBSTONE = RETRACT + "#tombstone";
    /** XEP-0425 moderated message retraction. */
    static final String MODERATE = "urn:xmpp:message-moderate:1";

    private final Rooms rooms;
    private final Clock clock;

    RoomLog(Rooms rooms, Clock clock) {
        this.rooms = rooms;
        this.clock = clock;
    }

    /**
     * Keeps {@code out} (the message as reflected: from the occupant or room JID, no {@code to}) before it is
     * broadcast: removes forged room stanza-ids, archives it and adds the archive's stanza-id, keeps it for the history.
     *
     * @param sender the sender's real JID, or the room's JID for what the room says
     * @param nick   the sender's nick, empty for the room
     * @return the archive id, or empty when the message was not archived
     */
    OptionalLong record(Room room, JID sender, String nick, Message out) {
        String by = room.jid().toBareJID();
        // XEP-0359 §3: a stanza-id by the room that came from a client is a forgery and MUST be deleted.
        StanzaIds.removeForged(out, by);
        if (!Archivable.hasContent(out)) return OptionalLong.empty();
        OptionalLong id = OptionalLong.empty();
        if (rooms.logged(room)) {
            id = rooms.archive().orElseThrow().append(room, sender, nick, out);
            id.ifPresent(i -> StanzaIds.add(out, by, i));
        }
        if (!History.isSubjectChange(out)) room.history().add(out, clock.instant());
        return id;
    }

    /**
     * Replaces {@code original} in the archive and the history by a XEP-0424 tombstone: its addresses, id and
     * occupant-id, and {@code <retracted id='…' stamp='…'/>} (XEP-0424 §5: the 'id' "set to the value of the
     * retraction's &lt;message/&gt; element's 'id' attribute, so that clients can match the tombstone to the
     * retraction") and, for a moderator's retraction (XEP-0425 §4), the {@code <moderated/>} and reason.
     *
     * @param retraction the retraction message as broadcast (it has an id)
     * @param moderated  the {@code <moderated/>} element, or null for the author's own retraction
     */
    void tombstone(Room room, ArchivedMessage original, Message retraction, Element moderated, String reason) {
        Message was = RoomArchive.stanza(original);
        Message tombstone = new Message();
        tombstone.setType(Message.Type.groupchat);
        tombstone.setFrom(was.getFrom());
        if (was.getID() != null) tombstone.setID(was.getID());
        Element occupantId = was.getElement().element(QName.get("occupant-id", OccupantIds.NAMESPACE));
        if (occupantId != null) tombstone.getElement().add(occupantId.createCopy());
        Element retracted = tombstone.addChildElement("retracted", RETRACT)
                .addAttribute("id", retraction.getID()).addAttribute("stamp", Instant.now(clock).toString());
        if (moderated != null) retracted.add(moderated.createCopy());
        if (reason != null) retracted.addElement("reason").setText(reason);
        rooms.archive().orElseThrow().replace(original, tombstone);
        Message replayed = tombstone.createCopy();
        StanzaIds.add(replayed, room.jid().toBareJID(), original.id());
        room.history().replace(room.jid().toBareJID(), original.id(), replayed);
    }
}
