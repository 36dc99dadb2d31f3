package org.parley.presence.pep;

import org.parley.presence.UserQueues;
import org.parley.xmpp.core.module.StanzaErrorException;

import java.util.concurrent.CompletionException;

/** Runs a handler's work in the PEP owner's queue (in order with the owner's other work) and waits for it. */
final class OwnerQueue {
    /** Work that may end in a stanza error. */
    interface Work<T> {
        T run() throws StanzaErrorException;
    }

    private final UserQueues queues;

    OwnerQueue(UserQueues queues) {
        this.queues = queues;
    }

    /** Runs {@code work} in {@code owner}'s queue; call from a virtual thread (a blocking handler). */
    <T> T call(String owner, Work<T> work) throws StanzaErrorException {
        try {
            return queues.submit(owner, () -> {
                try {
                    return work.run();
                } catch (StanzaErrorException e) {
                    throw new CompletionException(e);
                }
            }).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof StanzaErrorException error) throw error;
            throw e;
        }
    }
}
