package org.parley.presence.vcard;

import org.dom4j.Element;
import org.xmpp.packet.Packet;

import java.util.function.Consumer;

/** Told of each vCard a user stores (XEP-0054 §3.2), after it is stored, in the user's queue. */
@FunctionalInterface
public interface VCardListener {
    /**
     * @param user  the local username
     * @param vCard the stored {@code <vCard xmlns='vcard-temp'/>} (a detached copy)
     * @param send  delivers stanzas the listener produces (e.g. PEP notifications)
     */
    void stored(String user, Element vCard, Consumer<Packet> send);
}
