package cn.computeloan.application.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only, hash-chained audit trail. Each application has its own chain whose head (last
 * sequence number and hash) lives on the application row: appending locks that one row, so writes
 * to one application are serialised and writes to different applications run in parallel. There is
 * no update or delete here, and no API reaches one.
 */
@Repository
public class AuditTrail {

  private final JdbcClient jdbc;
  private final java.time.Clock clock;

  public AuditTrail(JdbcClient jdbc, ObjectProvider<java.time.Clock> clock) {
    this.jdbc = jdbc;
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
    String hash = AuditHasher.hash(applicationId, seq, at, entry, head.hash());
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO audit_event (application_id, seq, occurred_at, actor, role, action, before_state,
              after_state, process_instance_key, element_id, element_instance_key, job_key, policy_version,
              prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(applicationId, seq, OffsetDateTime.ofInstant(at, ZoneOffset.UTC), entry.actor(), entry.role(),
            entry.action(), entry.before(), entry.after(), entry.processInstanceKey(), entry.elementId(),
            entry.elementInstanceKey(), entry.jobKey(), entry.policyVersion(), head.hash(), hash)
        .update(keys, "id");
    long id = keys.getKeyAs(Number.class).longValue();
    jdbc.sql("UPDATE loan_application SET audit_seq = ?, audit_head = ?, updated_at = ? WHERE id = ?")
        .params(seq, hash, OffsetDateTime.ofInstant(at, ZoneOffset.UTC), applicationId)
        .update();
    return new AuditEvent(id, applicationId, seq, at, entry.actor(), entry.role(), entry.action(), entry.before(),
        entry.after(), entry.processInstanceKey(), entry.elementId(), entry.elementInstanceKey(), entry.jobKey(),
        entry.policyVersion(), head.hash(), hash);
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

  /**
   * Recomputes the chain: every event's hash from its fields, every link to the previous hash,
   * contiguous sequence numbers, and the last event against the head stored with the application.
   * Names the first event that fails.
   */
  @Transactional(readOnly = true)
  public Optional<ChainVerification> verify(String applicationId) {
    record Head(int seq, String hash) {}
    Optional<Head> head = jdbc.sql("SELECT audit_seq, audit_head FROM loan_application WHERE id = ?")
        .param(applicationId).query((rs, n) -> new Head(rs.getInt(1), rs.getString(2))).optional();
    if (head.isEmpty()) {
      return Optional.empty();
    }
    List<AuditEvent> events = events(applicationId);
    String prev = AuditHasher.GENESIS;
    int expectedSeq = 1;
    for (AuditEvent e : events) {
      String problem = null;
      if (e.seq() != expectedSeq) {
        problem = e.seq() > expectedSeq ? "event " + expectedSeq + " is missing" : "sequence number repeated";
      } else if (!e.prevHash().equals(prev)) {
        problem = "does not link to the previous event's hash";
      } else if (!AuditHasher.hash(e).equals(e.hash())) {
        problem = "content does not match its hash";
      }
      if (problem != null) {
        return Optional.of(new ChainVerification(applicationId, false, events.size(), head.get().hash(), e.seq(),
            e.id(), problem));
      }
      prev = e.hash();
      expectedSeq++;
    }
    if (events.size() != head.get().seq() || !prev.equals(head.get().hash())) {
      return Optional.of(new ChainVerification(applicationId, false, events.size(), head.get().hash(),
          events.size() + 1, null, "the chain ends before the recorded head: events at the end are missing"));
    }
    return Optional.of(new ChainVerification(applicationId, true, events.size(), prev, null, null, null));
  }

  private static AuditEvent event(ResultSet rs, int n) throws SQLException {
    return new AuditEvent(rs.getLong("id"), rs.getString("application_id"), rs.getInt("seq"),
        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("actor"), rs.getString("role"),
        rs.getString("action"), rs.getString("before_state"), rs.getString("after_state"),
        nullableLong(rs, "process_instance_key"), rs.getString("element_id"),
        nullableLong(rs, "element_instance_key"), nullableLong(rs, "job_key"), rs.getString("policy_version"),
        rs.getString("prev_hash"), rs.getString("hash"));
  }

  static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
