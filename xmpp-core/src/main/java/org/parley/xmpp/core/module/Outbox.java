package org.parley.xmpp.core.module;

import org.xmpp.packet.Packet;

/**
 * Where a handler puts what must happen besides its reply (pushes, notifications, session changes). The server
 * sends the queued stanzas just before the reply and runs the actions after it; handlers never touch channels (STYLE.md, "handlers return
 * outcomes").
 */
public interface Outbox {
    /** Queues {@code stanza} for routing just before the reply; {@code from} and {@code to} must be set. */
    void send(Packet stanza);

    /** Runs {@code action} after the reply and queued stanzas have been handed to the router. */
    void afterReply(Runnable action);
}
