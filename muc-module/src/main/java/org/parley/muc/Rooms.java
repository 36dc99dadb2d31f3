package org.parley.muc;

import org.xmpp.packet.JID;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rooms of one service, by localpart, their persistence and their archives (a room's archive goes with the room;
 * the discussion history of a stored room is reloaded from it at start). The map is concurrent so disco#items can
 * list rooms from any thread; a room itself is only touched in its own queue.
 */
public final class Rooms implements Room.Occupancy {
    private final MucSettings settings;
    private final RoomStore store;
    private final RoomArchive archive;
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    private final Map<JID, Set<JID>> roomsByRealJid = new ConcurrentHashMap<>();
    /** Loaded rooms whose discussion history is still in their archive (read when the first occupant enters). */
    private final Set<String> historyInArchive = ConcurrentHashMap.newKeySet();

    /** Rooms without archives. */
    public Rooms(MucSettings settings, RoomStore store) {
        this(settings, store, null);
    }

    /**
     * @param archive the rooms' archives, or null when rooms keep none (then {@code muc#roomconfig_enablelogging}
     *                has no effect)
     */
    public Rooms(MucSettings settings, RoomStore store, RoomArchive archive) {
        this.settings = settings;
        this.store = store;
        this.archive = archive;
    }

    /** The rooms' archives, if rooms keep them. */
    public Optional<RoomArchive> archive() {
        return Optional.ofNullable(archive);
    }

    /** Whether {@code room} keeps an archive now: logging on (XEP-0045 §10.2 enablelogging) and archives kept. */
    public boolean logged(Room room) {
        return archive != null && room.config().enableLogging();
    }

    /** The service-wide settings (caps, history size, administrators). */
    public MucSettings settings() {
        return settings;
    }

    /**
     * Loads every persistent room, and deletes the archives of temporary rooms of an earlier run (blocking; at
     * start). A logged room's discussion history is read from its archive when its first occupant enters
     * ({@link #loadHistory}), so that the start does not read the archives of rooms nobody enters.
     *
     * @return how many rooms
     */
    public int load() {
        if (archive != null) store.deleteArchivesOfUnstoredRooms();
        int n = 0;
        for (StoredRoom stored : store.loadAll()) {
            OccupantIds ids = stored.occupantIdSecret() == null ? new OccupantIds() : new OccupantIds(stored.occupantIdSecret());
            Room room = new Room(jidOf(stored.name()), stored.config(), settings.historySize(), this, settings.serviceAdmins(), ids);
            stored.affiliations().forEach(room::affiliate);
            stored.nicks().forEach(room::reserveNick);
            room.subject(stored.subject(), stored.subjectBy());
            if (logged(room)) historyInArchive.add(stored.name());
            // A room stored before occupant ids were kept gets its secret now, so its ids hold from here on.
            if (stored.occupantIdSecret() == null) store.save(StoredRoom.of(room));
            rooms.put(stored.name(), room);
            n++;
        }
        return n;
    }

    /**
     * Reads the discussion history of a room loaded at start from its archive, the first time it is needed (XEP-0045
     * §7.2.14 across restarts: the last {@code history_size} messages, retracted ones as tombstones). Blocking; call
     * in the room's queue before anything is added to its history, i.e. when an occupant enters.
     */
    public void loadHistory(Room room) {
        if (historyInArchive.remove(room.jid().getNode())) {
            archive.recent(room, settings.historySize()).forEach(e -> room.history().add(e.message(), e.at()));
        }
    }

    /** The room with this localpart, if it exists (loaded or created). */
    public Optional<Room> get(String name) {
        return Optional.ofNullable(rooms.get(name));
    }

    /** Every room of the service, for disco#items (XEP-0045 §6.3). */
    public Collection<Room> all() {
        return rooms.values();
    }

    /** A new, locked room owned by {@code owner} (XEP-0045 §10.1.1). */
    public Room create(String name, JID owner) {
        Room room = new Room(jidOf(name), RoomConfig.defaults(settings), settings.historySize(), this, settings.serviceAdmins());
        room.affiliate(owner.asBareJID(), Affiliation.OWNER);
        room.lock(true);
        rooms.put(name, room);
        return room;
    }

    /** Forgets the room (destroyed, or temporary and empty) and deletes what was stored of it. */
    public void remove(Room room) {
        rooms.remove(room.jid().getNode(), room);
        historyInArchive.remove(room.jid().getNode());
        if (room.config().persistent() || room.destroyed()) store.delete(room.jid().getNode());
        if (archive != null) archive.forget(room);
    }

    /** Writes a persistent room's state (blocking); a temporary room is not stored. */
    public void persist(Room room) {
        if (room.config().persistent()) store.save(StoredRoom.of(room));
    }

    /** Deletes what was stored of a room that has become temporary (blocking). */
    public void unpersist(Room room) {
        store.delete(room.jid().getNode());
    }

    /** The rooms {@code realJid} (a full JID) is in; safe from any thread. */
    public Set<JID> roomsOf(JID realJid) {
        Set<JID> in = roomsByRealJid.get(realJid);
        return in == null ? Set.of() : Set.copyOf(in);
    }

    @Override
    public void entered(JID realJid, JID room) {
        roomsByRealJid.computeIfAbsent(realJid, k -> ConcurrentHashMap.newKeySet()).add(room);
    }

    @Override
    public void left(JID realJid, JID room) {
        roomsByRealJid.computeIfPresent(realJid, (k, in) -> {
            in.remove(room);
            return in.isEmpty() ? null : in;
        });
    }

    /** The room JID {@code name@service}. */
    public JID jidOf(String name) {
        return new JID(name, settings.serviceDomain(), null);
    }
}
