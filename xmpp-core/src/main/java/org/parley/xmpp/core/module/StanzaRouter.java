package org.parley.xmpp.core.module;

import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;
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
     * Routes {@code stanza} to each of {@code recipients} as {@link #route} routes a copy addressed to that recipient:
     * each copy passes its recipient's inbound interceptors (which may drop or change that copy only) and the rules.
     * The server may serialise the stanza once for every copy that reaches a client unchanged (XEP-0045 §7.4
     * reflection of a groupchat message to every occupant).
     *
     * @param stanza     the stanza, {@code from} set; its {@code to} is ignored. Read, never changed
     * @param recipients where copies go, in this order (one sender's stanzas keep their order per recipient)
     * @return completes when every copy's {@link #route} has completed; may be ignored
     */
    default CompletionStage<Void> fanOut(Packet stanza, Collection<JID> recipients) {
        CompletableFuture<?>[] routed = new CompletableFuture<?>[recipients.size()];
        int i = 0;
        for (JID to : recipients) {
            Packet copy = stanza.createCopy();
            copy.setTo(to);
            routed[i++] = route(copy).toCompletableFuture();
        }
        return CompletableFuture.allOf(routed);
    }

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
