package org.parley.archive;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The messages of one kind of archive (XEP-0313 §3): users' archives ({@link ArchiveStore}) or rooms' archives
 * ({@link JooqMessageStore#rooms}), each archive named by its owner (a username, a room's localpart). What the
 * query, paging, writer and retention code needs; one implementation on jOOQ ({@link JooqMessageStore}). Blocking
 * (JDBC): call from virtual threads, never from an event loop.
 */
public interface MessageStore {
    /**
     * Inserts {@code messages} in one transaction; messages of owners that have no archive (a user without an account)
     * are skipped.
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

    /** The message {@code id} of {@code owner}'s archive, if it holds it. */
    Optional<ArchivedMessage> get(String owner, long id);

    /**
     * Replaces the stanza of message {@code id} in {@code owner}'s archive, keeping its id, time and peer (XEP-0313
     * §3.2: a server removing a message from the middle of an archive "MUST retain the UID, timestamp and JID of the
     * original message"; XEP-0424 §5 tombstones).
     *
     * @return whether there was such a message
     */
    boolean replace(String owner, long id, String stanzaXml);

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
     * Deletes messages with ids below {@code id} of every owner except {@code except} (owners with a retention of
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

    /** Deletes {@code owner}'s whole archive (a room that went away). @return how many messages were deleted */
    int deleteArchive(String owner);

    /** The owners with a retention of their own: owner → days (0: for ever); none for room archives. */
    Map<String, Integer> retentions();

    /**
     * Runs {@code reads} against one consistent view of the archives (one transaction: on InnoDB's REPEATABLE READ a
     * snapshot, so a page and its count agree even while messages are written).
     *
     * @param reads the reads, given a store bound to that view
     * @return what {@code reads} returned
     */
    <T> T snapshot(Function<MessageStore, T> reads);
}
