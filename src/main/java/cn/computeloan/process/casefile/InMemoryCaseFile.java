package cn.computeloan.process.casefile;

import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.process.ApplicationStatus;
import cn.computeloan.process.CaseFile;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The case file kept in memory: the fallback when the application provides no persistent one (a
 * process test, a demo without database). Thread-safe; a write repeated by a retried job (same job
 * key and step, or same job key and status) is ignored, as the {@link CaseFile} contract asks.
 */
public class InMemoryCaseFile implements CaseFile {

  /** One recorded step. */
  public record Step(String applicationId, String step, Object result, String policyVersion, String actor,
      ProcessRef process, Instant recordedAt) {}

  /** One status change. */
  public record StatusChange(String applicationId, ApplicationStatus status, String actor, ProcessRef process,
      Instant changedAt) {}

  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private final Clock clock;
  private final Map<String, LoanApplication> applications = new ConcurrentHashMap<>();
  private final Map<String, List<Step>> steps = new ConcurrentHashMap<>();
  private final Map<String, List<StatusChange>> statuses = new ConcurrentHashMap<>();
  private final Set<String> writes = ConcurrentHashMap.newKeySet();

  public InMemoryCaseFile() {
    this(Clock.systemUTC());
  }

  public InMemoryCaseFile(Clock clock) {
    this.clock = clock;
  }

  /** Files an application (a new one, or a supplemented version replacing the old). */
  public void store(LoanApplication application) {
    if (application.applicationId() == null || application.applicationId().isBlank()) {
      throw new IllegalArgumentException("an application in the case file needs an applicationId");
    }
    applications.put(application.applicationId(), application);
  }

  @Override
  public Optional<LoanApplication> application(String applicationId) {
    return Optional.ofNullable(applicationId == null ? null : applications.get(applicationId));
  }

  @Override
  public void recordStep(String applicationId, String step, Object result, String policyVersion, String actor,
      ProcessRef process) {
    if (firstWrite(process, "step:" + step)) {
      steps.computeIfAbsent(applicationId, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
          .add(new Step(applicationId, step, result, policyVersion, actor, process, clock.instant()));
    }
  }

  @Override
  public List<String> actors(String applicationId, String step) {
    return steps(applicationId).stream().filter(s -> s.step().equals(step)).map(Step::actor).toList();
  }

  @Override
  public List<RecordedStep> recorded(String applicationId, String step) {
    return steps(applicationId).stream().filter(s -> s.step().equals(step))
        .map(s -> new RecordedStep(s.step(), asJson(s.result()), s.policyVersion(), s.actor(), s.recordedAt(),
            s.process() == null ? null : s.process().elementId()))
        .toList();
  }

  /** The result as the JDBC case file returns it: through JSON, so both read alike. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> asJson(Object result) {
    try {
      return JSON.readValue(JSON.writeValueAsString(result), Map.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("step result cannot be read as JSON", e);
    }
  }

  @Override
  public void changeStatus(String applicationId, ApplicationStatus status, String actor, ProcessRef process) {
    if (firstWrite(process, "status:" + status)) {
      statuses.computeIfAbsent(applicationId, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
          .add(new StatusChange(applicationId, status, actor, process, clock.instant()));
    }
  }

  /** Every step recorded for the application, oldest first. */
  public List<Step> steps(String applicationId) {
    return List.copyOf(steps.getOrDefault(applicationId, List.of()));
  }

  /** Every status change of the application, oldest first. */
  public List<StatusChange> statusHistory(String applicationId) {
    return List.copyOf(statuses.getOrDefault(applicationId, List.of()));
  }

  /** The current status, or empty if it never changed. */
  public Optional<ApplicationStatus> status(String applicationId) {
    List<StatusChange> history = statusHistory(applicationId);
    return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1).status());
  }

  private boolean firstWrite(ProcessRef process, String what) {
    if (process == null || process.jobKey() <= 0) {
      return true;
    }
    return writes.add(process.jobKey() + "/" + what);
  }
}
