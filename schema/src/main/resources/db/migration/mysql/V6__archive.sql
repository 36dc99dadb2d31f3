-- Message archive (XEP-0313): one row per (owner, message), in the order the server accepted the messages.
-- id is the archive id and the XEP-0359 stanza-id: time-ordered (ArchiveIds), so "after id X" and "between two
-- times" are both ranges of id. with_jid is the peer's bare JID (the 'with' filter), with_resource its resource
-- when the peer's address had one; direction is 'in' or 'out' from the owner's point of view; stamp is the time in
-- the id (UTC; DATETIME, not TIMESTAMP: no session time zone conversion). Everything hangs off account(username)
-- and goes with it (ON DELETE CASCADE).
-- Keys fit InnoDB's 3072-byte limit in utf8mb4 (4 bytes a character): (255 + 510) * 4 + 8 = 3068 bytes for
-- (owner, with_jid, id); peers with a longer bare JID are not archived (ArchiveModule logs them).
CREATE TABLE archive_message (
    id             BIGINT        NOT NULL,
    owner          VARCHAR(255)  NOT NULL,
    with_jid       VARCHAR(510)  NOT NULL,
    with_resource  VARCHAR(1023),
    direction      VARCHAR(3)    NOT NULL,
    stamp          DATETIME(3)   NOT NULL,
    stanza         MEDIUMTEXT    NOT NULL,
    CONSTRAINT pk_archive_message PRIMARY KEY (id),
    CONSTRAINT fk_archive_message_account FOREIGN KEY (owner) REFERENCES account (username) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- A page of one owner's archive, by id bounds (RSM after/before, start/end): a range scan of this index.
CREATE INDEX ix_archive_message_owner ON archive_message (owner, id);
-- The same with the 'with' filter (XEP-0313 §4.1.1).
CREATE INDEX ix_archive_message_with ON archive_message (owner, with_jid, id);

-- Archiving preferences (XEP-0441, formerly XEP-0313 §6): the default mode ('always', 'never', 'roster') and the
-- always/never JID lists, one JID per line. A user without a row has the server's default.
CREATE TABLE archive_prefs (
    owner         VARCHAR(255) NOT NULL,
    default_mode  VARCHAR(8)   NOT NULL,
    always_jids   MEDIUMTEXT   NOT NULL,
    never_jids    MEDIUMTEXT   NOT NULL,
    CONSTRAINT pk_archive_prefs PRIMARY KEY (owner),
    CONSTRAINT fk_archive_prefs_account FOREIGN KEY (owner) REFERENCES account (username) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
