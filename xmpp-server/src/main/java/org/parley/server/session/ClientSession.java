package org.parley.server.session;

import org.parley.xmpp.core.stream.SplicedStanza;
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

    /**
     * Writes {@code stanza}, one recipient's copy of a fanned-out stanza, from its shared serialisation (XEP-0045
     * §7.4 reflection): the session keeps {@code stanza} itself, no copy, for stream management and CSI, and writes
     * {@code shared} with the stanza's {@code to}, also when it resends it after a resumption (XEP-0198 §5).
     *
     * @param stanza the recipient's own copy; the caller hands it over and does not touch it again
     * @param shared its serialisation without {@code to}, which {@linkplain SplicedStanza#fits fits} {@code stanza}
     */
    void deliver(Packet stanza, SplicedStanza shared);

    /** Ends the stream with a stream error (RFC 6120 §4.9) and closes the connection. */
    void close(StreamErrorCondition condition, String text);
}
