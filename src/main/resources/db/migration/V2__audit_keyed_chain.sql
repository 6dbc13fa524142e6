-- The audit chain becomes keyed: each new event's hash is an HMAC-SHA256 under a key from
-- configuration (never stored in the database), named by hmac_key_id so that keys can rotate.
-- Events from before (hmac_key_id NULL) keep their plain SHA-256 and still verify, but only up to
-- the head each chain had when the keys came in, sealed under the key in audit_legacy_seal by the
-- Java migration V3 (cn.computeloan.application.audit.LegacyChainSealMigration): nobody can later
-- pass off a rewritten chain as one from before the keys.
ALTER TABLE audit_event ADD COLUMN hmac_key_id VARCHAR(40);

CREATE TABLE audit_legacy_seal (
  application_id       VARCHAR(36)   PRIMARY KEY REFERENCES loan_application (id),
  last_seq             INTEGER       NOT NULL,
  last_hash            VARCHAR(64)   NOT NULL,
  hmac_key_id          VARCHAR(40)   NOT NULL,
  seal                 VARCHAR(64)   NOT NULL
);
