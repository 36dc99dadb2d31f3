package org.parley.muc;

import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.PacketError;

/** XEP-0045 §7.2.8: banned users (outcasts) may not enter. */
public final class BanPolicy implements EntryPolicy {
    @Override
    public void check(Room room, JoinRequest join) throws StanzaErrorException {
        // §7.2.8: "If the user has been banned from the room ... the service MUST deny access to the room and
        // inform the user of the fact that they are banned; this is done by returning a presence stanza of type
        // 'error' specifying a <forbidden/> error condition".
        if (join.affiliation() == Affiliation.OUTCAST) {
            throw new StanzaErrorException(PacketError.Condition.forbidden, "you are banned from this room");
        }
    }
}
