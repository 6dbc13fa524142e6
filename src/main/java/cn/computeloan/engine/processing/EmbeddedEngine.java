package cn.computeloan.engine.processing;

import cn.computeloan.engine.api.*;
import cn.computeloan.engine.expression.FeelEvaluator;
import cn.computeloan.engine.model.ExecutableElement;
import cn.computeloan.engine.model.ExecutableProcess;
import cn.computeloan.engine.processing.element.ContainerProcessor;
import cn.computeloan.engine.record.ClockValue;
import cn.computeloan.engine.record.Record;
import cn.computeloan.engine.record.RecordListener;
import cn.computeloan.engine.record.ValueType;
import cn.computeloan.engine.state.ElementInstance;
import cn.computeloan.engine.state.EngineState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The embedded engine: one partition, one processing thread at a time (a lock), and a command loop
 * that runs each command with all its follow-ups before the next one starts. Records of each
 * command go to the {@link RecordListener}s in order.
 */
public final class EmbeddedEngine implements EngineCommands, AutoCloseable {

  private final ReentrantLock lock = new ReentrantLock();
  private final EngineClock clock;
  private final EngineState state = new EngineState();
  private final RecordWriter writer;
  private final ProcessingContext ctx;
  private final DeploymentBehavior deployments;
  private final JobWaiters waiters;
  private final InstanceResults results;
  private final Scheduler scheduler;
  private final List<RecordListener> listeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> afterUnlock = new ArrayList<>();

  public EmbeddedEngine(Clock systemClock) {
    this.clock = new EngineClock(systemClock);
    this.writer = new RecordWriter(clock);
    this.waiters = new JobWaiters(this);
    this.results = new InstanceResults(this);
    this.ctx = new ProcessingContext(state, writer, clock, new FeelEvaluator(clock::now), waiters::jobsAvailable,
        results::finished);
    this.deployments = new DeploymentBehavior(ctx);
    this.scheduler = new Scheduler(this);
    this.scheduler.start();
  }

  /** Runs a command under the engine lock, then delivers its records and pending answers. */
  <T> T run(Supplier<T> command) {
    List<Runnable> answers = List.of();
    boolean reschedule = false;
    lock.lock();
    try {
      try {
        T result = command.get();
        ctx.drain();
        waiters.serve();
        return result;
      } finally {
        List<Record> records = writer.drain();
        if (!records.isEmpty()) {
          listeners.forEach(l -> l.onRecords(records));
          reschedule = records.stream().anyMatch(EmbeddedEngine::changesSchedule);
        }
        answers = List.copyOf(afterUnlock);
        afterUnlock.clear();
      }
    } finally {
      lock.unlock();
      answers.forEach(Runnable::run);
      if (reschedule) {
        scheduler.wake();
      }
    }
  }

  private static boolean changesSchedule(Record record) {
    return switch (record.valueType()) {
      case TIMER, CLOCK, MESSAGE -> true;
      case JOB -> "FAILED".equals(record.intent()) || "TIMEOUT_UPDATED".equals(record.intent());
      default -> false;
    };
  }

  private void runVoid(Runnable command) {
    run(() -> {
      command.run();
      return null;
    });
  }

  /** Completes a future after the lock is released, so client code never runs under it. */
  void answerLater(Runnable answer) {
    afterUnlock.add(answer);
  }

  ProcessingContext context() { return ctx; }
  EngineClock clock() { return clock; }
  ReentrantLock lock() { return lock; }

  @Override
  public DeploymentResult deploy(List<DeploymentResource> resources, String tenantId) {
    return run(() -> deployments.deploy(resources));
  }

  @Override
  public CompletableFuture<CreatedInstance> createProcessInstance(CreateInstanceCommand command) {
    return run(() -> {
      ExecutableProcess process = resolve(command);
      List<ExecutableElement> startAt = new ArrayList<>();
      for (String id : command.startElementIds() == null ? List.<String>of() : command.startElementIds()) {
        ExecutableElement element = process.element(id);
        if (element == null) {
          throw EngineException.invalidArgument("Expected to create instance of process with start instructions but "
              + "no element found with id '%s'".formatted(id));
        }
        startAt.add(element);
      }
      if (startAt.isEmpty() && process.root().noneStartEvent() == null) {
        throw EngineException.invalidArgument(("Expected to create instance of process with none start event, but "
            + "there is no such event"));
      }
      ElementInstance root = ctx.newProcessInstance(process, -1, -1);
      if (!startAt.isEmpty()) {
        root.processorState(new ContainerProcessor.StartAt(startAt));
      }
      CompletableFuture<CreatedInstance> future = command.awaitCompletion()
          ? results.await(root, command.fetchVariables(), command.requestTimeoutMillis())
          : CompletableFuture.completedFuture(created(root, null));
      if (command.variables() != null) {
        ctx.variables().setLocal(root, command.variables());
      }
      ctx.activate(root);
      return future;
    });
  }

  static CreatedInstance created(ElementInstance root, Map<String, Object> variables) {
    ExecutableProcess p = root.process();
    return new CreatedInstance(p.key(), p.bpmnProcessId(), p.version(), root.key(), RecordWriter.TENANT, variables);
  }

  private ExecutableProcess resolve(CreateInstanceCommand command) {
    if (command.processDefinitionKey() > 0) {
      ExecutableProcess process = state.process(command.processDefinitionKey());
      if (process == null) {
        throw EngineException.notFound("process definition", command.processDefinitionKey());
      }
      return process;
    }
    ExecutableProcess process = command.version() < 0
        ? state.latestProcess(command.bpmnProcessId()) : state.process(command.bpmnProcessId(), command.version());
    if (process == null) {
      throw new EngineException(EngineException.Reason.NOT_FOUND, ("Expected to find process definition with process "
          + "ID '%s', but none found").formatted(command.bpmnProcessId()));
    }
    return process;
  }

  @Override
  public void cancelProcessInstance(long processInstanceKey) {
    runVoid(() -> {
      ElementInstance root = state.elementInstance(processInstanceKey);
      if (root == null || root.flowScope() != null) {
        throw EngineException.notFound("process instance", processInstanceKey);
      }
      if (root.parentElementInstanceKey() >= 0) {
        throw EngineException.invalidState(("Expected to cancel a process instance with key '%d', but it is created by a "
            + "parent process instance. Cancel the root process instance '%d' instead.")
            .formatted(processInstanceKey, root.parentProcessInstanceKey()));
      }
      ctx.terminateNow(root);
    });
  }

  @Override
  public CompletableFuture<List<ActivatedJob>> activateJobs(ActivateJobsCommand command) {
    return run(() -> waiters.activateOrWait(command));
  }

  @Override
  public void completeJob(long jobKey, Map<String, Object> variables, JobResult result) {
    runVoid(() -> ctx.jobs().complete(jobKey, variables, result));
  }

  @Override
  public void failJob(long jobKey, int retries, String errorMessage, long retryBackOffMillis, Map<String, Object> variables) {
    runVoid(() -> ctx.jobs().fail(jobKey, retries, errorMessage, retryBackOffMillis, variables));
  }

  @Override
  public void throwError(long jobKey, String errorCode, String errorMessage, Map<String, Object> variables) {
    runVoid(() -> ctx.jobs().throwError(jobKey, errorCode, errorMessage, variables));
  }

  @Override
  public void updateJob(long jobKey, Integer retries, Long timeoutMillis) {
    runVoid(() -> ctx.jobs().update(jobKey, retries, timeoutMillis));
  }

  @Override
  public long publishMessage(PublishMessageCommand c) {
    return run(() -> ctx.events().messages().publish(c.name(), c.correlationKey(), c.timeToLiveMillis(), c.messageId(),
        c.variables()));
  }

  @Override
  public long[] correlateMessage(String name, String correlationKey, Map<String, Object> variables, String tenantId) {
    return run(() -> ctx.events().messages().correlate(name, correlationKey, variables));
  }

  @Override
  public long broadcastSignal(String signalName, Map<String, Object> variables, String tenantId) {
    return run(() -> {
      return ctx.events().broadcastSignal(signalName, variables == null ? Map.of() : variables);
    });
  }

  @Override
  public void resolveIncident(long incidentKey) {
    runVoid(() -> ctx.incidents().resolve(incidentKey));
  }

  @Override
  public void setVariables(long elementInstanceKey, Map<String, Object> variables, boolean local) {
    runVoid(() -> {
      ElementInstance scope = state.elementInstance(elementInstanceKey);
      if (scope == null) {
        throw EngineException.notFound("element instance", elementInstanceKey);
      }
      if (local) {
        ctx.variables().setLocal(scope, variables);
      } else {
        ctx.variables().merge(scope, variables);
      }
    });
  }

  @Override
  public CompletableFuture<Void> completeUserTask(long userTaskKey, Map<String, Object> variables, String action,
      String actor) {
    return outsideLock(run(() -> ctx.userTasks().complete(userTaskKey, variables, action, actor)));
  }

  @Override
  public CompletableFuture<Void> assignUserTask(long userTaskKey, String assignee, String action, boolean allowOverride,
      String actor) {
    return outsideLock(run(() -> ctx.userTasks().assign(userTaskKey, assignee, action, allowOverride, actor)));
  }

  @Override
  public CompletableFuture<Void> unassignUserTask(long userTaskKey, String action, String actor) {
    return outsideLock(run(() -> ctx.userTasks().assign(userTaskKey, null, action, true, actor)));
  }

  @Override
  public CompletableFuture<Void> updateUserTask(long userTaskKey, UserTaskUpdate update, String actor) {
    return outsideLock(run(() -> ctx.userTasks().update(userTaskKey, update, actor)));
  }

  /** A listener job completed under the lock settles the answer; callers continue on another thread. */
  private static <T> CompletableFuture<T> outsideLock(CompletableFuture<T> answer) {
    return answer.isDone() ? answer : answer.thenApplyAsync(value -> value);
  }

  @Override
  public DecisionResult evaluateDecision(String decisionId, long decisionKey, Map<String, Object> variables, String tenantId) {
    return run(() -> {
      EngineState.DecisionDef decision = decisionKey > 0 ? state.decision(decisionKey) : state.latestDecision(decisionId);
      if (decision == null) {
        throw new EngineException(EngineException.Reason.NOT_FOUND, decisionKey > 0
            ? "Expected to evaluate decision with key '%d', but no such decision was found".formatted(decisionKey)
            : "Expected to evaluate decision '%s', but no decision found for id '%s'".formatted(decisionId, decisionId));
      }
      DecisionBehavior.Evaluation evaluation = ctx.decisions().evaluate(decision,
          variables == null ? Map.of() : variables, null);
      long key = state.nextKey();
      writer.append(key, ValueType.DECISION_EVALUATION, evaluation.failed() ? "FAILED" : "EVALUATED", evaluation.value());
      if (evaluation.failed()) {
        throw EngineException.invalidArgument("Expected to evaluate decision '%s', but %s"
            .formatted(decision.decisionId(), evaluation.value().evaluationFailureMessage()));
      }
      return new DecisionResult(key, evaluation.value());
    });
  }

  @Override
  public Instant currentTime() {
    return clock.now();
  }

  @Override
  public void pinClock(Instant instant) {
    runVoid(() -> {
      clock.pin(instant);
      writer.append(-1, ValueType.CLOCK, "PINNED", new ClockValue(clock.millis()));
    });
  }

  @Override
  public void addClockOffset(long millis) {
    runVoid(() -> {
      clock.add(millis);
      writer.append(-1, ValueType.CLOCK, "PINNED", new ClockValue(clock.millis()));
    });
  }

  @Override
  public void resetClock() {
    runVoid(() -> {
      clock.reset();
      writer.append(-1, ValueType.CLOCK, "RESET", new ClockValue(clock.millis()));
    });
  }

  @Override
  public void purge() {
    runVoid(() -> {
      state.clear();
      ctx.userTasks().abandonAnswers();
      waiters.clear();
      results.clear();
    });
  }

  @Override
  public void addRecordListener(RecordListener listener) {
    listeners.add(listener);
  }

  /** Fires due timers, times out jobs and expires messages; returns the next due time. */
  long processDue() {
    return run(() -> {
      long now = clock.millis();
      long next = ctx.events().fireDueTimers(now);
      next = Math.min(next, ctx.jobs().processDue(now));
      next = Math.min(next, ctx.events().messages().expire(now));
      return next;
    });
  }

  @Override
  public void close() {
    scheduler.stop();
    waiters.clear();
  }
}
