package org.parley.archive;

import java.util.Optional;

/**
 * The users' message archives (XEP-0313) and archiving preferences (XEP-0441): the {@link MessageStore} of users'
 * archives (owners are usernames; messages of an owner without an account are skipped), plus what only users have.
 * Blocking (JDBC): call from virtual threads, never from an event loop.
 */
public interface ArchiveStore extends MessageStore {
    /**
     * Sets the retention of one user's archive (days, 0 for ever), or with null removes it (the configured
     * {@code archive.retention_days} applies again).
     */
    void setRetention(String owner, Integer days);

    /** The preferences {@code owner} set, if any. */
    Optional<ArchivePrefs> prefs(String owner);

    /** Saves {@code owner}'s preferences (replacing any). */
    void savePrefs(String owner, ArchivePrefs prefs);
}
