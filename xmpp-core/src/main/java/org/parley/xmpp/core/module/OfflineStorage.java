package org.parley.xmpp.core.module;

import org.xmpp.packet.Message;

import java.util.concurrent.CompletionStage;

/**
 * Keeps messages for a local user who has no resource to take them (XEP-0160): the router hands it each message
 * that RFC 6121 §8.5.2.2.1 allows a server to store ("chat" or "normal" to an account with no available resource
 * of non-negative priority), and asks it before delivering a message to a user, so that a message never overtakes
 * stored ones being delivered. At most one module provides it; without one the router bounces such messages with
 * {@code <service-unavailable/>}.
 */
public interface OfflineStorage {
    /** What became of a message handed to {@link #store}. */
    sealed interface Outcome {
        /** Stored, or — for a payload not worth keeping, such as a lone chat state — dropped (XEP-0160 §3). */
        record Taken() implements Outcome {
        }

        /**
         * Refused: the router bounces it with this error (e.g. {@code <service-unavailable/>} for a missing account,
         * RFC 6121 §8.5.1, or {@code <resource-constraint/>} for a full store).
         */
        record Refused(StanzaErrorException error) implements Outcome {
        }

        /**
         * The user came online meanwhile: the router applies the delivery rules again at once (the outcome completes
         * in the user's order, so the message keeps its place).
         */
        record Online() implements Outcome {
        }
    }

    /**
     * Takes a message. Must not block: storage happens off the caller's thread. Messages of one recipient are
     * kept in the order they were handed over.
     *
     * @param message a message with {@code from} stamped and {@code to} a local bare or full JID
     * @return completes with the outcome
     */
    CompletionStage<Outcome> store(Message message);

    /**
     * Asked before a message is delivered to a resource of {@code username}: while that user's stored messages are
     * being delivered, or messages handed to {@link #store} are still pending, or earlier messages are held, the
     * storage takes {@code deliver} and runs it later in the user's order (it applies the delivery rules again) and
     * answers true; else false and the router delivers now. Must not block.
     */
    default boolean holdDelivery(String username, Runnable deliver) {
        return false;
    }
}
