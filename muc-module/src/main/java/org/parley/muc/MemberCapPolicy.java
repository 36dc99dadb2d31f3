package org.parley.muc;

import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * The member cap: a room has at most {@link RoomConfig#maxMembers()} members, admins and owners (100 by default,
 * {@code muc.max_members}; an owner may only lower it). Affiliating one more is refused with {@code <not-allowed/>}:
 * the request is well-formed and the actor privileged, but the room's rule forbids it.
 */
public final class MemberCapPolicy {
    /** @throws StanzaErrorException {@code <not-allowed/>} if giving {@code user} {@code next} would exceed the cap */
    public void check(Room room, JID user, Affiliation next) throws StanzaErrorException {
        if (!next.isMember() || room.affiliation(user).isMember()) return;
        if (room.memberCount() >= room.config().maxMembers()) {
            throw new StanzaErrorException(PacketError.Condition.not_allowed,
                    "the room has reached its limit of " + room.config().maxMembers() + " members");
        }
    }
}
