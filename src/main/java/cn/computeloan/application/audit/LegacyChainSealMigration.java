package cn.computeloan.application.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flyway migration V3: seals every audit chain written before the chain was keyed (V2). The seal is
 * an HMAC, under the current key, of the chain's head as it is now; {@link AuditTrail} accepts
 * plain SHA-256 events only up to a valid seal. It runs once, inside Flyway's transaction, and seals
 * nothing if any keyed event exists already: should someone delete a seal and the migration's
 * history row to have a rewritten chain sealed again, the keyed events written since stop it.
 */
public final class LegacyChainSealMigration implements JavaMigration {

  private static final Logger LOG = LoggerFactory.getLogger(LegacyChainSealMigration.class);
  private static final int BATCH = 500;

  private final AuditKeys keys;

  public LegacyChainSealMigration(AuditKeys keys) {
    this.keys = keys;
  }

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("3");
  }

  @Override
  public String getDescription() {
    return "seal legacy audit chains";
  }

  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    try (Statement s = c.createStatement();
         ResultSet keyed = s.executeQuery("SELECT COUNT(*) FROM audit_event WHERE hmac_key_id IS NOT NULL")) {
      keyed.next();
      if (keyed.getLong(1) > 0) {
        LOG.warn("Keyed audit events exist already: no legacy audit chain is sealed");
        return;
      }
    }
    String keyId = keys.currentId();
    int sealed = 0;
    try (PreparedStatement heads = c.prepareStatement(
             "SELECT id, audit_seq, audit_head FROM loan_application WHERE audit_seq > 0 ORDER BY id");
         PreparedStatement insert = c.prepareStatement(
             "INSERT INTO audit_legacy_seal (application_id, last_seq, last_hash, hmac_key_id, seal) VALUES (?, ?, ?, ?, ?)")) {
      heads.setFetchSize(BATCH);
      try (ResultSet rs = heads.executeQuery()) {
        while (rs.next()) {
          String id = rs.getString(1);
          int seq = rs.getInt(2);
          String hash = rs.getString(3);
          insert.setString(1, id);
          insert.setInt(2, seq);
          insert.setString(3, hash);
          insert.setString(4, keyId);
          insert.setString(5, AuditHasher.legacySeal(keys, keyId, id, seq, hash));
          insert.addBatch();
          if (++sealed % BATCH == 0) {
            insert.executeBatch();
          }
        }
      }
      insert.executeBatch();
    }
    if (sealed > 0) {
      LOG.info("Sealed {} audit chains written before the chain was keyed, under key '{}'", sealed, keyId);
    }
  }
}
