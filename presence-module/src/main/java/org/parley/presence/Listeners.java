package org.parley.presence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The listeners one module tells of its changes (another module's conversions: XEP-0398, XEP-0402 §5.3). Each is
 * told in turn; a failure is logged and the next one is still told, since the change itself has succeeded.
 *
 * @param <L> the listener interface
 */
public final class Listeners<L> {
    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final List<L> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener; call while modules start. */
    public void add(L listener) {
        listeners.add(listener);
    }

    /** Calls {@code call} on each listener, in the order they were added. */
    public void tell(Consumer<L> call) {
        for (L listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                log.error("Listener {} failed", listener.getClass().getSimpleName(), e);
            }
        }
    }
}
