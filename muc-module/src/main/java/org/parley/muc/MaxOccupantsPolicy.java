package org.parley.muc;

import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.PacketError;

/** XEP-0045 §7.2.10: a room holds at most {@code muc#roomconfig_maxusers} occupants; owners and admins still enter. */
public final class MaxOccupantsPolicy implements EntryPolicy {
    @Override
    public void check(Room room, JoinRequest join) throws StanzaErrorException {
        // Another session of a user already in the room under that nick takes no new place.
        if (room.byNick(join.nick()).filter(o -> o.realJid().asBareJID().equals(join.realJid().asBareJID())).isPresent()) {
            return;
        }
        // §7.2.10: "If the room has reached its maximum number of occupants, the service SHOULD deny access to the
        // room and inform the user of the restriction; this is done by returning a presence stanza of type 'error'
        // specifying a <service-unavailable/> error condition." And: "If the room has reached its maximum number of
        // occupants and a room admin or owner attempts to join, the room MUST allow the admin or owner to join".
        if (room.occupantCount() >= room.config().maxUsers() && !join.affiliation().isAdminOrOwner()) {
            throw new StanzaErrorException(PacketError.Condition.service_unavailable, "the room is full");
        }
    }
}
