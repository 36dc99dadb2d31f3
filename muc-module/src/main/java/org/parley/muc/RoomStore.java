package org.parley.muc;

import java.util.List;

/**
 * Where persistent rooms live (XEP-0045 §10.2 {@code muc#roomconfig_persistentroom}): configuration, subject and
 * affiliations, one implementation on jOOQ ({@link JooqRoomStore}). Temporary rooms never reach the store.
 * Blocking: call from a room's queue, never from an event loop.
 */
public interface RoomStore {
    /** Every stored room of the service. */
    List<StoredRoom> loadAll();

    /** Creates or replaces the room (configuration, subject and the complete affiliation list). */
    void save(StoredRoom room);

    /** Removes the room and its affiliations; nothing happens if it is not stored. */
    void delete(String name);

    /**
     * Deletes the archived messages of rooms that are not stored: temporary rooms of an earlier run (they do not
     * survive a restart, nor does their archive; see {@code V10__room_archive.sql}).
     *
     * @return how many messages were deleted
     */
    int deleteArchivesOfUnstoredRooms();

    /** A store that keeps nothing (tests, and a server without persistence). */
    RoomStore NONE = new RoomStore() {
        @Override
        public List<StoredRoom> loadAll() {
            return List.of();
        }

        @Override
        public void save(StoredRoom room) {
        }

        @Override
        public void delete(String name) {
        }

        @Override
        public int deleteArchivesOfUnstoredRooms() {
            return 0;
        }
    };
}
