package org.parley.muc;

import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.PacketError;

/** XEP-0045 §10.1.1: a new room is locked to all but its owners until configured. */
public final class LockPolicy implements EntryPolicy {
    @Override
    public void check(Room room, JoinRequest join) throws StanzaErrorException {
        // §10.1.1: a new room stays locked, entered by nobody but its owner, until it is configured; §7.2.11 names
        // the refusal for everyone else: <item-not-found/>.
        if (room.locked() && join.affiliation() != Affiliation.OWNER) {
            throw new StanzaErrorException(PacketError.Condition.item_not_found, "the room is not configured yet");
        }
    }
}
