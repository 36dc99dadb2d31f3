package org.parley.muc;

import org.xmpp.packet.JID;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The core of a room (XEP-0045 §5, §7): who is in it (occupants by nick), who is affiliated (by bare JID), its
 * configuration, subject and discussion history. It holds state only: the rules live in the policies and the
 * protocol in the handlers. Not thread-safe: all work on one room runs in the room's serial queue.
 */
public final class Room {
    private final JID jid;
    // One entry per session (real full JID); a user may be in the room with several sessions under one nick.
    private final Map<JID, Occupant> occupants = new LinkedHashMap<>();
    private final Map<JID, Affiliation> affiliations = new LinkedHashMap<>();
    private final Map<JID, String> reservedNicks = new LinkedHashMap<>();
    private final History history;
    private final OccupantIds occupantIds;
    private final Occupancy occupancy;
    private final java.util.Set<JID> serviceAdmins;
    // Read by disco#items of the service from another queue: volatile, written only in the room's queue.
    private volatile RoomConfig config;
    private volatile String subject = "";
    private String subjectBy = "";
    private volatile boolean locked;
    private volatile boolean destroyed;

    /** Told when a real JID enters or leaves a room (for the index of who is where). */
    public interface Occupancy {
        Occupancy NONE = new Occupancy() {
            @Override
            public void entered(JID realJid, JID room) {
            }

            @Override
            public void left(JID realJid, JID room) {
            }
        };

        void entered(JID realJid, JID room);

        void left(JID realJid, JID room);
    }

    /**
     * @param jid          the room's bare JID
     * @param config       its configuration
     * @param historySize  groupchat messages kept for new occupants
     */
    public Room(JID jid, RoomConfig config, int historySize) {
        this(jid, config, historySize, Occupancy.NONE, java.util.Set.of());
    }

    /**
     * A room that reports entries and exits to {@code occupancy}.
     *
     * @param serviceAdmins bare JIDs that count as owners of the room (the server's administrators)
     */
    public Room(JID jid, RoomConfig config, int historySize, Occupancy occupancy, java.util.Set<JID> serviceAdmins) {
        this(jid, config, historySize, occupancy, serviceAdmins, new OccupantIds());
    }

    /**
     * A room whose occupant ids (XEP-0421) come from {@code occupantIds}: a stored room's, so they survive restarts.
     */
    public Room(JID jid, RoomConfig config, int historySize, Occupancy occupancy, java.util.Set<JID> serviceAdmins,
                OccupantIds occupantIds) {
        this.occupantIds = occupantIds;
        this.occupancy = occupancy;
        this.serviceAdmins = serviceAdmins;
        this.jid = jid.asBareJID();
        this.config = config;
        this.history = new History(historySize);
    }

    /** The room's bare JID, {@code name@service}. */
    public JID jid() {
        return jid;
    }

    /** The current configuration (XEP-0045 §10.2). */
    public RoomConfig config() {
        return config;
    }

    /** Applies an owner's configuration (XEP-0045 §10.2); the caller has checked it against the service's caps. */
    public void configure(RoomConfig newConfig) {
        this.config = newConfig;
    }

    /** XEP-0045 §10.1.1: a new room is locked until its owner configures it (or accepts the instant room). */
    public boolean locked() {
        return locked;
    }

    /** Locks or unlocks the room (XEP-0045 §10.1.1: a new room is locked until its owner configures it). */
    public void lock(boolean isLocked) {
        this.locked = isLocked;
    }

    /** Whether the room was destroyed (XEP-0045 §10.9). */
    public boolean destroyed() {
        return destroyed;
    }

    /** Marks the room destroyed (XEP-0045 §10.9): it takes no more occupants. */
    public void markDestroyed() {
        destroyed = true;
    }

    /** The subject (XEP-0045 §8.1), or empty. */
    public String subject() {
        return subject;
    }

    /** The nick (or JID) who set the subject, or empty. */
    public String subjectBy() {
        return subjectBy;
    }

    /** Sets the subject (XEP-0045 §8.1) and the nick that set it; null or empty clears it. */
    public void subject(String text, String by) {
        subject = text == null ? "" : text;
        subjectBy = by == null ? "" : by;
    }

    /** The discussion history sent on entry (XEP-0045 §7.2.14). */
    public History history() {
        return history;
    }

    /** XEP-0421: the ids of this room's occupants. */
    public OccupantIds occupantIds() {
        return occupantIds;
    }

    // ---- occupants ----

    /** Every session in the room (a user with two sessions under one nick appears twice): whom to send to. */
    public Collection<Occupant> occupants() {
        return occupants.values();
    }

    /** One session per nick: the occupants as the others see them. */
    public java.util.List<Occupant> distinctOccupants() {
        Map<String, Occupant> first = new LinkedHashMap<>();
        for (Occupant o : occupants.values()) first.putIfAbsent(o.nick(), o);
        return java.util.List.copyOf(first.values());
    }

    /** The number of occupants (nicks), what {@code muc#roomconfig_maxusers} limits. */
    public int occupantCount() {
        return (int) occupants.values().stream().map(Occupant::nick).distinct().count();
    }

    /** The (first) session known by {@code nick}. */
    public Optional<Occupant> byNick(String nick) {
        return occupants.values().stream().filter(o -> o.nick().equals(nick)).findFirst();
    }

    /**
     * The (first) session whose nick is the same as {@code nick} under RFC 8266 comparison (case and spaces aside):
     * who holds a nick, for conflicts (XEP-0045 §7.2.9).
     */
    public Optional<Occupant> holderOf(String nick) {
        return occupants.values().stream().filter(o -> Nicknames.same(o.nick(), nick)).findFirst();
    }

    /** Every session known by {@code nick}. */
    public java.util.List<Occupant> sessionsOf(String nick) {
        return occupants.values().stream().filter(o -> o.nick().equals(nick)).toList();
    }

    /** The occupant whose real full JID is {@code realJid}. */
    public Optional<Occupant> byRealJid(JID realJid) {
        return Optional.ofNullable(occupants.get(realJid));
    }

    /** Every occupant of the user {@code bareJid} (several resources may share a nick). */
    public java.util.List<Occupant> byBareJid(JID bareJid) {
        return occupants.values().stream().filter(o -> o.realJid().asBareJID().equals(bareJid)).toList();
    }

    /** Adds or replaces the session of {@code occupant}'s real JID. */
    public void put(Occupant occupant) {
        Occupant previous = occupants.put(occupant.realJid(), occupant);
        if (previous == null) occupancy.entered(occupant.realJid(), jid);
    }

    /** Removes one session. */
    public void removeSession(JID realJid) {
        Occupant gone = occupants.remove(realJid);
        if (gone != null) occupancy.left(gone.realJid(), jid);
    }

    // ---- affiliations ----

    /**
     * The affiliation of {@code user} (any JID; its bare JID counts). A service administrator without an affiliation
     * of its own counts as an owner, so the server's administrators can moderate or destroy any room.
     */
    public Affiliation affiliation(JID user) {
        Affiliation own = affiliations.get(user.asBareJID());
        if (own != null) return own;
        return serviceAdmins.contains(user.asBareJID()) ? Affiliation.OWNER : Affiliation.NONE;
    }

    /**
     * Sets (or, with NONE, removes) the affiliation of {@code bareJid}; a user who is no longer a member loses the
     * nick reserved for them.
     */
    public void affiliate(JID bareJid, Affiliation affiliation) {
        if (affiliation == Affiliation.NONE) {
            affiliations.remove(bareJid.asBareJID());
        } else {
            affiliations.put(bareJid.asBareJID(), affiliation);
        }
        if (!affiliation.isMember()) reservedNicks.remove(bareJid.asBareJID());
    }

    // ---- reserved nicks (XEP-0045 §7.10) ----

    /** The nick {@code user} registered in this room, if any. */
    public Optional<String> reservedNick(JID user) {
        return Optional.ofNullable(reservedNicks.get(user.asBareJID()));
    }

    /** The bare JID that reserved {@code nick} (compared as RFC 8266 says, case and spaces aside), if any. */
    public Optional<JID> reservedBy(String nick) {
        return reservedNicks.entrySet().stream().filter(e -> Nicknames.same(e.getValue(), nick)).map(Map.Entry::getKey)
                .findFirst();
    }

    /** Reserves {@code nick} for {@code bareJid}, or with null releases its nick. */
    public void reserveNick(JID bareJid, String nick) {
        if (nick == null) {
            reservedNicks.remove(bareJid.asBareJID());
        } else {
            reservedNicks.put(bareJid.asBareJID(), nick);
        }
    }

    /** All reserved nicks, by bare JID (a read-only view). */
    public Map<JID, String> reservedNicks() {
        return java.util.Collections.unmodifiableMap(reservedNicks);
    }

    /** The affiliated bare JIDs with exactly {@code affiliation}. */
    public java.util.List<JID> withAffiliation(Affiliation affiliation) {
        return affiliations.entrySet().stream().filter(e -> e.getValue() == affiliation).map(Map.Entry::getKey).toList();
    }

    /** All affiliations, by bare JID (a read-only view). */
    public Map<JID, Affiliation> affiliations() {
        return java.util.Collections.unmodifiableMap(affiliations);
    }

    /** Members, admins and owners: what the member cap counts. */
    public int memberCount() {
        return (int) affiliations.values().stream().filter(Affiliation::isMember).count();
    }
}
