-- The embedded engine's command journal: every acknowledged command, in processing order, with the
-- engine-clock time at which it ran. Replaying it rebuilds the engine's state (docs/engine-durability.md).
CREATE TABLE engine_journal (
    position     BIGINT       NOT NULL PRIMARY KEY,
    recorded_at  BIGINT       NOT NULL,
    command_type VARCHAR(64)  NOT NULL,
    payload      TEXT         NOT NULL
);
