package org.parley.server.session;

import org.parley.xmpp.core.stream.SplicedStanza;
import org.parley.xmpp.core.stream.StreamErrorCondition;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

import java.util.concurrent.Executor;

/** A bound client stream on this node, as the router sees it: something to write stanzas to. Thread-safe. */
public interface ClientSession {
    /** The bound full JID. */
    JID jid();

    /** The stream id (unique per connection). */
    String streamId();

    /** Writes {@code stanza} to the client; may be called from any thread, keeps call order. */
    void deliver(Packet stanza);

    /**
     * Writes {@code stanza}, one recipient's copy of a fanned-out stanza (XEP-0045 §7.4 reflection): the session keeps
     * {@code stanza} itself, no copy, for stream management and CSI, and, if the copy still
     * {@linkplain SplicedStanza#fits fits} {@code shared} (no interceptor changed it), writes {@code shared} with the
     * stanza's {@code to}, also when it resends it after a resumption (XEP-0198 §5); else it serialises the copy.
     *
     * The write is queued on the session's event loop ({@link #loop()}) without waking it: the caller wakes each loop
     * it handed stanzas to once it has handed over all of them (e.g. {@code loop().execute(() -> {})}).
     *
     * @param stanza the recipient's own copy; the caller hands it over and does not touch it again
     * @param shared the fan-out's serialisation without {@code to}
     */
    void deliver(Packet stanza, SplicedStanza shared);

    /** The event loop that writes this session's stanzas, in the order they were handed to it. */
    Executor loop();

    /** Ends the stream with a stream error (RFC 6120 §4.9) and closes the connection. */
    void close(StreamErrorCondition condition, String text);
}
