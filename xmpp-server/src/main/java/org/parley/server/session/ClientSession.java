package org.parley.server.session;

import org.parley.xmpp.core.stream.StreamErrorCondition;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/** A bound client stream on this node, as the router sees it: something to write stanzas to. Thread-safe. */
public interface ClientSession {
    /** The bound full JID. */
    JID jid();

    /** The stream id (unique per connection). */
    String streamId();

    /** Writes {@code stanza} to the client; may be called from any thread, keeps call order. */
    void deliver(Packet stanza);

    /** Ends the stream with a stream error (RFC 6120 §4.9) and closes the connection. */
    void close(StreamErrorCondition condition, String text);
}
