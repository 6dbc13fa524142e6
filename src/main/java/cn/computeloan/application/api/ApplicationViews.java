package cn.computeloan.application.api;

import cn.computeloan.application.audit.AuditEvent;
import cn.computeloan.application.store.StepRecord;
import cn.computeloan.application.store.StoredApplication;
import cn.computeloan.application.store.StoredDocument;
import cn.computeloan.process.ApplicationStatus;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the application API (public contract, camelCase). */
public final class ApplicationViews {

  private ApplicationViews() {}

  /** Answer to a submission. Keys are strings, as in the Camunda API (JavaScript loses 64-bit precision). */
  public record SubmissionResult(String applicationId, String processInstanceKey, ApplicationStatus status,
      Instant submittedAt) {
    static SubmissionResult of(StoredApplication a) {
      return new SubmissionResult(a.id(), key(a.processInstanceKey()), a.status(), a.submittedAt());
    }
  }

  /** One row of a search. */
  public record Summary(String applicationId, ApplicationStatus status, String product, String applicantName,
      String applicantCode, BigDecimal requestedAmount, int termMonths, String tier, String processInstanceKey,
      String submittedBy, Instant submittedAt) {
    static Summary of(StoredApplication a) {
      return new Summary(a.id(), a.status(), a.product(), a.applicantName(), a.applicantCode(), a.requestedAmount(),
          a.termMonths(), a.tier(), key(a.processInstanceKey()), a.submittedBy(), a.submittedAt());
    }
  }

  /** A page of search results. */
  public record SearchPage(List<Summary> items, int page, int size, long total) {}

  /** A step's result with who produced it, when, and under which policy version. */
  public record StepView(String step, JsonNode result, String policyVersion, String actor, Instant recordedAt,
      String processInstanceKey, String elementId) {
    static StepView of(StepRecord s, JsonNode result) {
      return new StepView(s.step(), result, s.policyVersion(), s.actor(), s.recordedAt(), key(s.processInstanceKey()),
          s.elementId());
    }
  }

  /**
   * One approver's vote, read from an {@code APPROVAL-<round>} step: who, when, what (a RETURN's or
   * REJECT's comment too), the amount agreed to (APPROVE only), and where the vote sat: approval
   * round, seat, the group that voted ({@code branch-approver}, ...), the authority level the policy
   * required and the version of the table that required it.
   */
  public record ApprovalView(String approver, Instant decidedAt, String decision, String comment,
      BigDecimal approvedAmount, Integer round, Integer seat, String group, String authorityLevel,
      String elementId, String policyVersion) {}

  /**
   * Everything about one application.
   *
   * @param results the latest result of each step, by step name
   * @param steps every step result, oldest first
   */
  public record Detail(String applicationId, ApplicationStatus status, String tier, String processInstanceKey,
      String submittedBy, Instant submittedAt, Instant updatedAt, JsonNode application,
      Map<String, StepView> results, List<StepView> steps, List<ApprovalView> approvals,
      List<DocumentView> documents) {}

  /** An uploaded document's metadata. */
  public record DocumentView(String documentId, String kind, String fileName, String contentType, long size,
      String sha256, String uploadedBy, Instant uploadedAt) {
    static DocumentView of(StoredDocument d) {
      return new DocumentView(d.id(), d.kind(), d.fileName(), d.contentType(), d.size(), d.sha256(), d.uploadedBy(),
          d.uploadedAt());
    }
  }

  /** One audit event; {@code before} and {@code after} as stored JSON. */
  public record AuditEventView(long eventId, int seq, Instant occurredAt, String actor, String role, String action,
      JsonNode before, JsonNode after, String processInstanceKey, String elementId, String elementInstanceKey,
      String jobKey, String policyVersion, String prevHash, String hash, String hmacKeyId) {
    static AuditEventView of(AuditEvent e, JsonNode before, JsonNode after) {
      return new AuditEventView(e.id(), e.seq(), e.occurredAt(), e.actor(), e.role(), e.action(), before, after,
          key(e.processInstanceKey()), e.elementId(), key(e.elementInstanceKey()), key(e.jobKey()),
          e.policyVersion(), e.prevHash(), e.hash(), e.hmacKeyId());
    }
  }

  /** The audit trail of an application. */
  public record AuditTrailView(String applicationId, List<AuditEventView> events) {}

  static String key(Long key) {
    return key == null ? null : key.toString();
  }
}
