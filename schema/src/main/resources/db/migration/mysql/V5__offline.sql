-- Offline messages (XEP-0160): kept for a user with no available resource, delivered in id order, then deleted.
-- stored_at is UTC (DATETIME, not TIMESTAMP: no session time zone conversion).
CREATE TABLE offline_message (
    id          BIGINT        AUTO_INCREMENT NOT NULL,
    username    VARCHAR(255)  NOT NULL,
    sender      VARCHAR(1023) NOT NULL,
    stored_at   DATETIME(3)   NOT NULL,
    stanza      MEDIUMTEXT    NOT NULL,
    CONSTRAINT pk_offline_message PRIMARY KEY (id),
    CONSTRAINT fk_offline_message_account FOREIGN KEY (username) REFERENCES account (username) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- A user's messages in order (delivery, count for the quota).
CREATE INDEX ix_offline_message_user ON offline_message (username, id);
