package org.parley.archive;

import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/** Whose archive a request is for: only the requester's own (XEP-0313 §8.1). */
final class OwnArchive {
    private OwnArchive() {
    }

    /**
     * The username of the archive {@code request} addresses (its {@code to}, or the requester's account without one).
     *
     * @throws StanzaErrorException {@code <forbidden/>} for anyone else's archive (XEP-0313 §8.1: "If a client
     *                              requests access to an archive it does not have permissions for the server MUST
     *                              return an iq with type error, and the error condition SHOULD be 'forbidden'")
     */
    static String owner(IQ request) throws StanzaErrorException {
        JID from = request.getFrom();
        JID to = request.getTo();
        if (from == null || from.getNode() == null || to != null && !to.toBareJID().equals(from.toBareJID())) {
            throw new StanzaErrorException(PacketError.Condition.forbidden, "only your own archive");
        }
        return from.getNode();
    }
}
