package org.parley.offline;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Each user's offline messages (XEP-0160), in the order they were stored. Blocking (JDBC). */
public interface OfflineStore {
    /**
     * Appends a message to the user's queue.
     *
     * @return its id
     */
    long store(String username, String sender, Instant storedAt, String stanzaXml);

    /** How many messages the user has waiting. */
    int count(String username);

    /** The user's oldest messages, at most {@code max}, oldest first. */
    List<OfflineMessage> oldest(String username, int max);

    /**
     * Removes messages by id (only the user's own).
     *
     * @return how many were removed
     */
    int delete(String username, Collection<Long> ids);
}
