package org.parley.muc;

import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.PacketError;

/**
 * Who may send private messages through the room (XEP-0045 §7.5, {@code muc#roomconfig_allowpm}: anyone,
 * participants, moderators or none: §15.5.3 "Roles that May Send Private Messages"). A refused sender gets
 * {@code <forbidden/>}, as for other privileges its role lacks (§7.4).
 */
public final class PrivateMessagePolicy {
    /** @throws StanzaErrorException {@code <forbidden/>} when the room does not let {@code sender}'s role send them */
    public void check(Room room, Occupant sender) throws StanzaErrorException {
        if (!room.config().allowPm().allows(sender.role())) {
            throw new StanzaErrorException(PacketError.Condition.forbidden,
                    "private messages in this room: " + room.config().allowPm().value());
        }
    }
}
