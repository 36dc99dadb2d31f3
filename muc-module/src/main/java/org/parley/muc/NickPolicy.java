package org.parley.muc;

import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.PacketError;

/**
 * XEP-0045 §7.2.9 and §7.6: a nick is held by one user at a time; nicks that differ only in case or spaces are the
 * same nick ({@link Nicknames}, RFC 8266 §2.4).
 */
public final class NickPolicy implements EntryPolicy {
    @Override
    public void check(Room room, JoinRequest join) throws StanzaErrorException {
        if (join.nick() == null || join.nick().isBlank()) {
            // §7.2.1: the occupant JID must have a resourcepart (the nick); an empty one is malformed.
            throw new StanzaErrorException(PacketError.Condition.jid_malformed, "a nick is required");
        }
        // §7.2.9: "If the room already contains another user with the nickname desired by the user seeking to enter
        // the room (or if the nickname is reserved by another user ...), the service MUST deny access to the room
        // and inform the user of the conflict; this is done by returning a presence stanza of type 'error'
        // specifying a <conflict/> error condition". Several sessions of one user may share a nick (multi-session).
        var holder = room.holderOf(join.nick());
        if (holder.isPresent() && !holder.get().realJid().asBareJID().equals(join.realJid().asBareJID())) {
            throw new StanzaErrorException(PacketError.Condition.conflict, "that nick is taken");
        }
        var reservedBy = room.reservedBy(join.nick());
        if (reservedBy.isPresent() && !reservedBy.get().equals(join.realJid().asBareJID())) {
            throw new StanzaErrorException(PacketError.Condition.conflict, "that nick is registered by another user");
        }
    }
}
