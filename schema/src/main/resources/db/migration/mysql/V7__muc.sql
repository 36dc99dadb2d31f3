-- Group chat (XEP-0045): persistent rooms of the MUC service, by localpart (the service domain comes from the
-- configuration), with their configuration (muc#roomconfig) and subject.
CREATE TABLE muc_room (
    name            VARCHAR(255)  NOT NULL,
    title           VARCHAR(1023) NOT NULL,
    description     VARCHAR(4000) NOT NULL,
    public_room     BOOLEAN       NOT NULL,
    members_only    BOOLEAN       NOT NULL,
    moderated       BOOLEAN       NOT NULL,
    password        VARCHAR(255)  NOT NULL,
    max_users       INT           NOT NULL,
    max_members     INT           NOT NULL,
    whois_anyone    BOOLEAN       NOT NULL,
    change_subject  BOOLEAN       NOT NULL,
    subject         MEDIUMTEXT    NOT NULL,
    subject_by      VARCHAR(1023) NOT NULL,
    CONSTRAINT pk_muc_room PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- Affiliations (XEP-0045 §5.2) of bare JIDs with a room: owner, admin, member, outcast; with the nick the user
-- registered (§7.10), reserved for them in that room, or NULL.
-- The key is 255 + 512 characters of utf8mb4 (3,068 bytes): within InnoDB's 3,072-byte limit.
CREATE TABLE muc_affiliation (
    room         VARCHAR(255) NOT NULL,
    jid          VARCHAR(512) NOT NULL,
    affiliation  VARCHAR(16)  NOT NULL,
    nick         VARCHAR(255),
    CONSTRAINT pk_muc_affiliation PRIMARY KEY (room, jid),
    CONSTRAINT fk_muc_affiliation_room FOREIGN KEY (room) REFERENCES muc_room (name) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
