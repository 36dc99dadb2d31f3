-- Room archives (XEP-0313 on the room's bare JID): one row per groupchat message a room reflected, in the order the
-- room accepted them. id is the archive id and the XEP-0359 stanza-id (by = the room's bare JID): time-ordered
-- (ArchiveIds), so 'start'/'end' and RSM paging are ranges of id. room is the room's localpart (as in muc_room);
-- sender_jid the real bare JID of the occupant who sent it (the room's bare JID for what the room itself says), nick
-- the sender's nick at the time (in the form RFC 8266 §2.4 compares nicks in); stamp the time in the id (UTC,
-- milliseconds); stanza the message as reflected (from the occupant JID, no 'to').
-- No foreign key to muc_room: temporary rooms have an archive too while they exist. The room's rows are deleted
-- when the room goes away (destroyed, or temporary and empty), and rows of rooms that are not stored are deleted at
-- start (a temporary room does not survive a restart).
CREATE TABLE room_archive_message (
    id          BIGINT        NOT NULL,
    room        VARCHAR(255)  NOT NULL,
    sender_jid  VARCHAR(510)  NOT NULL,
    nick        VARCHAR(510)  NOT NULL,
    stamp       TIMESTAMP(3)  NOT NULL,
    stanza      CLOB          NOT NULL,
    CONSTRAINT pk_room_archive_message PRIMARY KEY (id)
);
-- A page of one room's archive (RSM after/before, start/end): a range scan of this index.
CREATE INDEX ix_room_archive_message_room ON room_archive_message (room, id);
-- 'with' a real bare JID (XEP-0313 §4.1.1: the publisher), for those allowed to see real JIDs.
CREATE INDEX ix_room_archive_message_sender ON room_archive_message (room, sender_jid, id);
-- 'with' an occupant JID (room@service/nick).
CREATE INDEX ix_room_archive_message_nick ON room_archive_message (room, nick, id);

-- XEP-0045 §10.2 muc#roomconfig_enablelogging: whether the room keeps its archive (on for new and existing rooms).
ALTER TABLE muc_room ADD COLUMN enable_logging BOOLEAN DEFAULT TRUE NOT NULL;
