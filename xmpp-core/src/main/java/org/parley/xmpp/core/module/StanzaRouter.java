package org.parley.xmpp.core.module;

import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

import java.util.concurrent.CompletionStage;

/** How modules send stanzas (their {@code from} and {@code to} set). Thread-safe, never blocks. */
public interface StanzaRouter {
    /**
     * Routes {@code stanza} like any other: inbound interceptors of the recipient, then RFC 6121 §8 rules.
     *
     * @return completes when the recipient's interceptors have taken the stanza (for a subscription stanza to a
     *         local user: once the user's roster was updated and the stanza delivered) and the rules were applied;
     *         may be ignored
     */
    CompletionStage<Void> route(Packet stanza);

    /**
     * Writes {@code stanza} to the session bound to {@code fullJid} as it is, without interceptors or rules
     * (for pushes and broadcasts a module has already decided). Silently does nothing if no such session exists.
     */
    void deliver(JID fullJid, Packet stanza);

    /**
     * Sends an IQ request on the server's behalf ({@code from} = the server's domain; its id is replaced by a
     * unique one) and completes with the response: a result or an error IQ.
     *
     * @param request a get or set IQ with {@code to} set
     * @param timeout how long to wait before completing exceptionally with a {@link java.util.concurrent.TimeoutException}
     */
    CompletionStage<org.xmpp.packet.IQ> request(org.xmpp.packet.IQ request, java.time.Duration timeout);
}
