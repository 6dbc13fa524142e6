package cn.computeloan.engine.api;

import java.util.List;
import java.util.Map;

/**
 * One command given to the engine, as data: what the engine runs, what the journal stores and what
 * replay feeds back in. Replaying the journalled commands in order, each at its recorded engine
 * time, rebuilds the engine's state exactly, because processing is deterministic given the commands
 * and the clock. Sealed and dispatched through {@link Visitor}: a new command is a compile error in
 * every visitor (the command handler, the journal's names) until it is handled there.
 */
public sealed interface EngineCommand permits CreateInstanceCommand, ActivateJobsCommand, PublishMessageCommand,
    EngineCommand.Deploy, EngineCommand.CancelInstance, EngineCommand.CompleteJob, EngineCommand.FailJob,
    EngineCommand.ThrowError, EngineCommand.UpdateJob, EngineCommand.CorrelateMessage, EngineCommand.BroadcastSignal,
    EngineCommand.ResolveIncident, EngineCommand.SetVariables, EngineCommand.CompleteUserTask,
    EngineCommand.AssignUserTask, EngineCommand.UpdateUserTask, EngineCommand.EvaluateDecision, EngineCommand.PinClock,
    EngineCommand.AddClockOffset, EngineCommand.ResetClock, EngineCommand.Purge, EngineCommand.ProcessDue {

  <R> R accept(Visitor<R> visitor);

  /** Whether the command is journalled even when it writes no record (it changes the clock or forgets state). */
  default boolean alwaysJournalled() {
    return false;
  }

  /** One method per command. */
  interface Visitor<R> {
    R deploy(Deploy c);

    R createInstance(CreateInstanceCommand c);

    R cancelInstance(CancelInstance c);

    R activateJobs(ActivateJobsCommand c);

    R completeJob(CompleteJob c);

    R failJob(FailJob c);

    R throwError(ThrowError c);

    R updateJob(UpdateJob c);

    R publishMessage(PublishMessageCommand c);

    R correlateMessage(CorrelateMessage c);

    R broadcastSignal(BroadcastSignal c);

    R resolveIncident(ResolveIncident c);

    R setVariables(SetVariables c);

    R completeUserTask(CompleteUserTask c);

    R assignUserTask(AssignUserTask c);

    R updateUserTask(UpdateUserTask c);

    R evaluateDecision(EvaluateDecision c);

    R pinClock(PinClock c);

    R addClockOffset(AddClockOffset c);

    R resetClock(ResetClock c);

    R purge(Purge c);

    R processDue(ProcessDue c);
  }

  record Deploy(List<DeploymentResource> resources) implements EngineCommand {
    @Override
    public <R> R accept(Visitor<R> visitor) { return visitor.deploy(this); }
  }

  record CancelInstance(long processInstanceKey) implements EngineCommand {
    @Override
    public <R> R accept(Visitor<R> visitor) { return visitor.cancelInstance(this); }
  }

  record CompleteJob(long jobKey, Map<String, Object> variables, JobResult result) implements EngineCommand {
    @Override
    public <R> R accept(Visitor<R> visitor) { return visitor.completeJob(this); }
  }

  record FailJob(long jobKey, int retries, String errorMessage, long retryBackOffMillis, Map<String, Object> variables)
      implements EngineCommand {
    @Override
    public <R> R accept(Visitor<R> visitor) { return visitor.failJob(this); }
  }

  record ThrowError(long jobKey, String errorCode, String errorMessage, Map<String, Object> variables)
      implements EngineCommand {
    @Override
    public <R> R accept(Visitor<R> visitor) { return visitor.throwError(this); }
  }

  record UpdateJob(long jobKey, Integer retries, Long timeoutMillis) implements EngineCommand {
    @Override
    public <R> R accept(Visitor<R> visitor) { return visitor.updateJob(this); }
  }

  record CorrelateMessage(String name, String correlationKey, Map<String, Object> variables) implements EngineCommand {
    @Override
    public <R> R accept(Visitor<R> visitor) { return visitor.correlateMessage(this); }
  }

  record BroadcastSignal(String signalName, Map<String, Object> variables) implements EngineCommand {
    @Override
    public <R> R accept(Visitor<R> visitor) { return visitor.broadcastSignal(this); }
  }

  record ResolveIncident(long incidentKey) implements EngineCommand {
    @Override
    public <R> R accept(Visitor<R> visitor) { return visitor.resolveIncident(this); }
  }

  record SetVariables(long elementInstanceKey, Map<String, Object> variables, boolean local) implements EngineCommand {
    @Override
    public <R> R accept(Visitor<R> visitor) { return visitor.setVariables(this); }
  }

  record CompleteUserTask(long userTaskKey, Map<String, Object> variables, String action, String actor)
      implements EngineCommand {
    @Override
    public <R> R accept(Visitor<R> visitor) { return visitor.completeUserTask(this); }
  }

  /** A null assignee unassigns. */
  record AssignUserTask(long userTaskKey, String assignee, String action, boolean allowOverride, String actor)
      implements EngineCommand {
    @Override
    public <R> R accept(Visitor<R> visitor) { return visitor.assignUserTask(this); }
  }

  record UpdateUserTask(long userTaskKey, UserTaskUpdate update, String actor) implements EngineCommand {
    @Override
    public <R> R accept(Visitor<R> visitor) { return visitor.updateUserTask(this); }
  }

  record EvaluateDecision(String decisionId, long decisionKey, Map<String, Object> variables) implements EngineCommand {
    @Override
    public <R> R accept(Visitor<R> visitor) { return visitor.evaluateDecision(this); }
  }

  record PinClock(long epochMillis) implements EngineCommand {
    @Override
    public <R> R accept(Visitor<R> visitor) { return visitor.pinClock(this); }

    @Override
    public boolean alwaysJournalled() { return true; }
  }

  record AddClockOffset(long millis) implements EngineCommand {
    @Override
    public <R> R accept(Visitor<R> visitor) { return visitor.addClockOffset(this); }

    @Override
    public boolean alwaysJournalled() { return true; }
  }

  record ResetClock() implements EngineCommand {
    @Override
    public <R> R accept(Visitor<R> visitor) { return visitor.resetClock(this); }

    @Override
    public boolean alwaysJournalled() { return true; }
  }

  record Purge() implements EngineCommand {
    @Override
    public <R> R accept(Visitor<R> visitor) { return visitor.purge(this); }

    @Override
    public boolean alwaysJournalled() { return true; }
  }

  /** The scheduler's tick: fire due timers, time out jobs, expire messages (journalled when it did something). */
  record ProcessDue() implements EngineCommand {
    @Override
    public <R> R accept(Visitor<R> visitor) { return visitor.processDue(this); }
  }
}
