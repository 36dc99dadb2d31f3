-- Per-user archive retention (XEP-0313 §3.2), set by the operator: overrides archive.retention_days for one user;
-- 0 keeps that user's archive for ever.
CREATE TABLE archive_retention (
    owner           VARCHAR(255) NOT NULL,
    retention_days  INT          NOT NULL,
    CONSTRAINT pk_archive_retention PRIMARY KEY (owner),
    CONSTRAINT fk_archive_retention_account FOREIGN KEY (owner) REFERENCES account (username) ON DELETE CASCADE
);
