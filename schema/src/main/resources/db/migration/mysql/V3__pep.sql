-- Personal Eventing Protocol (XEP-0163) over the XEP-0060 subset it needs: each account's nodes with their
-- configuration (XEP-0060 §16.4 pubsub#node_config) and their items, newest last. Everything hangs off
-- account(username) and goes with it (ON DELETE CASCADE).
-- Keys fit MySQL's 3072-byte InnoDB limit in utf8mb4 (4 bytes a character): (255 + 512) * 4 = 3068 bytes for
-- (owner, node); items are keyed by the node's surrogate id, 8 + 512 * 4 = 2056 bytes.

-- One row per node. last_seq is the sequence number of the node's newest item: a publish increments it in its
-- transaction (which also serialises concurrent publishes to one node).
CREATE TABLE pep_node (
    id             BIGINT       AUTO_INCREMENT NOT NULL,
    owner          VARCHAR(255) NOT NULL,
    node           VARCHAR(512) NOT NULL,
    access_model   VARCHAR(16)  NOT NULL,
    max_items      INT          NOT NULL,
    persist_items  BOOLEAN      NOT NULL,
    send_last      VARCHAR(32)  NOT NULL,
    last_seq       BIGINT       NOT NULL,
    CONSTRAINT pk_pep_node PRIMARY KEY (id),
    CONSTRAINT uq_pep_node UNIQUE (owner, node),
    CONSTRAINT fk_pep_node_account FOREIGN KEY (owner) REFERENCES account (username) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A node's items: the payload as serialised XML, when it was published (UTC; DATETIME, not TIMESTAMP: no session
-- time zone conversion, no 2038 limit), and seq for ordering (higher is newer; republishing an item id moves it
-- to the end, XEP-0060 §7.1.2).
CREATE TABLE pep_item (
    node_id      BIGINT       NOT NULL,
    item_id      VARCHAR(512) NOT NULL,
    payload      MEDIUMTEXT,
    published_at DATETIME(3)  NOT NULL,
    seq          BIGINT       NOT NULL,
    CONSTRAINT pk_pep_item PRIMARY KEY (node_id, item_id),
    CONSTRAINT fk_pep_item_node FOREIGN KEY (node_id) REFERENCES pep_node (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_pep_item_seq ON pep_item (node_id, seq);
