-- Private XML storage (XEP-0049): one element per user and namespace.
CREATE TABLE private_xml (
    username    VARCHAR(255) NOT NULL,
    namespace   VARCHAR(255) NOT NULL,
    payload     MEDIUMTEXT   NOT NULL,
    CONSTRAINT pk_private_xml PRIMARY KEY (username, namespace),
    CONSTRAINT fk_private_xml_account FOREIGN KEY (username) REFERENCES account (username) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
