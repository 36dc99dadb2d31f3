package org.parley.xmpp.core.module;

/**
 * A unit of server functionality (a XEP or an RFC section). At start it registers its handlers, disco features
 * and identities through the {@link ModuleContext}, which records them and removes them when the server stops.
 * Nothing registers after the server has started.
 */
public interface XmppModule {
    /** A short unique name, e.g. {@code "ping"}, used in logs and configuration. */
    String name();

    /**
     * Registers this module's handlers and features.
     *
     * @throws IllegalStateException if a key is already served by another module
     */
    void start(ModuleContext context);

    /** Releases resources this module holds (executors, caches); registrations are undone by the context. */
    default void stop() {
    }
}
