package org.parley.muc;

import org.xmpp.packet.JID;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rooms of one service, by localpart, and their persistence. The map is concurrent so disco#items can list
 * rooms from any thread; a room itself is only touched in its own queue.
 */
public final class Rooms {
    private final MucSettings settings;
    private final RoomStore store;
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();

    public Rooms(MucSettings settings, RoomStore store) {
        this.settings = settings;
        this.store = store;
    }

    public MucSettings settings() {
        return settings;
    }

    /** Loads every persistent room (blocking; at start). @return how many */
    public int load() {
        int n = 0;
        for (StoredRoom stored : store.loadAll()) {
            Room room = new Room(jidOf(stored.name()), stored.config(), settings.historySize());
            stored.affiliations().forEach(room::affiliate);
            room.subject(stored.subject(), stored.subjectBy());
            rooms.put(stored.name(), room);
            n++;
        }
        return n;
    }

    public Optional<Room> get(String name) {
        return Optional.ofNullable(rooms.get(name));
    }

    public Collection<Room> all() {
        return rooms.values();
    }

    /** A new, locked room owned by {@code owner} (XEP-0045 §10.1.1). */
    public Room create(String name, JID owner) {
        Room room = new Room(jidOf(name), RoomConfig.defaults(settings), settings.historySize());
        room.affiliate(owner.asBareJID(), Affiliation.OWNER);
        room.lock(true);
        rooms.put(name, room);
        return room;
    }

    /** Forgets the room (destroyed, or temporary and empty) and deletes what was stored of it. */
    public void remove(Room room) {
        rooms.remove(room.jid().getNode(), room);
        if (room.config().persistent() || room.destroyed()) store.delete(room.jid().getNode());
    }

    /** Writes a persistent room's state (blocking); deletes it from the store when it has become temporary. */
    public void persist(Room room) {
        if (room.config().persistent()) {
            store.save(StoredRoom.of(room));
        } else {
            store.delete(room.jid().getNode());
        }
    }

    /** The room JID {@code name@service}. */
    public JID jidOf(String name) {
        return new JID(name, settings.serviceDomain(), null);
    }
}
