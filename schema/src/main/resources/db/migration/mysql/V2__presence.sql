-- Presence data: rosters with versioning (RFC 6121 §2, §2.6), block lists (XEP-0191), last activity (XEP-0012),
-- vCards (XEP-0054). Everything hangs off account(username) and goes with it (ON DELETE CASCADE).
-- JID columns are sized so that every key fits MySQL's 3072-byte InnoDB limit in utf8mb4 (4 bytes a character):
-- (255 + 512) * 4 = 3068 bytes.

-- One row per contact; a removed contact stays as a tombstone (removed = TRUE) so that roster versioning can
-- report the removal (RFC 6121 §2.6.3). version is the user's roster version at which the row last changed.
CREATE TABLE roster_item (
    username          VARCHAR(255)  NOT NULL,
    contact_jid       VARCHAR(512)  NOT NULL,
    name              VARCHAR(1023),
    state             VARCHAR(32)   NOT NULL,
    approved          BOOLEAN       NOT NULL,
    visible           BOOLEAN       NOT NULL,
    pending_in_status VARCHAR(1023),
    version           BIGINT        NOT NULL,
    removed           BOOLEAN       NOT NULL,
    CONSTRAINT pk_roster_item PRIMARY KEY (username, contact_jid),
    CONSTRAINT fk_roster_item_account FOREIGN KEY (username) REFERENCES account (username) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_roster_item_version ON roster_item (username, version);

-- An item's groups in the order given; position, not the (long) name, is in the key.
CREATE TABLE roster_group (
    username    VARCHAR(255)  NOT NULL,
    contact_jid VARCHAR(512)  NOT NULL,
    position    INT           NOT NULL,
    group_name  VARCHAR(1023) NOT NULL,
    CONSTRAINT pk_roster_group PRIMARY KEY (username, contact_jid, position),
    CONSTRAINT fk_roster_group_item FOREIGN KEY (username, contact_jid)
        REFERENCES roster_item (username, contact_jid) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The user's current roster version: the last version handed out (0, or no row, before any change).
CREATE TABLE roster_version (
    username VARCHAR(255) NOT NULL,
    version  BIGINT       NOT NULL,
    CONSTRAINT pk_roster_version PRIMARY KEY (username),
    CONSTRAINT fk_roster_version_account FOREIGN KEY (username) REFERENCES account (username) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Blocked JIDs (bare, full or domain) as strings.
CREATE TABLE block_list (
    username    VARCHAR(255) NOT NULL,
    blocked_jid VARCHAR(512) NOT NULL,
    CONSTRAINT pk_block_list PRIMARY KEY (username, blocked_jid),
    CONSTRAINT fk_block_list_account FOREIGN KEY (username) REFERENCES account (username) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- When the user's last resource went offline (UTC) and its last status text. DATETIME, not TIMESTAMP: no
-- conversion through the session time zone (whose DST gaps would shift values) and no 2038 limit.
CREATE TABLE last_activity (
    username VARCHAR(255)  NOT NULL,
    seen_at  DATETIME(3)   NOT NULL,
    status   VARCHAR(1023),
    CONSTRAINT pk_last_activity PRIMARY KEY (username),
    CONSTRAINT fk_last_activity_account FOREIGN KEY (username) REFERENCES account (username) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The user's <vCard xmlns='vcard-temp'/> as serialised XML.
CREATE TABLE vcard (
    username VARCHAR(255) NOT NULL,
    vcard    MEDIUMTEXT   NOT NULL,
    CONSTRAINT pk_vcard PRIMARY KEY (username),
    CONSTRAINT fk_vcard_account FOREIGN KEY (username) REFERENCES account (username) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
