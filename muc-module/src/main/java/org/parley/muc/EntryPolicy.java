package org.parley.muc;

import org.parley.xmpp.core.module.StanzaErrorException;

/** One rule a user must pass to enter a room (XEP-0045 §7.2); checked in the order the spec lists them. */
public interface EntryPolicy {
    /** @throws StanzaErrorException the refusal the spec names for this rule */
    void check(Room room, JoinRequest join) throws StanzaErrorException;
}
