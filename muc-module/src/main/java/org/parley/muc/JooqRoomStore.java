package org.parley.muc;

import org.jooq.DSLContext;
import org.parley.schema.Database;
import org.xmpp.packet.JID;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.parley.schema.jooq.Tables.MUC_AFFILIATION;
import static org.parley.schema.jooq.Tables.MUC_ROOM;
import static org.parley.schema.jooq.Tables.ROOM_ARCHIVE_MESSAGE;

/** {@link RoomStore} on jOOQ (H2 or MySQL/MariaDB): one row per room, one per affiliation. */
public final class JooqRoomStore implements RoomStore {
    private final DSLContext dsl;

    /** @param database the server's database (H2 or MySQL/MariaDB), migrated (V7, V9) */
    public JooqRoomStore(Database database) {
        this.dsl = database.dsl();
    }

    @Override
    public List<StoredRoom> loadAll() {
        Map<String, Map<JID, Affiliation>> affiliations = new HashMap<>();
        Map<String, Map<JID, String>> nicks = new HashMap<>();
        dsl.selectFrom(MUC_AFFILIATION).forEach(r -> {
            affiliations.computeIfAbsent(r.getRoom(), k -> new HashMap<>()).put(new JID(r.getJid()), Affiliation.of(r.getAffiliation()));
            if (r.getNick() != null) nicks.computeIfAbsent(r.getRoom(), k -> new HashMap<>()).put(new JID(r.getJid()), r.getNick());
        });
        return dsl.selectFrom(MUC_ROOM).orderBy(MUC_ROOM.NAME).fetch(r -> new StoredRoom(r.getName(),
                new RoomConfig(r.getTitle(), r.getDescription(), true, r.getPublicRoom(), r.getMembersOnly(),
                        r.getModerated(), r.getPassword(), r.getMaxUsers(), r.getMaxMembers(), r.getWhoisAnyone(),
                        r.getChangeSubject(), r.getAllowInvites(), PrivateMessages.of(r.getAllowPm()),
                        roles(r.getMemberListRoles()), r.getEnableLogging()),
                r.getSubject(), r.getSubjectBy(), affiliations.getOrDefault(r.getName(), Map.of()),
                nicks.getOrDefault(r.getName(), Map.of()), r.getOccupantIdSecret()));
    }

    @Override
    public void save(StoredRoom room) {
        RoomConfig c = room.config();
        dsl.transaction(tx -> {
            DSLContext t = tx.dsl();
            int updated = t.update(MUC_ROOM)
                    .set(MUC_ROOM.TITLE, c.name()).set(MUC_ROOM.DESCRIPTION, c.description())
                    .set(MUC_ROOM.PUBLIC_ROOM, c.publicRoom()).set(MUC_ROOM.MEMBERS_ONLY, c.membersOnly())
                    .set(MUC_ROOM.MODERATED, c.moderated()).set(MUC_ROOM.PASSWORD, c.password())
                    .set(MUC_ROOM.MAX_USERS, c.maxUsers()).set(MUC_ROOM.MAX_MEMBERS, c.maxMembers())
                    .set(MUC_ROOM.WHOIS_ANYONE, c.whoisAnyone()).set(MUC_ROOM.CHANGE_SUBJECT, c.changeSubject())
                    .set(MUC_ROOM.SUBJECT, room.subject()).set(MUC_ROOM.SUBJECT_BY, room.subjectBy())
                    .set(MUC_ROOM.ALLOW_INVITES, c.allowInvites()).set(MUC_ROOM.ALLOW_PM, c.allowPm().value())
                    .set(MUC_ROOM.MEMBER_LIST_ROLES, roles(c.memberListRoles()))
                    .set(MUC_ROOM.OCCUPANT_ID_SECRET, room.occupantIdSecret())
                    .set(MUC_ROOM.ENABLE_LOGGING, c.enableLogging())
                    .where(MUC_ROOM.NAME.eq(room.name()))
                    .execute();
            if (updated == 0) {
                t.insertInto(MUC_ROOM)
                        .set(MUC_ROOM.NAME, room.name())
                        .set(MUC_ROOM.TITLE, c.name()).set(MUC_ROOM.DESCRIPTION, c.description())
                        .set(MUC_ROOM.PUBLIC_ROOM, c.publicRoom()).set(MUC_ROOM.MEMBERS_ONLY, c.membersOnly())
                        .set(MUC_ROOM.MODERATED, c.moderated()).set(MUC_ROOM.PASSWORD, c.password())
                        .set(MUC_ROOM.MAX_USERS, c.maxUsers()).set(MUC_ROOM.MAX_MEMBERS, c.maxMembers())
                        .set(MUC_ROOM.WHOIS_ANYONE, c.whoisAnyone()).set(MUC_ROOM.CHANGE_SUBJECT, c.changeSubject())
                        .set(MUC_ROOM.SUBJECT, room.subject()).set(MUC_ROOM.SUBJECT_BY, room.subjectBy())
                        .set(MUC_ROOM.ALLOW_INVITES, c.allowInvites()).set(MUC_ROOM.ALLOW_PM, c.allowPm().value())
                    .set(MUC_ROOM.MEMBER_LIST_ROLES, roles(c.memberListRoles()))
                        .set(MUC_ROOM.OCCUPANT_ID_SECRET, room.occupantIdSecret())
                        .set(MUC_ROOM.ENABLE_LOGGING, c.enableLogging())
                        .execute();
            }
            // The affiliation list is small (capped at max_members plus outcasts): rewrite it whole.
            t.deleteFrom(MUC_AFFILIATION).where(MUC_AFFILIATION.ROOM.eq(room.name())).execute();
            var insert = t.insertInto(MUC_AFFILIATION, MUC_AFFILIATION.ROOM, MUC_AFFILIATION.JID, MUC_AFFILIATION.AFFILIATION,
                    MUC_AFFILIATION.NICK);
            room.affiliations().forEach((jid, a) -> insert.values(room.name(), jid.toBareJID(), a.value(), room.nicks().get(jid)));
            if (!room.affiliations().isEmpty()) insert.execute();
        });
    }

    /** Roles as stored: their values, comma-separated, in a fixed order. */
    private static String roles(java.util.Set<Role> roles) {
        return roles.stream().sorted().map(Role::value).collect(java.util.stream.Collectors.joining(","));
    }

    private static java.util.Set<Role> roles(String stored) {
        return java.util.Arrays.stream(stored.split(",")).filter(v -> !v.isBlank()).map(Role::of)
                .collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public void delete(String name) {
        dsl.transaction(tx -> {
            tx.dsl().deleteFrom(MUC_AFFILIATION).where(MUC_AFFILIATION.ROOM.eq(name)).execute();
            tx.dsl().deleteFrom(MUC_ROOM).where(MUC_ROOM.NAME.eq(name)).execute();
        });
    }

    @Override
    public int deleteArchivesOfUnstoredRooms() {
        // The archived rooms are a walk over the (room, id) index (MariaDB: a loose index scan), not over every
        // message: at start, with millions of them, a NOT IN over the table would read them all.
        Set<String> stored = dsl.select(MUC_ROOM.NAME).from(MUC_ROOM).fetchSet(MUC_ROOM.NAME);
        int deleted = 0;
        for (String room : dsl.selectDistinct(ROOM_ARCHIVE_MESSAGE.ROOM).from(ROOM_ARCHIVE_MESSAGE).fetch(ROOM_ARCHIVE_MESSAGE.ROOM)) {
            if (!stored.contains(room)) {
                deleted += dsl.deleteFrom(ROOM_ARCHIVE_MESSAGE).where(ROOM_ARCHIVE_MESSAGE.ROOM.eq(room)).execute();
            }
        }
        return deleted;
    }
}
