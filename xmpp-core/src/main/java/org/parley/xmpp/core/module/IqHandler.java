package org.parley.xmpp.core.module;

import org.xmpp.packet.IQ;

import java.util.Set;

/**
 * Handles IQ requests for the keys it declares and returns the reply: a result, or throws the stanza error.
 *
 * <p>Handlers are stateless with respect to channels; the router sends the returned reply. A handler whose work
 * blocks (JDBC, password hashing) says so with {@link #blocking()} and is then run on a virtual thread.
 */
public interface IqHandler {
    /** The keys this handler serves; each key may be served by one handler only. */
    Set<IqKey> keys();

    /** True if {@link #handle} blocks (database or CPU-heavy work); it is then never run on an event loop. */
    default boolean blocking() {
        return false;
    }

    /**
     * Answers {@code request}, whose {@code from} is the stamped full JID of the sender (or null before
     * authentication, for handlers that serve unauthenticated streams).
     *
     * @return the reply, of type result; its addresses are filled in by the caller when absent
     * @throws StanzaErrorException to reply with that error
     */
    IQ handle(IQ request, Outbox outbox) throws StanzaErrorException;
}
