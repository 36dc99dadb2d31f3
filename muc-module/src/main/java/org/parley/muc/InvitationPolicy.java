package org.parley.muc;

import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.PacketError;

/**
 * Who may invite others (XEP-0045 §7.8.2, {@code muc#roomconfig_allowinvites}): in an open room any occupant; in a
 * members-only room admins and owners, and other occupants only when the room allows invitations. The invitee of an
 * allowed invitation into a members-only room becomes a member (§7.8.2: "the service MAY also add the invitee to the
 * member list"), which counts against the member cap.
 */
public final class InvitationPolicy {
    /** @throws StanzaErrorException {@code <forbidden/>} when {@code inviter} may not invite into {@code room} */
    public void check(Room room, Occupant inviter) throws StanzaErrorException {
        if (!room.config().membersOnly() || inviter.affiliation().isAdminOrOwner() || room.config().allowInvites()) return;
        // §7.8.2: "if a member without privileges to edit the member list attempts to invite another user, the
        // service SHOULD return a <forbidden/> error to the occupant".
        throw new StanzaErrorException(PacketError.Condition.forbidden, "only admins and owners may invite here");
    }

    /** Whether an allowed invitation makes the invitee (without an affiliation) a member. */
    public boolean makesMember(Room room) {
        return room.config().membersOnly();
    }
}
