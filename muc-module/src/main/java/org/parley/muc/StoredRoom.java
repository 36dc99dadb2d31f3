package org.parley.muc;

import org.xmpp.packet.JID;

import java.util.Map;

/**
 * A persistent room as stored: its name (the localpart of the room JID), configuration, subject and affiliations.
 *
 * @param name         the room's localpart
 * @param config       its configuration
 * @param subject      the subject, or empty
 * @param subjectBy    who set it (a nick), or empty
 * @param affiliations bare JID → affiliation (never NONE)
 * @param nicks        bare JID → the nick it registered (XEP-0045 §7.10); only affiliated JIDs
 * @param occupantIdSecret the secret of the room's XEP-0421 occupant ids ({@link OccupantIds#secret()}), or null
 *                     when none was stored (a new one is made)
 */
public record StoredRoom(String name, RoomConfig config, String subject, String subjectBy,
                         Map<JID, Affiliation> affiliations, Map<JID, String> nicks, String occupantIdSecret) {
    public StoredRoom {
        subject = subject == null ? "" : subject;
        subjectBy = subjectBy == null ? "" : subjectBy;
        affiliations = Map.copyOf(affiliations);
        nicks = Map.copyOf(nicks);
        for (JID jid : nicks.keySet()) {
            if (!affiliations.containsKey(jid)) throw new IllegalArgumentException("a reserved nick needs an affiliation: " + jid);
        }
    }

    /** A room without reserved nicks nor occupant-id secret. */
    public StoredRoom(String name, RoomConfig config, String subject, String subjectBy, Map<JID, Affiliation> affiliations) {
        this(name, config, subject, subjectBy, affiliations, Map.of(), null);
    }

    /** The stored form of {@code room}. */
    public static StoredRoom of(Room room) {
        return new StoredRoom(room.jid().getNode(), room.config(), room.subject(), room.subjectBy(), room.affiliations(),
                room.reservedNicks(), room.occupantIds().secret());
    }
}
