package org.parley.archive;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;

/**
 * The archiving preferences of active users, read through a cache (every archived message needs its owner's) and
 * written through to the {@link ArchiveStore}. A user who never set any has the server's default mode.
 */
final class PrefsCache {
    private final ArchiveStore store;
    private final ArchivePrefs serverDefault;
    private final Cache<String, ArchivePrefs> cache = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(10))
            .build();

    /**
     * @param store       where preferences live
     * @param defaultMode the mode of users who set none
     */
    PrefsCache(ArchiveStore store, ArchiveMode defaultMode) {
        this.store = store;
        this.serverDefault = ArchivePrefs.of(defaultMode);
    }

    /** {@code owner}'s preferences if cached, else null. Never blocks. */
    ArchivePrefs cached(String owner) {
        return cache.getIfPresent(owner);
    }

    /** {@code owner}'s preferences. Blocks on a cache miss (JDBC). */
    ArchivePrefs load(String owner) {
        return cache.get(owner, o -> store.prefs(o).orElse(serverDefault));
    }

    /** Stores {@code owner}'s preferences. Blocking (JDBC). */
    void save(String owner, ArchivePrefs prefs) {
        store.savePrefs(owner, prefs);
        cache.put(owner, prefs);
    }
}
