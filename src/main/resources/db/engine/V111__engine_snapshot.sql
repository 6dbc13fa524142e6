-- Snapshots of the embedded engine's state (docs/engine-durability.md): the state after journal
-- entry `position`, as gzip-compressed JSON cut into chunks. A snapshot row is written in the same
-- transaction as its chunks, after them, so a snapshot that is listed is complete; the checksum
-- (SHA-256 of the compressed bytes) detects one that was damaged afterwards.
CREATE TABLE engine_snapshot (
    position    BIGINT      NOT NULL PRIMARY KEY,
    taken_at    BIGINT      NOT NULL,
    format      INT         NOT NULL,
    size_bytes  BIGINT      NOT NULL,
    chunks      INT         NOT NULL,
    checksum    VARCHAR(64) NOT NULL
);

CREATE TABLE engine_snapshot_chunk (
    position  BIGINT  NOT NULL,
    seq       INT     NOT NULL,
    data      BYTEA   NOT NULL,
    PRIMARY KEY (position, seq)
);
