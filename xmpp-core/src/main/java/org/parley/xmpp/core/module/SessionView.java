package org.parley.xmpp.core.module;

import org.xmpp.packet.JID;

import java.util.List;

/** Read access to who is bound where (the session table), for modules. */
public interface SessionView {
    /** The bound resources of the account with this bare JID, in no particular order. */
    List<BoundResource> resourcesOf(JID bareJid);
}
