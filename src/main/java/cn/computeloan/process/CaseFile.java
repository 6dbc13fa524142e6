package cn.computeloan.process;

import cn.computeloan.credit.model.LoanApplication;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The application's case file as the job workers see it: the full application lives in the
 * database, the process carries only ids and key figures. Implemented by the application service
 * (JDBC, with the audit trail); workers never talk to the database directly.
 *
 * <p>Every write names the job that makes it, so a retried job never writes twice: a second write
 * with the same {@code jobKey} is ignored.
 */
public interface CaseFile {

  /** The stored application, or empty if there is none with that id. */
  Optional<LoanApplication> application(String applicationId);

  /**
   * Stores the result of one automated or human step (review, score, limit, guarantee, pricing,
   * authority, approval, early warning, ...), with the policy version that produced it.
   *
   * @param step a stable step name, e.g. {@code REVIEW}, {@code SCORE}, {@code APPROVAL}
   * @param result the step's explainable result (serialised as JSON)
   * @param actor the user for a human step, or the worker's name
   */
  void recordStep(String applicationId, String step, Object result, String policyVersion, String actor,
      ProcessRef process);

  /**
   * The actors who recorded {@code step} for this application so far, oldest first: the four-eyes
   * rule refuses an approval by someone who prepared the case or already approved it.
   */
  List<String> actors(String applicationId, String step);

  /**
   * What was recorded under {@code step}, oldest first, each result as JSON-shaped maps (numbers
   * with a fraction as {@link java.math.BigDecimal}). The figures the bank signs are read from here,
   * never from process variables.
   */
  List<RecordedStep> recorded(String applicationId, String step);

  /** Moves the application to a new status (recorded in the audit trail). */
  void changeStatus(String applicationId, ApplicationStatus status, String actor, ProcessRef process);

  /** One recorded step: its result, who recorded it, when and under which policy version. */
  record RecordedStep(String step, Map<String, Object> result, String policyVersion, String actor,
      Instant recordedAt, String elementId) {}

  /** Where in the process a write comes from: for idempotency and for the audit trail. */
  record ProcessRef(long processInstanceKey, String elementId, long elementInstanceKey, long jobKey) {}
}
