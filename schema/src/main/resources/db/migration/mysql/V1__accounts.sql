-- Accounts (RFC 6120 §6: the identities SASL authenticates) and their SCRAM credentials (RFC 5802 §3).
-- A password is never stored: only salt, iteration count, StoredKey and ServerKey per hash function.
CREATE TABLE account (
    username    VARCHAR(255) NOT NULL,
    created_at  TIMESTAMP(3) NOT NULL,
    CONSTRAINT pk_account PRIMARY KEY (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE scram_credential (
    username    VARCHAR(255) NOT NULL,
    mechanism   VARCHAR(32)  NOT NULL,
    salt        VARBINARY(64) NOT NULL,
    iterations  INT          NOT NULL,
    stored_key  VARBINARY(64) NOT NULL,
    server_key  VARBINARY(64) NOT NULL,
    CONSTRAINT pk_scram_credential PRIMARY KEY (username, mechanism),
    CONSTRAINT fk_scram_credential_account FOREIGN KEY (username) REFERENCES account (username) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
