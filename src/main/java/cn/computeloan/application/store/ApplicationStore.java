package cn.computeloan.application.store;

import cn.computeloan.application.audit.AuditHasher;
import cn.computeloan.process.ApplicationStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** JDBC access to applications, step results and documents. Transactions are the caller's. */
@Repository
public class ApplicationStore {

  private final JdbcClient jdbc;

  public ApplicationStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** Stores a new application whose process is not started yet (its audit chain is empty). */
  public void insertPending(StoredApplication a) {
    jdbc.sql("""
            INSERT INTO loan_application (id, status, product, applicant_name, applicant_code, requested_amount,
              term_months, tier, payload, process_instance_key, submitted_by, submitted_at, updated_at,
              idempotency_key, request_hash, audit_seq, audit_head)
            VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL, ?, ?, ?, ?, ?, 0, ?)""")
        .params(a.id(), a.status().name(), a.product(), a.applicantName(), a.applicantCode(), a.requestedAmount(),
            a.termMonths(), a.payload(), a.submittedBy(), utc(a.submittedAt()), utc(a.submittedAt()),
            a.idempotencyKey(), a.requestHash(), AuditHasher.GENESIS)
        .update();
  }

  /** Records the started process instance; false if the application is gone or already has one. */
  public boolean attachProcess(String id, long processInstanceKey) {
    return jdbc.sql("UPDATE loan_application SET process_instance_key = ? WHERE id = ? AND process_instance_key IS NULL")
        .params(processInstanceKey, id).update() == 1;
  }

  /**
   * Compensation for a process start that failed: removes an application that never got a process
   * and therefore has no audit event yet. Never touches a started application.
   */
  public boolean deleteUnstarted(String id) {
    return jdbc.sql("DELETE FROM loan_application WHERE id = ? AND process_instance_key IS NULL AND audit_seq = 0")
        .param(id).update() == 1;
  }

  /** Reads the application and locks its row until the transaction ends. */
  public Optional<StoredApplication> lock(String id) {
    return jdbc.sql("SELECT * FROM loan_application WHERE id = ? FOR UPDATE").param(id)
        .query(ApplicationStore::application).optional();
  }

  public Optional<StoredApplication> find(String id) {
    return jdbc.sql("SELECT * FROM loan_application WHERE id = ?").param(id).query(ApplicationStore::application)
        .optional();
  }

  public Optional<StoredApplication> findByIdempotencyKey(String user, String key) {
    return jdbc.sql("SELECT * FROM loan_application WHERE submitted_by = ? AND idempotency_key = ?")
        .params(user, key).query(ApplicationStore::application).optional();
  }

  /**
   * The applications of these process instances, in one query and without their payload (a page
   * of the workspace's task list is resolved at once, not one query per task).
   */
  public List<StoredApplication> findByProcessInstanceKeys(java.util.Collection<Long> keys) {
    return keys.isEmpty() ? List.of() : summaries("process_instance_key", keys);
  }

  /** Like {@link #findByProcessInstanceKeys}, by application id. */
  public List<StoredApplication> findByIds(java.util.Collection<String> ids) {
    return ids.isEmpty() ? List.of() : summaries("id", ids);
  }

  private List<StoredApplication> summaries(String column, java.util.Collection<?> values) {
    String marks = String.join(", ", java.util.Collections.nCopies(values.size(), "?"));
    return jdbc.sql("SELECT " + SUMMARY_COLUMNS + ", NULL AS payload FROM loan_application WHERE " + column
            + " IN (" + marks + ")")
        .params(List.copyOf(values)).query(ApplicationStore::application).list();
  }

  private static final String SUMMARY_COLUMNS = "id, status, product, applicant_name, applicant_code, "
      + "requested_amount, term_months, tier, process_instance_key, submitted_by, submitted_at, updated_at, "
      + "idempotency_key, request_hash";

  /** The results of one step of several applications, oldest first, in one query. */
  public java.util.Map<String, List<StepRecord>> steps(java.util.Collection<String> applicationIds, String step) {
    java.util.Map<String, List<StepRecord>> byApplication = new java.util.HashMap<>();
    if (applicationIds.isEmpty()) {
      return byApplication;
    }
    List<Object> params = new ArrayList<>(applicationIds);
    params.add(step);
    jdbc.sql("SELECT * FROM application_step WHERE application_id IN ("
            + String.join(", ", java.util.Collections.nCopies(applicationIds.size(), "?")) + ") AND step = ? ORDER BY id")
        .params(params)
        .query((rs, n) -> byApplication.computeIfAbsent(rs.getString("application_id"), k -> new ArrayList<>())
            .add(step(rs, n)))
        .list();
    return byApplication;
  }

  /** Applications whose process start is still pending since before {@code before}. */
  public List<StoredApplication> unstarted(Instant before) {
    return jdbc.sql("SELECT * FROM loan_application WHERE process_instance_key IS NULL AND submitted_at < ? ORDER BY submitted_at")
        .param(utc(before)).query(ApplicationStore::application).list();
  }

  public void updateStatus(String id, ApplicationStatus status) {
    jdbc.sql("UPDATE loan_application SET status = ? WHERE id = ?").params(status.name(), id).update();
  }

  public void updateTier(String id, String tier) {
    jdbc.sql("UPDATE loan_application SET tier = ? WHERE id = ?").params(tier, id).update();
  }

  /** One page of matching applications, newest first, and the total count. */
  public Page<StoredApplication> search(SearchCriteria c, int page, int size) {
    List<Object> params = new ArrayList<>();
    String where = where(c, null, params);
    long total = jdbc.sql("SELECT COUNT(*) FROM loan_application" + where).params(params).query(Long.class).single();
    return new Page<>(page(where, params, "*", page * size, size), page, size, total);
  }

  /**
   * One page of matching applications without their payload, newest first; {@code within} (null:
   * any) restricts them to these ids (at most a thousand).
   */
  public List<StoredApplication> searchSummaries(SearchCriteria c, java.util.Collection<String> within, int offset,
      int size) {
    List<Object> params = new ArrayList<>();
    String where = where(c, within, params);
    return page(where, params, SUMMARY_COLUMNS + ", NULL AS payload", offset, size);
  }

  /** How many applications match in each status, the status filter left out (one grouped query). */
  public java.util.Map<ApplicationStatus, Long> countByStatus(SearchCriteria c, java.util.Collection<String> within) {
    List<Object> params = new ArrayList<>();
    String where = where(new SearchCriteria(null, c.product(), c.tier(), c.applicant(), c.submittedFrom(),
        c.submittedTo()), within, params);
    java.util.Map<ApplicationStatus, Long> counts = new java.util.EnumMap<>(ApplicationStatus.class);
    jdbc.sql("SELECT status, COUNT(*) AS n FROM loan_application" + where + " GROUP BY status").params(params)
        .query((rs, n) -> counts.put(ApplicationStatus.valueOf(rs.getString("status")), rs.getLong("n"))).list();
    return counts;
  }

  private List<StoredApplication> page(String where, List<Object> params, String columns, int offset, int size) {
    List<Object> pageParams = new ArrayList<>(params);
    pageParams.add(size);
    pageParams.add((long) offset);
    return jdbc.sql("SELECT " + columns + " FROM loan_application" + where
            + " ORDER BY submitted_at DESC, id LIMIT ? OFFSET ?")
        .params(pageParams).query(ApplicationStore::application).list();
  }

  /** The WHERE clause of a search; each index of V1 serves one filter with the submission order. */
  private static String where(SearchCriteria c, java.util.Collection<String> within, List<Object> params) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    if (c.status() != null) {
      where.append(" AND status = ?");
      params.add(c.status().name());
    }
    if (c.product() != null) {
      where.append(" AND product = ?");
      params.add(c.product());
    }
    if (c.tier() != null) {
      where.append(" AND tier = ?");
      params.add(c.tier());
    }
    if (c.applicant() != null) {
      where.append(" AND (applicant_code = ? OR LOWER(applicant_name) LIKE ? ESCAPE '\\')");
      params.add(c.applicant());
      params.add("%" + c.applicant().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }
    if (c.submittedFrom() != null) {
      where.append(" AND submitted_at >= ?");
      params.add(utc(c.submittedFrom()));
    }
    if (c.submittedTo() != null) {
      where.append(" AND submitted_at < ?");
      params.add(utc(c.submittedTo()));
    }
    if (within != null) {
      where.append(within.isEmpty() ? " AND 1 = 0" : " AND id IN ("
          + String.join(", ", java.util.Collections.nCopies(within.size(), "?")) + ")");
      params.addAll(within);
    }
    return where.toString();
  }

  /** A page of results. */
  public record Page<T>(List<T> items, int page, int size, long total) {}

  public boolean stepRecorded(String applicationId, String step, long jobKey) {
    return jdbc.sql("SELECT COUNT(*) FROM application_step WHERE application_id = ? AND step = ? AND job_key = ?")
        .params(applicationId, step, jobKey).query(Long.class).single() > 0;
  }

  public void insertStep(String applicationId, StepRecord s) {
    jdbc.sql("""
            INSERT INTO application_step (application_id, step, result, policy_version, actor, process_instance_key,
              element_id, element_instance_key, job_key, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(applicationId, s.step(), s.result(), s.policyVersion(), s.actor(), s.processInstanceKey(),
            s.elementId(), s.elementInstanceKey(), s.jobKey(), utc(s.recordedAt()))
        .update();
  }

  /** Every step result of the application, oldest first. */
  public List<StepRecord> steps(String applicationId) {
    return jdbc.sql("SELECT * FROM application_step WHERE application_id = ? ORDER BY id")
        .param(applicationId).query(ApplicationStore::step).list();
  }

  /** The records of one step of the application, oldest first. */
  public List<StepRecord> steps(String applicationId, String step) {
    return jdbc.sql("SELECT * FROM application_step WHERE application_id = ? AND step = ? ORDER BY id")
        .params(applicationId, step).query(ApplicationStore::step).list();
  }

  public List<String> actors(String applicationId, String step) {
    return jdbc.sql("SELECT actor FROM application_step WHERE application_id = ? AND step = ? ORDER BY id")
        .params(applicationId, step).query(String.class).list();
  }

  public void insertDocument(StoredDocument d, byte[] content) {
    jdbc.sql("""
            INSERT INTO application_document (id, application_id, kind, file_name, content_type, size_bytes, sha256,
              content, uploaded_by, uploaded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(d.id(), d.applicationId(), d.kind(), d.fileName(), d.contentType(), d.size(), d.sha256(), content,
            d.uploadedBy(), utc(d.uploadedAt()))
        .update();
  }

  public List<StoredDocument> documents(String applicationId) {
    return jdbc.sql("""
            SELECT id, application_id, kind, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at
            FROM application_document WHERE application_id = ? ORDER BY uploaded_at, id""")
        .param(applicationId).query(ApplicationStore::document).list();
  }

  public Optional<StoredDocument> document(String applicationId, String documentId) {
    return jdbc.sql("""
            SELECT id, application_id, kind, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at
            FROM application_document WHERE application_id = ? AND id = ?""")
        .params(applicationId, documentId).query(ApplicationStore::document).optional();
  }

  public Optional<byte[]> documentContent(String documentId) {
    return jdbc.sql("SELECT content FROM application_document WHERE id = ?").param(documentId)
        .query((rs, n) -> rs.getBytes(1)).optional();
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  private static StoredApplication application(ResultSet rs, int n) throws SQLException {
    return new StoredApplication(rs.getString("id"), ApplicationStatus.valueOf(rs.getString("status")),
        rs.getString("product"), rs.getString("applicant_name"), rs.getString("applicant_code"),
        rs.getBigDecimal("requested_amount"), rs.getInt("term_months"), rs.getString("tier"), rs.getString("payload"),
        nullableLong(rs, "process_instance_key"), rs.getString("submitted_by"), instant(rs, "submitted_at"),
        instant(rs, "updated_at"), rs.getString("idempotency_key"), rs.getString("request_hash"));
  }

  private static StepRecord step(ResultSet rs, int n) throws SQLException {
    return new StepRecord(rs.getLong("id"), rs.getString("step"), rs.getString("result"),
        rs.getString("policy_version"), rs.getString("actor"), nullableLong(rs, "process_instance_key"),
        rs.getString("element_id"), nullableLong(rs, "element_instance_key"), nullableLong(rs, "job_key"),
        instant(rs, "recorded_at"));
  }

  private static StoredDocument document(ResultSet rs, int n) throws SQLException {
    return new StoredDocument(rs.getString("id"), rs.getString("application_id"), rs.getString("kind"),
        rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
        rs.getString("uploaded_by"), instant(rs, "uploaded_at"));
  }
}
