package org.parley.archive;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;

import java.time.LocalDateTime;
import java.util.Set;

import static org.parley.schema.jooq.Tables.ACCOUNT;
import static org.parley.schema.jooq.Tables.ARCHIVE_MESSAGE;
import static org.parley.schema.jooq.Tables.ROOM_ARCHIVE_MESSAGE;

/**
 * Where one kind of archive is kept: the table and the columns {@link JooqMessageStore} reads and writes, its
 * indexes, and which owners may have rows.
 *
 * @param table         the table
 * @param id            the archive id (primary key)
 * @param owner         the archive's owner (username, room localpart)
 * @param withJid       the peer's bare JID (user archives) or the sender's real bare JID (room archives)
 * @param withResource  the peer's resource (user archives) or the sender's nick (room archives)
 * @param direction     'in'/'out', or null where every message comes in (room archives)
 * @param stamp         UTC time, milliseconds
 * @param stanza        the message
 * @param ownerIndex    the index of (owner, id)
 * @param withIndex     the index of (owner, withJid, id)
 * @param resourceIndex the index of (owner, withResource, id), or null when there is none
 * @param owners        of a set of owners, those that may have an archive (the others' rows are skipped)
 */
record ArchiveTable(Table<?> table, Field<Long> id, Field<String> owner, Field<String> withJid,
                    Field<String> withResource, Field<String> direction, Field<LocalDateTime> stamp,
                    Field<String> stanza, String ownerIndex, String withIndex, String resourceIndex,
                    OwnerCheck owners) {
    /** Which of {@code owners} may have rows. */
    interface OwnerCheck {
        Set<String> existing(DSLContext dsl, Set<String> owners);
    }

    /** Users' archives ({@code V6__archive.sql}): only accounts have one. */
    static final ArchiveTable USERS = new ArchiveTable(ARCHIVE_MESSAGE, ARCHIVE_MESSAGE.ID, ARCHIVE_MESSAGE.OWNER,
            ARCHIVE_MESSAGE.WITH_JID, ARCHIVE_MESSAGE.WITH_RESOURCE, ARCHIVE_MESSAGE.DIRECTION, ARCHIVE_MESSAGE.STAMP,
            ARCHIVE_MESSAGE.STANZA, "ix_archive_message_owner", "ix_archive_message_with", null,
            (dsl, owners) -> Set.copyOf(dsl.select(ACCOUNT.USERNAME).from(ACCOUNT).where(ACCOUNT.USERNAME.in(owners))
                    .fetch(ACCOUNT.USERNAME)));

    /** Rooms' archives ({@code V10__room_archive.sql}): every room, temporary ones too, has one. */
    static final ArchiveTable ROOMS = new ArchiveTable(ROOM_ARCHIVE_MESSAGE, ROOM_ARCHIVE_MESSAGE.ID,
            ROOM_ARCHIVE_MESSAGE.ROOM, ROOM_ARCHIVE_MESSAGE.SENDER_JID, ROOM_ARCHIVE_MESSAGE.NICK, null,
            ROOM_ARCHIVE_MESSAGE.STAMP, ROOM_ARCHIVE_MESSAGE.STANZA, "ix_room_archive_message_room",
            "ix_room_archive_message_sender", "ix_room_archive_message_nick", (dsl, owners) -> owners);
}
