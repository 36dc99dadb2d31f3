package org.parley.xmpp.core.module;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * One serial queue per user, on virtual threads: all roster and presence work of one user runs in order, may
 * block (JDBC), and never runs on an event loop. Work for different users runs in parallel.
 */
public final class UserQueues {
    private static final Logger log = LoggerFactory.getLogger(UserQueues.class);

    private final Executor executor;
    private final Map<String, CompletableFuture<?>> tails = new ConcurrentHashMap<>();

    /** @param executor runs the tasks (one virtual thread per task) */
    public UserQueues(Executor executor) {
        this.executor = executor;
    }

    /**
     * Runs {@code task} after every task queued before for {@code username}.
     *
     * @return completes with the task's result (or its exception)
     */
    public <T> CompletableFuture<T> submit(String username, Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<?> tail = tails.compute(username, (user, previous) -> {
            CompletableFuture<?> before = previous == null ? CompletableFuture.completedFuture(null) : previous;
            return before.handleAsync((ignored, error) -> {
                try {
                    result.complete(task.get());
                } catch (RuntimeException | Error e) {
                    // Complete in every case: a caller joining this future must never wait forever. A stanza
                    // error (from call) is an answer to the client, not a failure of the server.
                    if (!(e.getCause() instanceof StanzaErrorException)) log.error("Task for {} failed", username, e);
                    result.completeExceptionally(e);
                }
                return null;
            }, executor);
        });
        tail.whenComplete((ignored, error) -> tails.remove(username, tail));
        return result;
    }

    /** Work that may end in a stanza error. */
    public interface Work<T> {
        T run() throws StanzaErrorException;
    }

    /**
     * Runs {@code work} in {@code username}'s queue and waits for it: for blocking IQ handlers (virtual threads),
     * never for an event loop.
     *
     * @throws StanzaErrorException what {@code work} threw
     */
    public <T> T call(String username, Work<T> work) throws StanzaErrorException {
        try {
            return submit(username, () -> {
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

    /**
     * Completes once every task queued so far, for any user, has run (tasks queued later are not waited for): a
     * server that shuts down waits for it before it stops the executor, so that no queued work is refused.
     */
    public CompletableFuture<Void> idle() {
        return CompletableFuture.allOf(tails.values().toArray(CompletableFuture[]::new)).handle((ignored, error) -> null);
    }

    /** Runs {@code task} in {@code username}'s queue. */
    public CompletableFuture<Void> run(String username, Runnable task) {
        return submit(username, () -> {
            task.run();
            return null;
        });
    }
}
