package org.parley.archive;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The users' message archives (XEP-0313) and archiving preferences (XEP-0441). Blocking (JDBC): call from virtual
 * threads, never from an event loop.
 */
public interface ArchiveStore {
    /**
     * Inserts {@code messages} in one transaction; the messages of owners that have no account (any more) are
     * skipped, as there is no archive to put them in.
     *
     * @return how many rows were inserted
     */
    int insert(List<ArchivedMessage> messages);

    /** Which page of a selection to read. */
    enum Order {
        /** Oldest first: the first messages of the selection. */
        OLDEST_FIRST,
        /** Newest first: the last messages of the selection (RSM {@code <before/>}, XEP-0059 §2.5). */
        NEWEST_FIRST
    }

    /**
     * Up to {@code limit} messages of the selection, in {@code order}, after skipping {@code offset} of them.
     *
     * @param limit  the most rows, ≥ 0
     * @param offset how many to skip first (XEP-0059 §2.4 page index), ≥ 0
     */
    List<ArchivedMessage> page(ArchiveFilter filter, Order order, int limit, int offset);

    /**
     * How many messages the selection holds, counting no further than {@code cap + 1} (so that a huge archive costs
     * no more than {@code cap} index entries).
     *
     * @return the count, or {@code cap + 1} when there are more than {@code cap}
     */
    int count(ArchiveFilter filter, int cap);

    /** Whether {@code owner}'s archive holds a message with this id. */
    boolean contains(String owner, long id);

    /** The oldest or newest message of {@code owner}'s archive, if any (XEP-0313 §5 metadata). */
    Optional<ArchivedMessage> edge(String owner, Order order);

    /**
     * Deletes messages with ids below {@code id} (of every owner; archive ids are time-ordered, so these are the
     * messages archived before {@link ArchiveIds#instantOf} that id), at most {@code limit} of them.
     *
     * @return how many were deleted
     */
    int deleteBefore(long id, int limit);

    /**
     * Deletes messages with ids below {@code id} of every owner except {@code except} (users with a retention of
     * their own), at most {@code limit} of them.
     *
     * @return how many were deleted
     */
    int deleteBefore(long id, int limit, Set<String> except);

    /**
     * Deletes messages of {@code owner} with ids below {@code id}, at most {@code limit} of them.
     *
     * @return how many were deleted
     */
    int deleteBefore(String owner, long id, int limit);

    /** The users with a retention of their own: username → days (0: for ever). */
    Map<String, Integer> retentions();

    /**
     * Sets the retention of one user's archive (days, 0 for ever), or with null removes it (the configured
     * {@code archive.retention_days} applies again).
     */
    void setRetention(String owner, Integer days);

    /**
     * Runs {@code reads} against one consistent view of the archives (one transaction: on InnoDB's REPEATABLE READ a
     * snapshot, so a page and its count agree even while messages are written).
     *
     * @param reads the reads, given a store bound to that view
     * @return what {@code reads} returned
     */
    <T> T snapshot(Function<ArchiveStore, T> reads);

    /** The preferences {@code owner} set, if any. */
    Optional<ArchivePrefs> prefs(String owner);

    /** Saves {@code owner}'s preferences (replacing any). */
    void savePrefs(String owner, ArchivePrefs prefs);
}
