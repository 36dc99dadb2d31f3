package org.parley.muc;

import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.PacketError;

/** XEP-0045 §7.2.7: only members (and admins, owners) may enter a members-only room. */
public final class MembersOnlyPolicy implements EntryPolicy {
    @Override
    public void check(Room room, JoinRequest join) throws StanzaErrorException {
        // §7.2.7: "If the room is members-only but the user is not on the member list, the service MUST deny access
        // to the room and inform the user that they are not allowed to enter the room; this is done by returning a
        // presence stanza of type 'error' specifying a <registration-required/> error condition."
        if (room.config().membersOnly() && !join.affiliation().isMember()) {
            throw new StanzaErrorException(PacketError.Condition.registration_required, "this room is members-only");
        }
    }
}
