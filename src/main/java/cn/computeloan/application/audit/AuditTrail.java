package cn.computeloan.application.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only, keyed audit trail. Each application has its own chain whose head (last sequence
 * number and hash) lives on the application row: appending locks that one row, so writes to one
 * application are serialised and writes to different applications run in parallel. Each event's
 * hash is an HMAC under a key from configuration ({@link AuditKeys}), so whoever can write the
 * database but lacks the key cannot rebuild the chain after a change. There is no update or delete
 * here, and no API reaches one.
 */
@Repository
public class AuditTrail {

  /** Events read per query while verifying: an application's trail is never loaded at once. */
  static final int PAGE = 500;

  private final JdbcClient jdbc;
  private final AuditKeys keys;
  private final java.time.Clock clock;

  public AuditTrail(JdbcClient jdbc, AuditKeys keys, ObjectProvider<java.time.Clock> clock) {
    this.jdbc = jdbc;
    this.keys = keys;
    this.clock = clock.getIfAvailable(java.time.Clock::systemUTC);
  }

  /** Appends to the application's chain, in the caller's transaction (which it requires). */
  @Transactional(propagation = Propagation.MANDATORY)
  public AuditEvent append(String applicationId, AuditEntry entry) {
    record Head(int seq, String hash) {}
    Head head = jdbc.sql("SELECT audit_seq, audit_head FROM loan_application WHERE id = ? FOR UPDATE")
        .param(applicationId)
        .query((rs, n) -> new Head(rs.getInt(1), rs.getString(2)))
        .optional()
        .orElseThrow(() -> new IllegalArgumentException("no application " + applicationId));
    int seq = head.seq() + 1;
    // Stored with microsecond precision (PostgreSQL's), so the hash covers exactly what is stored.
    Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
    String keyId = keys.currentId();
    String hash = AuditHasher.keyedHash(keys, keyId, applicationId, seq, at, entry, head.hash());
    GeneratedKeyHolder generated = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO audit_event (application_id, seq, occurred_at, actor, role, action, before_state,
              after_state, process_instance_key, element_id, element_instance_key, job_key, policy_version,
              prev_hash, hash, hmac_key_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(applicationId, seq, OffsetDateTime.ofInstant(at, ZoneOffset.UTC), entry.actor(), entry.role(),
            entry.action(), entry.before(), entry.after(), entry.processInstanceKey(), entry.elementId(),
            entry.elementInstanceKey(), entry.jobKey(), entry.policyVersion(), head.hash(), hash, keyId)
        .update(generated, "id");
    long id = generated.getKeyAs(Number.class).longValue();
    jdbc.sql("UPDATE loan_application SET audit_seq = ?, audit_head = ?, updated_at = ? WHERE id = ?")
        .params(seq, hash, OffsetDateTime.ofInstant(at, ZoneOffset.UTC), applicationId)
        .update();
    return new AuditEvent(id, applicationId, seq, at, entry.actor(), entry.role(), entry.action(), entry.before(),
        entry.after(), entry.processInstanceKey(), entry.elementId(), entry.elementInstanceKey(), entry.jobKey(),
        entry.policyVersion(), head.hash(), hash, keyId);
  }

  /** Whether a job-bound action was already audited (retried jobs write once). */
  public boolean recorded(String applicationId, String action, long jobKey) {
    return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE application_id = ? AND action = ? AND job_key = ?")
        .params(applicationId, action, jobKey).query(Long.class).single() > 0;
  }

  /** The application's events, oldest first. */
  public List<AuditEvent> events(String applicationId) {
    return jdbc.sql("SELECT * FROM audit_event WHERE application_id = ? ORDER BY seq, id")
        .param(applicationId).query(AuditTrail::event).list();
  }

  /** Hands the application's events to {@code each}, oldest first, a page at a time. */
  public void forEachEvent(String applicationId, Consumer<AuditEvent> each) {
    int seq = Integer.MIN_VALUE;
    long id = Long.MIN_VALUE;
    while (true) {
      List<AuditEvent> page = jdbc.sql("""
              SELECT * FROM audit_event WHERE application_id = ? AND (seq > ? OR (seq = ? AND id > ?))
              ORDER BY seq, id LIMIT ?""")
          .params(applicationId, seq, seq, id, PAGE).query(AuditTrail::event).list();
      page.forEach(each);
      if (page.size() < PAGE) {
        return;
      }
      seq = page.get(page.size() - 1).seq();
      id = page.get(page.size() - 1).id();
    }
  }

  /**
   * Recomputes the chain: every event's hash from its fields (its HMAC under the key it names, or
   * for events from before the keys a plain SHA-256, accepted only up to the sealed head), every
   * link to the previous hash, contiguous sequence numbers, and the last event against the head
   * stored with the application. Names the first event that fails.
   */
  @Transactional(readOnly = true)
  public Optional<ChainVerification> verify(String applicationId) {
    record Head(int seq, String hash) {}
    Optional<Head> head = jdbc.sql("SELECT audit_seq, audit_head FROM loan_application WHERE id = ?")
        .param(applicationId).query((rs, n) -> new Head(rs.getInt(1), rs.getString(2))).optional();
    if (head.isEmpty()) {
      return Optional.empty();
    }
    ChainWalk walk = new ChainWalk(keys, applicationId, legacySeal(applicationId));
    forEachEvent(applicationId, walk::accept);
    return Optional.of(walk.result(head.get().seq(), head.get().hash()));
  }

  private Optional<ChainWalk.Seal> legacySeal(String applicationId) {
    return jdbc.sql("SELECT last_seq, last_hash, hmac_key_id, seal FROM audit_legacy_seal WHERE application_id = ?")
        .param(applicationId)
        .query((rs, n) -> new ChainWalk.Seal(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .optional();
  }

  private static AuditEvent event(ResultSet rs, int n) throws SQLException {
    return new AuditEvent(rs.getLong("id"), rs.getString("application_id"), rs.getInt("seq"),
        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("actor"), rs.getString("role"),
        rs.getString("action"), rs.getString("before_state"), rs.getString("after_state"),
        nullableLong(rs, "process_instance_key"), rs.getString("element_id"),
        nullableLong(rs, "element_instance_key"), nullableLong(rs, "job_key"), rs.getString("policy_version"),
        rs.getString("prev_hash"), rs.getString("hash"), rs.getString("hmac_key_id"));
  }

  static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
