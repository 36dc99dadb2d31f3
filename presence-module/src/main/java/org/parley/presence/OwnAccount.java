package org.parley.presence;

import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * The check shared by requests about the sender's own account data (roster RFC 6121 §2.1.5, block list XEP-0191,
 * private XML XEP-0049 §3): they carry no {@code to} or the sender's own bare JID; anything else is refused.
 */
public final class OwnAccount {
    private OwnAccount() {
    }

    /**
     * The sender's full JID, when {@code request} concerns the sender's own account.
     *
     * @throws StanzaErrorException {@code <forbidden/>} for a request without a sender or about another account
     */
    public static JID sender(IQ request) throws StanzaErrorException {
        JID from = request.getFrom();
        JID to = request.getTo();
        if (from == null || (to != null && !to.toBareJID().equals(from.toBareJID()))) {
            throw new StanzaErrorException(PacketError.Condition.forbidden);
        }
        return from;
    }
}
