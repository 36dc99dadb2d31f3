package org.parley.xmpp.core.module;

import org.xmpp.packet.Packet;

/**
 * Serves a hosted service domain such as {@code conference.example.org} (XEP-0045 §4, XEP-0030 §4.1 "items" of
 * the server): it gets every stanza addressed to that domain or to any JID of it ({@code room@domain},
 * {@code room@domain/nick}), with {@code from} stamped by the server.
 *
 * <p>RFC 6120 §10.4: such a domain is not a remote one; without this, the router would bounce the stanza with
 * {@code <remote-server-not-found/>}. Replies and notifications go back through {@link StanzaRouter#route}.
 */
@FunctionalInterface
public interface ServiceHandler {
    /**
     * Takes {@code stanza}. Called on event loops: must not block; long or blocking work goes to a queue
     * (e.g. {@link UserQueues}), and errors are returned as stanzas through the router.
     */
    void handle(Packet stanza);
}
