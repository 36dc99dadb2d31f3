package org.parley.presence.store;

import org.parley.presence.roster.RosterItem;
import org.xmpp.packet.JID;

import java.util.List;
import java.util.Optional;

/**
 * Rosters with versioning (RFC 6121 §2.6): every change gets the user's next version number, and removals leave
 * a tombstone so a client holding an older version can be sent only what changed. Blocking (JDBC).
 */
public interface RosterStore {
    /** A change since some version: the item as it is now, or a removal (RFC 6121 §2.6.3). */
    record Change(JID jid, RosterItem item, long version) {
        /** True if the item was removed. */
        public boolean removed() {
            return item == null;
        }
    }

    /** All items of the user (visible and hidden, never removed ones), in no particular order. */
    List<RosterItem> items(String username);

    /** The item for {@code contact} (a bare JID), if any. */
    Optional<RosterItem> item(String username, JID contact);

    /** The user's current roster version (0 before any change). */
    long version(String username);

    /**
     * Inserts or replaces the item for {@code item.jid()} and gives it the user's next version.
     *
     * @return the item as stored, with its new version
     */
    RosterItem save(String username, RosterItem item);

    /**
     * Removes the item for {@code contact} (leaving a tombstone at the next version).
     *
     * @return the new version, or empty if there was no such item
     */
    Optional<Long> remove(String username, JID contact);

    /** Every change with a version greater than {@code version}, oldest first (tombstones included). */
    List<Change> changesSince(String username, long version);

    /** The number of items (visible or hidden) of the user. */
    int count(String username);

    /** Deletes the user's whole roster, tombstones and version (account removal). */
    void deleteAll(String username);
}
