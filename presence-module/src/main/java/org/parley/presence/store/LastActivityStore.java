package org.parley.presence.store;

import java.time.Instant;
import java.util.Optional;

/** When each user was last seen and with which status (XEP-0012 §4). Blocking (JDBC). */
public interface LastActivityStore {
    /**
     * @param at     when the user's last resource went offline
     * @param status the status text of its last unavailable presence, or null
     */
    record LastActivity(Instant at, String status) {
    }

    /** Records that the user went offline. */
    void save(String username, LastActivity activity);

    /** The last time the user went offline, if ever. */
    Optional<LastActivity> get(String username);

    /** Forgets the user (account removal). */
    void delete(String username);
}
