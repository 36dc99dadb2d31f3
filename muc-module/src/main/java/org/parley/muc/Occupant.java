package org.parley.muc;

import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * One occupant of a room (XEP-0045 §5): a real full JID known by a nick, with a role and the affiliation of its
 * bare JID, and the last presence it sent to the room (broadcast with the room's {@code <x/>}).
 */
public record Occupant(String nick, JID realJid, Role role, Affiliation affiliation, Presence presence) {
    public Occupant withNick(String newNick) {
        return new Occupant(newNick, realJid, role, affiliation, presence);
    }

    public Occupant withRole(Role newRole) {
        return new Occupant(nick, realJid, newRole, affiliation, presence);
    }

    public Occupant withAffiliation(Affiliation newAffiliation) {
        return new Occupant(nick, realJid, role, newAffiliation, presence);
    }

    public Occupant withPresence(Presence newPresence) {
        return new Occupant(nick, realJid, role, affiliation, newPresence);
    }

    /** The occupant JID, {@code room@service/nick}. */
    public JID occupantJid(JID room) {
        return new JID(room.getNode(), room.getDomain(), nick, true);
    }
}
