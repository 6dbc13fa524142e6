package cn.computeloan.application;

import cn.computeloan.application.audit.AuditEntry;
import cn.computeloan.application.audit.AuditHasher;
import cn.computeloan.application.audit.AuditTrail;
import cn.computeloan.application.store.ApplicationStore;
import cn.computeloan.application.store.StoredApplication;
import cn.computeloan.credit.evaluation.CreditPolicy;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.process.ApplicationStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a valid application and starts its approval process, so that neither exists without the
 * other:
 *
 * <ol>
 *   <li>T1 stores the application with no process yet (a pending start, like an outbox entry);</li>
 *   <li>the process is started through the Camunda client (workers may read the application at once,
 *       since T1 is committed);</li>
 *   <li>T2 attaches the process instance key and writes the first audit event ({@code SUBMITTED});
 *       the case file holds workers back until then, so the trail always starts with it.</li>
 * </ol>
 *
 * <p>A retry with the same Idempotency-Key gets the first result once step 3 is done, and a
 * {@link SubmissionInProgressException} (409, retry) before that.
 *
 * <p>If the start fails, a compensating delete removes the application (it has no audit event yet)
 * and the caller gets an error: nothing remains. If T2 fails, the started instance is cancelled and
 * the application deleted. If the service dies between the steps, {@link #completePendingStarts}
 * later finds the pending application, attaches the instance that was started for it or starts one.
 */
@Service
public class SubmissionService {

  /** Audit action of a submission. */
  public static final String SUBMITTED = "SUBMITTED";

  private static final Logger LOG = LoggerFactory.getLogger(SubmissionService.class);

  private final ApplicationStore store;
  private final AuditTrail audit;
  private final ProcessStarter process;
  private final CreditPolicy policy;
  private final ObjectMapper mapper;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Semaphore inFlight;

  /**
   * @param maxConcurrent submissions processed at once. A submission holds a server thread while it
   *     calls the engine's API on the same server; bounding them keeps threads free for those calls,
   *     so an overload is refused quickly (503, retry) instead of starving the engine calls.
   */
  public SubmissionService(ApplicationStore store, AuditTrail audit, ProcessStarter process, CreditPolicy policy,
      ObjectMapper mapper, TransactionTemplate tx, ObjectProvider<Clock> clock,
      @Value("${compute-loan.application.max-concurrent-submissions:64}") int maxConcurrent) {
    this.inFlight = new Semaphore(maxConcurrent, true);
    this.store = store;
    this.audit = audit;
    this.process = process;
    this.policy = policy;
    this.mapper = mapper;
    this.tx = tx;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  /** The outcome: the stored application, and whether it is the replay of an earlier submission. */
  public record Submission(StoredApplication application, boolean replayed) {}

  /** An Idempotency-Key reused for a different application. */
  public static final class IdempotencyConflictException extends RuntimeException {
    public IdempotencyConflictException() {
      super("this Idempotency-Key was used for a different application");
    }
  }

  /**
   * The first submission with this Idempotency-Key is still being stored and started; its outcome
   * is not known yet (it may still fail and leave nothing), so a retry must ask again later.
   */
  public static final class SubmissionInProgressException extends RuntimeException {
    public SubmissionInProgressException() {
      super("a submission with this Idempotency-Key is still in progress; retry shortly with the same key");
    }
  }

  /** Too many submissions at once; nothing was stored. */
  public static final class BusyException extends RuntimeException {
    public BusyException() {
      super("too many submissions at once; retry shortly (with the same Idempotency-Key)");
    }
  }

  /** The process could not be started; nothing was stored. */
  public static final class ProcessStartException extends RuntimeException {
    public ProcessStartException(Throwable cause) {
      super("the approval process could not be started; the application was not stored", cause);
    }
  }

  /**
   * Submits a validated application for {@code user} (whose roles are recorded in the audit trail).
   * With an idempotency key, a repeated submission returns the first one.
   */
  public Submission submit(LoanApplication application, String user, List<String> roles, String idempotencyKey,
      String policyVersion) {
    boolean admitted;
    try {
      admitted = inFlight.tryAcquire(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BusyException();
    }
    if (!admitted) {
      throw new BusyException();
    }
    try {
      return admitted(application, user, roles, idempotencyKey, policyVersion);
    } finally {
      inFlight.release();
    }
  }

  private Submission admitted(LoanApplication application, String user, List<String> roles, String idempotencyKey,
      String policyVersion) {
    String payload = json(application);
    String requestHash = AuditHasher.sha256(payload);
    if (idempotencyKey != null) {
      Optional<StoredApplication> earlier = store.findByIdempotencyKey(user, idempotencyKey);
      if (earlier.isPresent()) {
        return replay(earlier.get(), requestHash);
      }
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    StoredApplication pending = new StoredApplication(UUID.randomUUID().toString(), ApplicationStatus.SUBMITTED,
        application.product().name(), application.applicant().name(), application.applicant().unifiedSocialCreditCode(),
        application.requestedAmount(), application.termMonths(), null, payload, null, user, now, now,
        idempotencyKey, requestHash);
    try {
      tx.executeWithoutResult(s -> store.insertPending(pending));
    } catch (DuplicateKeyException e) {
      // The same key, submitted concurrently: the other request stored first.
      return replay(store.findByIdempotencyKey(user, idempotencyKey).orElseThrow(() -> e), requestHash);
    }
    long instanceKey;
    try {
      instanceKey = process.start(variables(pending.id(), application));
    } catch (RuntimeException e) {
      tx.executeWithoutResult(s -> store.deleteUnstarted(pending.id()));
      throw new ProcessStartException(e);
    }
    try {
      return new Submission(attach(pending, instanceKey, String.join(",", roles), policyVersion, false), false);
    } catch (RuntimeException e) {
      compensate(pending.id(), instanceKey);
      throw new ProcessStartException(e);
    }
  }

  /**
   * The answer to a repeated key: the first result once its process is attached. Before that the
   * first submission is still in progress (or was interrupted and awaits recovery) and may yet be
   * compensated away, so its pending row is never handed out as a result.
   */
  private Submission replay(StoredApplication earlier, String requestHash) {
    if (!earlier.requestHash().equals(requestHash)) {
      throw new IdempotencyConflictException();
    }
    if (earlier.processInstanceKey() == null) {
      throw new SubmissionInProgressException();
    }
    return new Submission(earlier, true);
  }

  private StoredApplication attach(StoredApplication pending, long instanceKey, String role, String policyVersion,
      boolean recovered) {
    return tx.execute(s -> {
      if (!store.attachProcess(pending.id(), instanceKey)) {
        throw new IllegalStateException("application " + pending.id() + " is gone or already started");
      }
      Map<String, Object> after = new LinkedHashMap<>();
      after.put("status", pending.status().name());
      after.put("product", pending.product());
      after.put("requestedAmount", pending.requestedAmount());
      after.put("requestHash", pending.requestHash());
      after.put("idempotencyKey", pending.idempotencyKey());
      if (recovered) {
        after.put("startCompletedByRecovery", true);
      }
      audit.append(pending.id(), new AuditEntry(pending.submittedBy(), role, SUBMITTED, null, json(after),
          instanceKey, null, null, null, policyVersion));
      return store.find(pending.id()).orElseThrow();
    });
  }

  private void compensate(String applicationId, long instanceKey) {
    try {
      process.cancel(instanceKey);
      tx.executeWithoutResult(s -> store.deleteUnstarted(applicationId));
    } catch (RuntimeException e) {
      LOG.error("Could not undo the submission of {} (process instance {}); the pending-start recovery will "
          + "attach the instance to the application", applicationId, instanceKey, e);
    }
  }

  /**
   * Finishes submissions interrupted between storing and attaching the process (a crash): attaches
   * the instance already started for the application, or starts one. Returns how many it finished.
   */
  public int completePendingStarts(Instant olderThan) {
    int done = 0;
    for (StoredApplication pending : store.unstarted(olderThan)) {
      try {
        LoanApplication application = mapper.readValue(pending.payload(), LoanApplication.class);
        long key = process.findStarted(pending.id())
            .orElseGet(() -> process.start(variables(pending.id(), application)));
        attach(pending, key, "INTAKE_OFFICER", policy.parameters().policyVersion(), true);
        done++;
      } catch (Exception e) {
        LOG.warn("Pending process start of application {} not completed yet: {}", pending.id(), e.toString());
      }
    }
    return done;
  }

  /** The process carries ids and key figures only; the full application stays in the database. */
  static Map<String, Object> variables(String applicationId, LoanApplication application) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("applicationId", applicationId);
    v.put("product", application.product().name());
    v.put("requestedAmount", application.requestedAmount());
    v.put("termMonths", application.termMonths());
    v.put("segment", application.applicant().segment().name());
    return v;
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
