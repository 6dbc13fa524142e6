package cn.computeloan.engine.testing;

import cn.computeloan.engine.api.ActivateJobsCommand;
import cn.computeloan.engine.api.ActivatedJob;
import cn.computeloan.engine.api.CreateInstanceCommand;
import cn.computeloan.engine.api.CreatedInstance;
import cn.computeloan.engine.api.DecisionResult;
import cn.computeloan.engine.api.DeploymentResource;
import cn.computeloan.engine.api.DeploymentResult;
import cn.computeloan.engine.api.EngineCommands;
import cn.computeloan.engine.api.EngineException;
import cn.computeloan.engine.api.JobResult;
import cn.computeloan.engine.api.PublishMessageCommand;
import cn.computeloan.engine.api.UserTaskUpdate;
import cn.computeloan.engine.record.Record;
import cn.computeloan.engine.record.RecordListener;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the engine in web tests: it logs the commands it receives, answers with
 * predictable keys, writes the records a test asks for to the listeners, and hands out jobs a
 * test offers to a waiting long poll. Keys unknown to it (>= {@link #UNKNOWN_KEY}) are refused.
 */
public class FakeEngine implements EngineCommands {

  public static final long UNKNOWN_KEY = 9_000_000;
  /** A user task whose completion fails unexpectedly, with {@link #FAILURE_MESSAGE} (thrown at once). */
  public static final long FAILING_KEY = 8_000_000;
  /** A user task whose completion fails unexpectedly later (a failed future). */
  public static final long FAILING_LATER_KEY = 8_000_001;
  /** What the unexpected failures say: nothing of it may reach a caller. */
  public static final String FAILURE_MESSAGE = "SELECT password FROM engine_users WHERE name = 'root'";
  private static final Pattern PROCESS_ID = Pattern.compile("<(?:\\w+:)?process id=\"([^\"]+)\"");

  public final List<String> calls = new CopyOnWriteArrayList<>();
  public final Records records = new Records();
  private final List<RecordListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong keys = new AtomicLong(2_251_799_813_685_249L);
  private final AtomicReference<CompletableFuture<List<ActivatedJob>>> waitingPoll = new AtomicReference<>();
  private final AtomicLong clock = new AtomicLong(Records.START_TIME);
  public volatile int purges;

  public void emit(Record... batch) {
    listeners.forEach(listener -> listener.onRecords(List.of(batch)));
  }

  /** Hands the job to the long poll waiting now (if any). */
  public boolean offer(ActivatedJob job) {
    CompletableFuture<List<ActivatedJob>> poll = waitingPoll.getAndSet(null);
    return poll != null && poll.complete(List.of(job));
  }

  public boolean hasWaitingPoll() {
    return waitingPoll.get() != null;
  }

  public void reset() {
    calls.clear();
    purges = 0;
  }

  private void refuseUnknown(String what, long key) {
    if (key >= UNKNOWN_KEY && key < UNKNOWN_KEY + 1000) {
      throw EngineException.notFound(what, key);
    }
  }

  @Override
  public DeploymentResult deploy(List<DeploymentResource> resources, String tenantId) {
    calls.add("deploy " + resources.size());
    long deploymentKey = keys.incrementAndGet();
    List<DeploymentResult.Deployed> deployed = new ArrayList<>();
    for (DeploymentResource resource : resources) {
      String xml = new String(resource.content(), StandardCharsets.UTF_8);
      Matcher id = PROCESS_ID.matcher(xml);
      if (!id.find()) {
        throw EngineException.invalidArgument("No process in " + resource.name());
      }
      long key = keys.incrementAndGet();
      emit(records.process(key, id.group(1), 1, xml));
      deployed.add(new DeploymentResult.Deployed(
          DeploymentResult.Kind.PROCESS, id.group(1), id.group(1), 1, key, resource.name(), null, -1, tenantId));
    }
    return new DeploymentResult(deploymentKey, tenantId, deployed);
  }

  @Override
  public CompletableFuture<CreatedInstance> createProcessInstance(CreateInstanceCommand command) {
    calls.add("create " + command.bpmnProcessId() + " " + command.variables() + " await=" + command.awaitCompletion());
    long key = keys.incrementAndGet();
    emit(records.instance(key, "ELEMENT_ACTIVATING"), records.instance(key, "ELEMENT_ACTIVATED"));
    return CompletableFuture.completedFuture(new CreatedInstance(
        100, command.bpmnProcessId(), 1, key, command.tenantId(), command.awaitCompletion() ? Map.of("done", true) : Map.of()));
  }

  @Override
  public void cancelProcessInstance(long processInstanceKey) {
    refuseUnknown("process instance", processInstanceKey);
    calls.add("cancel " + processInstanceKey);
  }

  @Override
  public CompletableFuture<List<ActivatedJob>> activateJobs(ActivateJobsCommand command) {
    calls.add("activate " + command.type() + " timeout=" + command.requestTimeoutMillis());
    CompletableFuture<List<ActivatedJob>> poll = new CompletableFuture<>();
    waitingPoll.set(poll);
    return poll.completeOnTimeout(List.of(), command.requestTimeoutMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void completeJob(long jobKey, Map<String, Object> variables, JobResult result) {
    refuseUnknown("job", jobKey);
    calls.add("complete " + jobKey + " " + variables);
  }

  @Override
  public void failJob(long jobKey, int retries, String errorMessage, long retryBackOffMillis, Map<String, Object> variables) {
    refuseUnknown("job", jobKey);
    calls.add("fail " + jobKey + " retries=" + retries + " " + errorMessage);
  }

  @Override
  public void throwError(long jobKey, String errorCode, String errorMessage, Map<String, Object> variables) {
    refuseUnknown("job", jobKey);
    calls.add("error " + jobKey + " " + errorCode);
  }

  @Override
  public void updateJob(long jobKey, Integer retries, Long timeoutMillis) {
    calls.add("update " + jobKey + " retries=" + retries + " timeout=" + timeoutMillis);
  }

  @Override
  public long publishMessage(PublishMessageCommand command) {
    calls.add("publish " + command.name() + " " + command.correlationKey());
    return keys.incrementAndGet();
  }

  @Override
  public long[] correlateMessage(String name, String correlationKey, Map<String, Object> variables, String tenantId) {
    calls.add("correlate " + name);
    return new long[] {keys.incrementAndGet(), 1};
  }

  @Override
  public long broadcastSignal(String signalName, Map<String, Object> variables, String tenantId) {
    calls.add("signal " + signalName);
    return keys.incrementAndGet();
  }

  @Override
  public void resolveIncident(long incidentKey) {
    refuseUnknown("incident", incidentKey);
    calls.add("resolve " + incidentKey);
  }

  @Override
  public void setVariables(long elementInstanceKey, Map<String, Object> variables, boolean local) {
    calls.add("variables " + elementInstanceKey + " " + variables + " local=" + local);
  }

  @Override
  public CompletableFuture<Void> completeUserTask(long userTaskKey, Map<String, Object> variables, String action, String actor) {
    refuseUnknown("user task", userTaskKey);
    if (userTaskKey == FAILING_KEY) {
      throw new IllegalStateException(FAILURE_MESSAGE);
    }
    if (userTaskKey == FAILING_LATER_KEY) {
      return CompletableFuture.failedFuture(new IllegalStateException(FAILURE_MESSAGE));
    }
    calls.add("completeTask " + userTaskKey + " " + variables + " action=" + action + " actor=" + actor);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> assignUserTask(long userTaskKey, String assignee, String action, boolean allowOverride,
      String actor) {
    if (userTaskKey == UNKNOWN_KEY + 1) {
      throw EngineException.invalidState("The user task is already assigned");
    }
    calls.add("assign " + userTaskKey + " " + assignee + " action=" + action + " override=" + allowOverride);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> unassignUserTask(long userTaskKey, String action, String actor) {
    calls.add("unassign " + userTaskKey);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> updateUserTask(long userTaskKey, UserTaskUpdate update, String actor) {
    calls.add("updateTask " + userTaskKey + " priority=" + update.priority() + " groups=" + update.candidateGroups());
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public DecisionResult evaluateDecision(String decisionId, long decisionKey, Map<String, Object> variables, String tenantId) {
    throw EngineException.notFound("decision", decisionKey);
  }

  @Override
  public Instant currentTime() {
    return Instant.ofEpochMilli(clock.get());
  }

  @Override
  public void pinClock(Instant instant) {
    clock.set(instant.toEpochMilli());
  }

  @Override
  public void addClockOffset(long millis) {
    clock.addAndGet(millis);
  }

  @Override
  public void resetClock() {
    clock.set(Records.START_TIME);
  }

  @Override
  public void purge() {
    purges++;
  }

  @Override
  public void addRecordListener(RecordListener listener) {
    listeners.add(listener);
  }
}
