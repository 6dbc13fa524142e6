package cn.computeloan.application;

import cn.computeloan.application.audit.AuditEntry;
import cn.computeloan.application.audit.AuditTrail;
import cn.computeloan.application.security.RecentRoles;
import cn.computeloan.application.security.UserDirectory;
import cn.computeloan.application.store.ApplicationStore;
import cn.computeloan.application.store.StepRecord;
import cn.computeloan.application.store.StoredApplication;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.process.ApplicationStatus;
import cn.computeloan.process.CaseFile;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The case file in the application database. Every write locks the application's row (the head of
 * its audit chain), so that the idempotency check, the write and its audit event are one atomic step
 * per application while different applications proceed in parallel.
 *
 * <p>{@code compute-loan.process.case-file=in-memory} leaves the port to the process package's
 * in-memory fallback (process tests that inspect the case file directly).
 */
@Service
@ConditionalOnProperty(name = "compute-loan.process.case-file", havingValue = "jdbc", matchIfMissing = true)
public class JdbcCaseFile implements CaseFile {

  /** Audit action of a status change. */
  public static final String STATUS_CHANGED = "STATUS_CHANGED";
  /** Audit action prefix of a recorded step ({@code STEP_REVIEW}, {@code STEP_APPROVAL}, ...). */
  public static final String STEP_PREFIX = "STEP_";

  private static final java.time.Duration SUBMISSION_WAIT = java.time.Duration.ofSeconds(30);

  private final ApplicationStore store;
  private final AuditTrail audit;
  private final ObjectMapper mapper;
  private final UserDirectory users;
  private final RecentRoles recentRoles;
  private final Clock clock;

  public JdbcCaseFile(ApplicationStore store, AuditTrail audit, ObjectMapper mapper, UserDirectory users,
      RecentRoles recentRoles, ObjectProvider<Clock> clock) {
    this.store = store;
    this.audit = audit;
    this.mapper = mapper;
    this.users = users;
    this.recentRoles = recentRoles;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  @Override
  @Transactional(readOnly = true)
  public Optional<LoanApplication> application(String applicationId) {
    return store.find(applicationId).map(a -> read(a.payload(), LoanApplication.class));
  }

  @Override
  @Transactional
  public void recordStep(String applicationId, String step, Object result, String policyVersion, String actor,
      ProcessRef process) {
    StoredApplication application = lockSubmitted(applicationId);
    Long jobKey = jobKey(process);
    if (jobKey != null && store.stepRecorded(applicationId, step, jobKey)) {
      return;
    }
    String json = write(result);
    store.insertStep(applicationId, new StepRecord(0, step, json, policyVersion, actor, instanceKey(process),
        elementId(process), elementInstanceKey(process), jobKey, clock.instant().truncatedTo(ChronoUnit.MICROS)));
    JsonNode tier = read(json, JsonNode.class).path("tier");
    if (tier.isTextual() && !tier.asText().equals(application.tier())) {
      store.updateTier(applicationId, tier.asText());
    }
    audit.append(applicationId, new AuditEntry(actor, roleOf(actor), STEP_PREFIX + step, null, json,
        instanceKey(process), elementId(process), elementInstanceKey(process), jobKey, policyVersion));
  }

  @Override
  @Transactional(readOnly = true)
  public List<String> actors(String applicationId, String step) {
    return store.actors(applicationId, step);
  }

  @Override
  @Transactional(readOnly = true)
  public List<RecordedStep> recorded(String applicationId, String step) {
    return store.steps(applicationId, step).stream().map(s -> new RecordedStep(s.step(), readMap(s.result()),
        s.policyVersion(), s.actor(), s.recordedAt(), s.elementId())).toList();
  }

  @Override
  @Transactional
  public void changeStatus(String applicationId, ApplicationStatus status, String actor, ProcessRef process) {
    StoredApplication application = lockSubmitted(applicationId);
    Long jobKey = jobKey(process);
    if (jobKey != null && audit.recorded(applicationId, STATUS_CHANGED, jobKey)) {
      return;
    }
    store.updateStatus(applicationId, status);
    audit.append(applicationId, new AuditEntry(actor, roleOf(actor), STATUS_CHANGED,
        write(Map.of("status", application.status().name())), write(Map.of("status", status.name())),
        instanceKey(process), elementId(process), elementInstanceKey(process), jobKey, null));
  }

  /**
   * The roles of the person a write names (who is not the caller: a listener worker records a
   * task's assignee): a configured user's roles, else those the person had on their latest request
   * (users from the identity provider are in no configuration), else {@code WORKER} for the
   * automated steps.
   */
  String roleOf(String actor) {
    return users.roles(actor).or(() -> recentRoles.roles(actor)).map(r -> String.join(",", r)).orElse("WORKER");
  }

  /**
   * Locks the application once its submission is complete. A worker can be faster than the
   * submission that started its process: it waits (briefly) until the instance is attached and the
   * SUBMITTED event written, so the audit trail always starts with the submission. If the submission
   * never completes (a crash before the recovery ran), the job fails and is retried.
   */
  private StoredApplication lockSubmitted(String applicationId) {
    long deadline = System.nanoTime() + SUBMISSION_WAIT.toNanos();
    // poll without the row lock: the submission's own transaction needs it to attach the instance
    while (store.find(applicationId).orElseThrow(() -> new IllegalArgumentException("no application " + applicationId))
        .processInstanceKey() == null) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("application " + applicationId + " is not yet attached to its process");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the submission of " + applicationId, e);
      }
    }
    return lock(applicationId);
  }

  private StoredApplication lock(String applicationId) {
    return store.lock(applicationId)
        .orElseThrow(() -> new IllegalArgumentException("no application " + applicationId));
  }

  private static Long jobKey(ProcessRef p) {
    return p == null || p.jobKey() <= 0 ? null : p.jobKey();
  }

  private static Long instanceKey(ProcessRef p) {
    return p == null || p.processInstanceKey() <= 0 ? null : p.processInstanceKey();
  }

  private static Long elementInstanceKey(ProcessRef p) {
    return p == null || p.elementInstanceKey() <= 0 ? null : p.elementInstanceKey();
  }

  private static String elementId(ProcessRef p) {
    return p == null ? null : p.elementId();
  }

  private String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("result cannot be stored as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private Map<String, Object> readMap(String json) {
    try {
      return mapper.readerFor(Map.class).with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readValue(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON unreadable", e);
    }
  }

  private <T> T read(String json, Class<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON unreadable", e);
    }
  }
}
