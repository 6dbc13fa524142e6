package cn.computeloan.engine.processing;

import cn.computeloan.engine.api.ActivateJobsCommand;
import cn.computeloan.engine.api.CreateInstanceCommand;
import cn.computeloan.engine.api.CreatedInstance;
import cn.computeloan.engine.api.DecisionResult;
import cn.computeloan.engine.api.EngineCommand;
import cn.computeloan.engine.api.EngineCommand.*;
import cn.computeloan.engine.api.EngineException;
import cn.computeloan.engine.api.PublishMessageCommand;
import cn.computeloan.engine.model.ExecutableElement;
import cn.computeloan.engine.model.ExecutableProcess;
import cn.computeloan.engine.processing.behavior.DecisionBehavior;
import cn.computeloan.engine.processing.behavior.DeploymentBehavior;
import cn.computeloan.engine.processing.behavior.EngineClock;
import cn.computeloan.engine.processing.behavior.ProcessingContext;
import cn.computeloan.engine.processing.behavior.RecordWriter;
import cn.computeloan.engine.record.ClockValue;
import cn.computeloan.engine.record.ValueType;
import cn.computeloan.engine.state.ElementInstance;
import cn.computeloan.engine.state.EngineState;
import cn.computeloan.engine.state.ProcessorState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Applies one {@link EngineCommand} to the engine's state, under the engine lock. The same code runs
 * a command when it arrives and when the journal is replayed; in replay nobody waits for an answer,
 * so long polls and create-with-result are not registered.
 */
final class CommandHandler {

  private final EngineState state;
  private final ProcessingContext ctx;
  private final RecordWriter writer;
  private final EngineClock clock;
  private final DeploymentBehavior deployments;
  private final JobWaiters waiters;
  private final InstanceResults results;
  private final Runnable purged;
  private final Dispatch live = new Dispatch(false);
  private final Dispatch replaying = new Dispatch(true);

  CommandHandler(EngineState state, ProcessingContext ctx, RecordWriter writer, EngineClock clock, JobWaiters waiters,
      InstanceResults results, Runnable purged) {
    this.state = state;
    this.ctx = ctx;
    this.writer = writer;
    this.clock = clock;
    this.deployments = new DeploymentBehavior(ctx);
    this.waiters = waiters;
    this.results = results;
    this.purged = purged;
  }

  Object handle(EngineCommand command, boolean replay) {
    return command.accept(replay ? replaying : live);
  }

  /** One method per command; in replay nobody waits, so long polls and results are not registered. */
  private final class Dispatch implements EngineCommand.Visitor<Object> {

    private final boolean replay;

    Dispatch(boolean replay) {
      this.replay = replay;
    }

    @Override
    public Object activateJobs(ActivateJobsCommand c) {
      return replay ? CompletableFuture.completedFuture(waiters.activateNow(c)) : waiters.activateOrWait(c);
    }

    @Override
    public Object completeJob(CompleteJob c) {
      ctx.jobs().complete(c.jobKey(), c.variables(), c.result());
      return null;
    }

    @Override
    public Object createInstance(CreateInstanceCommand c) {
      return CommandHandler.this.createInstance(c, replay);
    }

    @Override
    public Object processDue(ProcessDue c) {
      return CommandHandler.this.processDue();
    }

    @Override
    public Object failJob(FailJob c) {
      ctx.jobs().fail(c.jobKey(), c.retries(), c.errorMessage(), c.retryBackOffMillis(), c.variables());
      return null;
    }

    @Override
    public Object throwError(ThrowError c) {
      ctx.jobs().throwError(c.jobKey(), c.errorCode(), c.errorMessage(), c.variables());
      return null;
    }

    @Override
    public Object updateJob(UpdateJob c) {
      ctx.jobs().update(c.jobKey(), c.retries(), c.timeoutMillis());
      return null;
    }

    @Override
    public Object publishMessage(PublishMessageCommand p) {
      return ctx.events().messages().publish(p.name(), p.correlationKey(), p.timeToLiveMillis(), p.messageId(),
          p.variables());
    }

    @Override
    public Object correlateMessage(CorrelateMessage c) {
      return ctx.events().messages().correlate(c.name(), c.correlationKey(), c.variables());
    }

    @Override
    public Object broadcastSignal(BroadcastSignal c) {
      return ctx.events().broadcastSignal(c.signalName(), c.variables() == null ? Map.of() : c.variables());
    }

    @Override
    public Object resolveIncident(ResolveIncident c) {
      ctx.incidents().resolve(c.incidentKey());
      return null;
    }

    @Override
    public Object setVariables(SetVariables c) {
      CommandHandler.this.setVariables(c);
      return null;
    }

    @Override
    public Object completeUserTask(CompleteUserTask c) {
      return ctx.userTasks().complete(c.userTaskKey(), c.variables(), c.action(), c.actor());
    }

    @Override
    public Object assignUserTask(AssignUserTask c) {
      return ctx.userTasks().assign(c.userTaskKey(), c.assignee(), c.action(), c.allowOverride(), c.actor());
    }

    @Override
    public Object updateUserTask(UpdateUserTask c) {
      return ctx.userTasks().update(c.userTaskKey(), c.update(), c.actor());
    }

    @Override
    public Object evaluateDecision(EvaluateDecision c) {
      return CommandHandler.this.evaluateDecision(c);
    }

    @Override
    public Object deploy(Deploy c) {
      return deployments.deploy(c.resources());
    }

    @Override
    public Object cancelInstance(CancelInstance c) {
      cancel(c.processInstanceKey());
      return null;
    }

    @Override
    public Object pinClock(PinClock c) {
      clock.pin(Instant.ofEpochMilli(c.epochMillis()));
      writer.append(-1, ValueType.CLOCK, "PINNED", new ClockValue(clock.millis()));
      return null;
    }

    @Override
    public Object addClockOffset(AddClockOffset c) {
      clock.add(c.millis());
      writer.append(-1, ValueType.CLOCK, "PINNED", new ClockValue(clock.millis()));
      return null;
    }

    @Override
    public Object resetClock(ResetClock c) {
      clock.reset();
      writer.append(-1, ValueType.CLOCK, "RESET", new ClockValue(clock.millis()));
      return null;
    }

    @Override
    public Object purge(Purge c) {
      state.clear();
      ctx.userTasks().abandonAnswers();
      waiters.clear();
      results.clear();
      purged.run();
      return null;
    }
  }

  private CompletableFuture<CreatedInstance> createInstance(CreateInstanceCommand command, boolean replay) {
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
      root.processorState(new ProcessorState.StartAt(startAt));
    }
    CompletableFuture<CreatedInstance> future = command.awaitCompletion() && !replay
        ? results.await(root, command.fetchVariables(), command.requestTimeoutMillis())
        : CompletableFuture.completedFuture(EmbeddedEngine.created(root, null));
    if (command.variables() != null) {
      ctx.variables().setLocal(root, command.variables());
    }
    ctx.activate(root);
    return future;
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

  private void cancel(long processInstanceKey) {
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
  }

  private void setVariables(SetVariables c) {
    ElementInstance scope = state.elementInstance(c.elementInstanceKey());
    if (scope == null) {
      throw EngineException.notFound("element instance", c.elementInstanceKey());
    }
    if (c.local()) {
      ctx.variables().setLocal(scope, c.variables());
    } else {
      ctx.variables().merge(scope, c.variables());
    }
  }

  private DecisionResult evaluateDecision(EvaluateDecision c) {
    EngineState.DecisionDef decision = c.decisionKey() > 0 ? state.decision(c.decisionKey())
        : state.latestDecision(c.decisionId());
    if (decision == null) {
      throw new EngineException(EngineException.Reason.NOT_FOUND, c.decisionKey() > 0
          ? "Expected to evaluate decision with key '%d', but no such decision was found".formatted(c.decisionKey())
          : "Expected to evaluate decision '%s', but no decision found for id '%s'".formatted(c.decisionId(),
              c.decisionId()));
    }
    DecisionBehavior.Evaluation evaluation = ctx.decisions().evaluate(decision,
        c.variables() == null ? Map.of() : c.variables(), null);
    long key = state.nextKey();
    writer.append(key, ValueType.DECISION_EVALUATION, evaluation.failed() ? "FAILED" : "EVALUATED", evaluation.value());
    if (evaluation.failed()) {
      throw EngineException.invalidArgument("Expected to evaluate decision '%s', but %s"
          .formatted(decision.decisionId(), evaluation.value().evaluationFailureMessage()));
    }
    return new DecisionResult(key, evaluation.value());
  }

  /** Fires due timers, times out jobs and expires messages; returns the next due time. */
  private Long processDue() {
    long now = clock.millis();
    long next = ctx.events().fireDueTimers(now);
    next = Math.min(next, ctx.jobs().processDue(now));
    next = Math.min(next, ctx.events().messages().expire(now));
    return next;
  }
}
