package org.parley.xmpp.core.module;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** What a {@link StanzaInterceptor} decided about a stanza. */
public sealed interface Verdict {
    /** Pass the stanza on to the next interceptor and then the delivery rules. */
    record Continue() implements Verdict {
    }

    /** The interceptor took the stanza over (delivered, stored or deliberately dropped it): stop here. */
    record Handled() implements Verdict {
    }

    /** Refuse the stanza: the sender gets this error (unless the stanza is itself an error). */
    record Reject(StanzaErrorException error) implements Verdict {
        public Reject {
            Objects.requireNonNull(error, "error");
        }
    }

    /** {@code verdict}, already completed. */
    static CompletionStage<Verdict> now(Verdict verdict) {
        return CompletableFuture.completedFuture(verdict);
    }

    /** An already completed {@link Continue}. */
    static CompletionStage<Verdict> proceed() {
        return CompletableFuture.completedFuture(new Continue());
    }

    /** An already completed {@link Handled}. */
    static CompletionStage<Verdict> handled() {
        return CompletableFuture.completedFuture(new Handled());
    }

    /** An already completed {@link Reject}. */
    static CompletionStage<Verdict> reject(StanzaErrorException error) {
        return CompletableFuture.completedFuture(new Reject(error));
    }
}
