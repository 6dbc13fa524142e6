package cn.computeloan.engine.journal;

import cn.computeloan.engine.api.ActivateJobsCommand;
import cn.computeloan.engine.api.CreateInstanceCommand;
import cn.computeloan.engine.api.DeploymentResource;
import cn.computeloan.engine.api.JobResult;
import cn.computeloan.engine.api.PublishMessageCommand;
import cn.computeloan.engine.api.UserTaskUpdate;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/**
 * One command given to the engine, as data: what the journal stores and what replay feeds back in.
 * Replaying the journalled commands in order, each at its recorded engine time, rebuilds the
 * engine's state exactly, because processing is deterministic given the commands and the clock.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = EngineCommand.Deploy.class, name = "deploy"),
    @JsonSubTypes.Type(value = EngineCommand.CreateInstance.class, name = "create-instance"),
    @JsonSubTypes.Type(value = EngineCommand.CancelInstance.class, name = "cancel-instance"),
    @JsonSubTypes.Type(value = EngineCommand.ActivateJobs.class, name = "activate-jobs"),
    @JsonSubTypes.Type(value = EngineCommand.CompleteJob.class, name = "complete-job"),
    @JsonSubTypes.Type(value = EngineCommand.FailJob.class, name = "fail-job"),
    @JsonSubTypes.Type(value = EngineCommand.ThrowError.class, name = "throw-error"),
    @JsonSubTypes.Type(value = EngineCommand.UpdateJob.class, name = "update-job"),
    @JsonSubTypes.Type(value = EngineCommand.PublishMessage.class, name = "publish-message"),
    @JsonSubTypes.Type(value = EngineCommand.CorrelateMessage.class, name = "correlate-message"),
    @JsonSubTypes.Type(value = EngineCommand.BroadcastSignal.class, name = "broadcast-signal"),
    @JsonSubTypes.Type(value = EngineCommand.ResolveIncident.class, name = "resolve-incident"),
    @JsonSubTypes.Type(value = EngineCommand.SetVariables.class, name = "set-variables"),
    @JsonSubTypes.Type(value = EngineCommand.CompleteUserTask.class, name = "complete-user-task"),
    @JsonSubTypes.Type(value = EngineCommand.AssignUserTask.class, name = "assign-user-task"),
    @JsonSubTypes.Type(value = EngineCommand.UpdateUserTask.class, name = "update-user-task"),
    @JsonSubTypes.Type(value = EngineCommand.EvaluateDecision.class, name = "evaluate-decision"),
    @JsonSubTypes.Type(value = EngineCommand.PinClock.class, name = "pin-clock"),
    @JsonSubTypes.Type(value = EngineCommand.AddClockOffset.class, name = "add-clock-offset"),
    @JsonSubTypes.Type(value = EngineCommand.ResetClock.class, name = "reset-clock"),
    @JsonSubTypes.Type(value = EngineCommand.Purge.class, name = "purge"),
    @JsonSubTypes.Type(value = EngineCommand.ProcessDue.class, name = "process-due"),
})
public sealed interface EngineCommand {

  /** Whether the command is journalled even when it writes no record (it changes the clock or forgets state). */
  default boolean alwaysJournalled() {
    return false;
  }

  record Deploy(List<DeploymentResource> resources) implements EngineCommand {}

  record CreateInstance(CreateInstanceCommand command) implements EngineCommand {}

  record CancelInstance(long processInstanceKey) implements EngineCommand {}

  /** Also journalled for each long poll served while another command ran (then with no request timeout). */
  record ActivateJobs(ActivateJobsCommand command) implements EngineCommand {}

  record CompleteJob(long jobKey, Map<String, Object> variables, JobResult result) implements EngineCommand {}

  record FailJob(long jobKey, int retries, String errorMessage, long retryBackOffMillis, Map<String, Object> variables)
      implements EngineCommand {}

  record ThrowError(long jobKey, String errorCode, String errorMessage, Map<String, Object> variables)
      implements EngineCommand {}

  record UpdateJob(long jobKey, Integer retries, Long timeoutMillis) implements EngineCommand {}

  record PublishMessage(PublishMessageCommand command) implements EngineCommand {}

  record CorrelateMessage(String name, String correlationKey, Map<String, Object> variables) implements EngineCommand {}

  record BroadcastSignal(String signalName, Map<String, Object> variables) implements EngineCommand {}

  record ResolveIncident(long incidentKey) implements EngineCommand {}

  record SetVariables(long elementInstanceKey, Map<String, Object> variables, boolean local) implements EngineCommand {}

  record CompleteUserTask(long userTaskKey, Map<String, Object> variables, String action, String actor)
      implements EngineCommand {}

  /** A null assignee unassigns. */
  record AssignUserTask(long userTaskKey, String assignee, String action, boolean allowOverride, String actor)
      implements EngineCommand {}

  record UpdateUserTask(long userTaskKey, UserTaskUpdate update, String actor) implements EngineCommand {}

  record EvaluateDecision(String decisionId, long decisionKey, Map<String, Object> variables) implements EngineCommand {}

  record PinClock(long epochMillis) implements EngineCommand {
    @Override
    public boolean alwaysJournalled() {
      return true;
    }
  }

  record AddClockOffset(long millis) implements EngineCommand {
    @Override
    public boolean alwaysJournalled() {
      return true;
    }
  }

  record ResetClock() implements EngineCommand {
    @Override
    public boolean alwaysJournalled() {
      return true;
    }
  }

  record Purge() implements EngineCommand {
    @Override
    public boolean alwaysJournalled() {
      return true;
    }
  }

  /** The scheduler's tick: fire due timers, time out jobs, expire messages (journalled when it did something). */
  record ProcessDue() implements EngineCommand {}
}
