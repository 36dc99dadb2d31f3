package org.parley.presence.pep;

import org.xmpp.packet.Message;

import java.util.function.Consumer;

/**
 * Told what owners did to their PEP nodes by their own requests (not what {@link PepService} did for the server),
 * after the change is stored, in the owner's queue. Used by conversions between PEP and older storage (XEP-0398,
 * XEP-0402 §5.3). A failure is logged ({@link org.parley.presence.Listeners}); the owner's request has succeeded already.
 */
public interface PepListener {
    /** An item was published to {@code node} of {@code owner}; {@code send} delivers stanzas (notifications). */
    default void published(String owner, String node, PepItem item, Consumer<Message> send) {
    }

    /** An item was retracted from {@code node}. */
    default void retracted(String owner, String node, String itemId, Consumer<Message> send) {
    }

    /** All items of {@code node} were purged (XEP-0060 §8.5). */
    default void purged(String owner, String node, Consumer<Message> send) {
    }

    /** {@code node} was deleted with its items. */
    default void deleted(String owner, String node, Consumer<Message> send) {
    }
}
