package org.parley.presence.privatexml;

import org.dom4j.Element;
import org.xmpp.packet.Packet;

import java.util.function.Consumer;

/** Told of each element a user stores in private XML (XEP-0049 §2.1), after it is stored, in the user's queue. */
@FunctionalInterface
public interface PrivateXmlListener {
    /**
     * @param user    the local username
     * @param element the stored element, e.g. {@code <storage xmlns='storage:bookmarks'/>} (a detached copy)
     * @param send    delivers stanzas the listener produces (e.g. PEP notifications)
     */
    void stored(String user, Element element, Consumer<Packet> send);
}
