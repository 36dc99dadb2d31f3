package org.parley.muc;

import org.xmpp.packet.JID;

/**
 * A user asking to enter a room (XEP-0045 §7.2.1).
 *
 * @param realJid     the user's full JID
 * @param nick        the requested nick
 * @param affiliation the user's affiliation with the room
 * @param password    the password given in {@code <x xmlns='http://jabber.org/protocol/muc'/>}, or null
 */
public record JoinRequest(JID realJid, String nick, Affiliation affiliation, String password) {
}
