package org.parley.xmpp.core.module;

import org.xmpp.packet.Message;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Keeps messages for a local user who has no resource to take them (XEP-0160): the router hands it each message
 * that RFC 6121 §8.5.2.2.1 allows a server to store ("chat" or "normal" to an account with no available resource
 * of non-negative priority). At most one module provides it; without one the router bounces such messages with
 * {@code <service-unavailable/>}.
 */
public interface OfflineStorage {
    /**
     * Takes a message. Must not block: storage happens off the caller's thread.
     *
     * @param message a message with {@code from} stamped and {@code to} a local bare or full JID
     * @return completes empty when the message was taken care of (stored, or — for a payload not worth keeping,
     *         such as a lone chat state — dropped as XEP-0160 §3 allows), or with the error to bounce to the
     *         sender (e.g. {@code <service-unavailable/>} for a missing account, RFC 6121 §8.5.1, or
     *         {@code <resource-constraint/>} for a full store); messages of one recipient are kept in the order
     *         they were handed over
     */
    CompletionStage<Optional<StanzaErrorException>> store(Message message);
}
