package org.parley.muc;

import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.PacketError;

/** XEP-0045 §10.1.1: a new room is locked to all but its owners until configured. */
public final class LockPolicy implements EntryPolicy {
    @Override
    public void check(Room room, JoinRequest join) throws StanzaErrorException {
        // §10.1.1: "the service MUST ... lock the room (i.e., it MUST NOT allow anyone other than the room owner to
        // enter the room)"; §7.2.11 names the refusal: <item-not-found/>.
        if (room.locked() && join.affiliation() != Affiliation.OWNER) {
            throw new StanzaErrorException(PacketError.Condition.item_not_found, "the room is not configured yet");
        }
    }
}
