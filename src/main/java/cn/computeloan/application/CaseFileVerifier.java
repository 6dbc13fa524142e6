package cn.computeloan.application;

import cn.computeloan.application.AuditVerification.Problem;
import cn.computeloan.application.audit.AuditEvent;
import cn.computeloan.application.audit.AuditHasher;
import cn.computeloan.application.audit.AuditTrail;
import cn.computeloan.application.audit.ChainVerification;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Proves an application's case file against its audit trail: besides the chain itself, every step
 * row (automated results and people's votes and decisions) must be the one its {@code STEP_*} event
 * recorded, every document row must match its {@code DOCUMENT_UPLOADED} event and its stored bytes
 * must still hash to that SHA-256, the status must be the one the last status event set, and the
 * stored application must be the one submitted. Events, steps and documents are read a page at a
 * time and document bytes are hashed as a stream, one document at a time, so that a long trail
 * is verified in bounded memory. One snapshot serves every check, in a transaction of its own: a
 * worker committing an event, its step and the new head while the verifier reads must never look
 * like tampering, whatever transaction the caller is in.
 */
@Service
public class CaseFileVerifier {

  /** The audit action of an upload ({@link DocumentService}). */
  static final String DOCUMENT_UPLOADED = "DOCUMENT_UPLOADED";
  private static final int PAGE = 500;

  private final JdbcClient jdbc;
  private final AuditTrail audit;
  private final ObjectReader json;
  private final TransactionTemplate snapshot;

  public CaseFileVerifier(JdbcClient jdbc, AuditTrail audit, ObjectMapper mapper, DataSource dataSource,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.snapshot = snapshotTransactions(dataSource, transactions);
    // amounts compare exactly
    this.json = mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  }

  /** The chain and the case file of the application; empty if there is no such application. */
  public Optional<AuditVerification> verify(String applicationId) {
    return snapshot.execute(status -> verifyInSnapshot(applicationId));
  }

  /**
   * A new read-only transaction that sees one snapshot of every table. PostgreSQL's REPEATABLE READ
   * is one; H2's is not (it fixes each table's snapshot when the table is first read, and its READ
   * COMMITTED can show a commit in one table before another), so on H2 it is SERIALIZABLE, which
   * reads one snapshot there and does not hold up writers (H2's own SNAPSHOT level has no JDBC
   * constant).
   */
  private static TransactionTemplate snapshotTransactions(DataSource dataSource,
      PlatformTransactionManager transactions) {
    TransactionTemplate t = new TransactionTemplate(transactions);
    t.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    t.setReadOnly(true);
    boolean h2;
    try {
      h2 = "H2".equals(JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
    } catch (MetaDataAccessException e) {
      throw new IllegalStateException("cannot tell which database the audit trail is in", e);
    }
    t.setIsolationLevel(h2 ? TransactionDefinition.ISOLATION_SERIALIZABLE : TransactionDefinition.ISOLATION_REPEATABLE_READ);
    return t;
  }

  private Optional<AuditVerification> verifyInSnapshot(String applicationId) {
    Optional<ChainVerification> chain = audit.verify(applicationId);
    if (chain.isEmpty()) {
      return Optional.empty();
    }
    Check check = new Check(applicationId);
    audit.forEachEvent(applicationId, check::event);
    return Optional.of(AuditVerification.of(chain.get(), check.finish()));
  }

  private record StepRow(long id, String step, String result, String policyVersion, String actor,
      Long processInstanceKey, String elementId, Long elementInstanceKey, Long jobKey) {}

  private record DocumentRow(String id, String kind, String fileName, long size, String sha256) {}

  private record DocumentEvent(int seq, JsonNode after) {}

  private record ApplicationRow(String status, String tier, String payload, String product,
      BigDecimal requestedAmount, String submittedBy, Long processInstanceKey, String idempotencyKey,
      String requestHash) {}

  /** The state of one verification while the events go by. */
  private final class Check {
    private final String applicationId;
    private final Pages<StepRow> stepRows;
    private final Map<String, DocumentEvent> documentEvents = new LinkedHashMap<>();
    private Problem problem;
    private int steps;
    private int documents;
    private AuditEvent submittedEvent;
    private JsonNode submitted;
    private String lastStatus;
    private String lastTier;

    Check(String applicationId) {
      this.applicationId = applicationId;
      this.stepRows = new Pages<>(after -> jdbc.sql("""
              SELECT * FROM application_step WHERE application_id = ? AND id > ? ORDER BY id LIMIT ?""")
          .params(applicationId, after == null ? Long.MIN_VALUE : after.id(), PAGE)
          .query((rs, n) -> new StepRow(rs.getLong("id"), rs.getString("step"), rs.getString("result"),
              rs.getString("policy_version"), rs.getString("actor"), nullableLong(rs, "process_instance_key"),
              rs.getString("element_id"), nullableLong(rs, "element_instance_key"), nullableLong(rs, "job_key")))
          .list());
    }

    void event(AuditEvent e) {
      String action = e.action();
      if (SubmissionService.SUBMITTED.equals(action) && submittedEvent == null) {
        submittedEvent = e;
        submitted = read(e.after());
        lastStatus = submitted.path("status").asText(null);
      } else if (JdbcCaseFile.STATUS_CHANGED.equals(action)) {
        lastStatus = read(e.after()).path("status").asText(null);
      } else if (action.startsWith(JdbcCaseFile.STEP_PREFIX)) {
        step(e, action.substring(JdbcCaseFile.STEP_PREFIX.length()));
      } else if (DOCUMENT_UPLOADED.equals(action)) {
        JsonNode after = read(e.after());
        documentEvents.put(after.path("documentId").asText(""), new DocumentEvent(e.seq(), after));
      }
    }

    /** Steps are written with their event, under the application's lock: the n-th row is the n-th event's. */
    private void step(AuditEvent e, String name) {
      JsonNode tier = read(e.after()).path("tier");
      if (tier.isTextual()) {
        lastTier = tier.asText();
      }
      StepRow row = stepRows.next();
      if (row == null) {
        problem("STEP", null, "audit event " + e.seq() + " records step " + name + ", but no step row is stored for it");
        return;
      }
      steps++;
      List<String> differ = new ArrayList<>();
      differ(differ, "step", row.step(), name);
      differ(differ, "result", row.result(), e.after());
      differ(differ, "actor", row.actor(), e.actor());
      differ(differ, "policyVersion", row.policyVersion(), e.policyVersion());
      differ(differ, "processInstanceKey", row.processInstanceKey(), e.processInstanceKey());
      differ(differ, "elementId", row.elementId(), e.elementId());
      differ(differ, "elementInstanceKey", row.elementInstanceKey(), e.elementInstanceKey());
      differ(differ, "jobKey", row.jobKey(), e.jobKey());
      if (!differ.isEmpty()) {
        problem("STEP", Long.toString(row.id()), "step " + row.step() + " (row " + row.id()
            + ") differs from its audit event " + e.seq() + " in " + differ);
      }
    }

    AuditVerification.CaseFile finish() {
      for (StepRow extra = stepRows.next(); extra != null; extra = stepRows.next()) {
        steps++;
        problem("STEP", Long.toString(extra.id()), "step " + extra.step() + " (row " + extra.id()
            + ") has no audit event");
      }
      ApplicationRow row = jdbc.sql("""
              SELECT status, tier, payload, product, requested_amount, submitted_by, process_instance_key,
                idempotency_key, request_hash FROM loan_application WHERE id = ?""")
          .param(applicationId)
          .query((rs, n) -> new ApplicationRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getBigDecimal(5), rs.getString(6), nullableLong(rs, "process_instance_key"), rs.getString(8),
              rs.getString(9)))
          .single();
      application(row);
      if (lastStatus != null && !lastStatus.equals(row.status())) {
        problem("STATUS", applicationId, "the status is " + row.status() + ", but the audit trail's last status "
            + "is " + lastStatus);
      }
      documents();
      return new AuditVerification.CaseFile(problem == null, steps, documents, row.status(), problem);
    }

    private void application(ApplicationRow row) {
      if (submitted == null) {
        if (row.processInstanceKey() != null) {
          problem("APPLICATION", applicationId, "the application has a process but no SUBMITTED audit event");
        }
        return; // its start is still pending: nothing is recorded yet
      }
      List<String> differ = new ArrayList<>();
      String requestHash = submitted.path("requestHash").asText(null);
      differ(differ, "payload", AuditHasher.sha256(row.payload()), requestHash);
      differ(differ, "requestHash", row.requestHash(), requestHash);
      differ(differ, "product", row.product(), submitted.path("product").asText(null));
      JsonNode amount = submitted.path("requestedAmount");
      if (!amount.isNumber() || row.requestedAmount().compareTo(amount.decimalValue()) != 0) {
        differ.add("requestedAmount");
      }
      differ(differ, "idempotencyKey", row.idempotencyKey(), submitted.path("idempotencyKey").asText(null));
      differ(differ, "submittedBy", row.submittedBy(), submittedEvent.actor());
      differ(differ, "processInstanceKey", row.processInstanceKey(), submittedEvent.processInstanceKey());
      differ(differ, "tier", row.tier(), lastTier);
      if (!differ.isEmpty()) {
        problem("APPLICATION", applicationId, "the stored application differs from its audit trail in " + differ);
      }
    }

    private void documents() {
      Pages<DocumentRow> rows = new Pages<>(after -> jdbc.sql("""
              SELECT id, kind, file_name, size_bytes, sha256 FROM application_document
              WHERE application_id = ? AND id > ? ORDER BY id LIMIT ?""")
          .params(applicationId, after == null ? "" : after.id(), PAGE)
          .query((rs, n) -> new DocumentRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
              rs.getString(5)))
          .list());
      for (DocumentRow row = rows.next(); row != null; row = rows.next()) {
        documents++;
        document(row, documentEvents.remove(row.id()));
      }
      documentEvents.forEach((id, e) -> problem("DOCUMENT", id, "audit event " + e.seq() + " records document " + id
          + ", but it is not stored"));
    }

    private void document(DocumentRow row, DocumentEvent event) {
      String name = "document " + row.id() + " (" + row.kind() + ", " + row.fileName() + ")";
      if (event == null) {
        problem("DOCUMENT", row.id(), name + " has no audit event");
        return;
      }
      List<String> differ = new ArrayList<>();
      differ(differ, "sha256", row.sha256(), event.after().path("sha256").asText(null));
      differ(differ, "size", row.size(), event.after().path("size").isIntegralNumber()
          ? event.after().path("size").asLong() : null);
      differ(differ, "kind", row.kind(), event.after().path("kind").asText(null));
      differ(differ, "fileName", row.fileName(), event.after().path("fileName").asText(null));
      if (!differ.isEmpty()) {
        problem("DOCUMENT", row.id(), name + " differs from its audit event " + event.seq() + " in " + differ);
        return;
      }
      Digest stored = rehash(row.id());
      if (!stored.sha256().equals(row.sha256()) || stored.size() != row.size()) {
        problem("DOCUMENT", row.id(), name + ": the stored bytes (" + stored.size() + " bytes) hash to "
            + stored.sha256() + ", not to the " + row.sha256() + " its audit event " + event.seq() + " recorded");
      }
    }

    private void problem(String kind, String id, String detail) {
      if (problem == null) {
        problem = new Problem(kind, id, detail);
      }
    }
  }

  private record Digest(String sha256, long size) {}

  /** The SHA-256 of a document's stored bytes, read as a stream. */
  private Digest rehash(String documentId) {
    return jdbc.sql("SELECT content FROM application_document WHERE id = ?").param(documentId).query(rs -> {
      rs.next();
      MessageDigest sha256 = sha256();
      long size = 0;
      try (InputStream in = rs.getBinaryStream(1)) {
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          sha256.update(buffer, 0, n);
          size += n;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("document " + documentId + " cannot be read", e);
      }
      return new Digest(HexFormat.of().formatHex(sha256.digest()), size);
    });
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode read(String text) {
    if (text == null) {
      return MissingNode.getInstance();
    }
    try {
      return json.readTree(text);
    } catch (IOException e) {
      return MissingNode.getInstance(); // an edited row that is no longer JSON: its fields then disagree
    }
  }

  private static void differ(List<String> differ, String field, Object stored, Object recorded) {
    if (!Objects.equals(stored, recorded)) {
      differ.add(field);
    }
  }

  private static Long nullableLong(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  /** A cursor over rows read a page at a time; {@code page} reads the page after the given row. */
  private static final class Pages<T> {
    private final java.util.function.Function<T, List<T>> page;
    private List<T> current = List.of();
    private int index;
    private T last;
    private boolean exhausted;

    Pages(java.util.function.Function<T, List<T>> page) {
      this.page = page;
    }

    T next() {
      if (index == current.size()) {
        if (exhausted) {
          return null;
        }
        current = page.apply(last);
        index = 0;
        exhausted = current.size() < PAGE;
        if (current.isEmpty()) {
          return null;
        }
      }
      last = current.get(index++);
      return last;
    }
  }
}
