package cn.computeloan.engine.api;

import cn.computeloan.engine.record.RecordListener;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The write side of the embedded engine: every command the Camunda 8 REST API (v2) accepts. Each
 * method runs the command and all its follow-ups to a quiet state before it returns, so the caller
 * sees the effects in the records delivered to {@link RecordListener}s. A refused command throws
 * {@link EngineException}.
 *
 * <p>{@code actor} is the authenticated user name issuing a user-task command (null when the API
 * runs unauthenticated).
 */
public interface EngineCommands {

  DeploymentResult deploy(List<DeploymentResource> resources, String tenantId);

  /** Completes when the instance was created (or, if awaited, completed). */
  CompletableFuture<CreatedInstance> createProcessInstance(CreateInstanceCommand command);

  void cancelProcessInstance(long processInstanceKey);

  /** Completes with at least one job, or with none when the request timeout passes. */
  CompletableFuture<List<ActivatedJob>> activateJobs(ActivateJobsCommand command);

  void completeJob(long jobKey, Map<String, Object> variables, JobResult result);

  void failJob(long jobKey, int retries, String errorMessage, long retryBackOffMillis, Map<String, Object> variables);

  void throwError(long jobKey, String errorCode, String errorMessage, Map<String, Object> variables);

  /** Null leaves the value unchanged. */
  void updateJob(long jobKey, Integer retries, Long timeoutMillis);

  /** @return the message key */
  long publishMessage(PublishMessageCommand command);

  /**
   * Correlates a message to a waiting subscription or a message start event, without buffering.
   *
   * @return message key and process instance key, or NOT_FOUND when nothing waited for it
   */
  long[] correlateMessage(String name, String correlationKey, Map<String, Object> variables, String tenantId);

  /** @return the signal key */
  long broadcastSignal(String signalName, Map<String, Object> variables, String tenantId);

  void resolveIncident(long incidentKey);

  void setVariables(long elementInstanceKey, Map<String, Object> variables, boolean local);

  /*
   * The user-task commands complete once the task's listeners have run: normally, or exceptionally
   * with INVALID_STATE when a listener denied the transition (or the task was canceled meanwhile).
   * Unknown keys and tasks in the wrong state are refused at once (thrown).
   */

  CompletableFuture<Void> completeUserTask(long userTaskKey, Map<String, Object> variables, String action, String actor);

  /** @param allowOverride false makes it fail if the task is already assigned to someone else */
  CompletableFuture<Void> assignUserTask(long userTaskKey, String assignee, String action, boolean allowOverride,
      String actor);

  CompletableFuture<Void> unassignUserTask(long userTaskKey, String action, String actor);

  CompletableFuture<Void> updateUserTask(long userTaskKey, UserTaskUpdate update, String actor);

  DecisionResult evaluateDecision(String decisionId, long decisionKey, Map<String, Object> variables, String tenantId);

  /** Engine clock; pinning and moving it is allowed only when configured (tests, local trials). */
  Instant currentTime();

  void pinClock(Instant instant);

  void addClockOffset(long millis);

  void resetClock();

  /** Removes every deployment, instance and record (test support, only when configured). */
  void purge();

  void addRecordListener(RecordListener listener);

  /**
   * Blocks until the journal holds every command whose records were delivered to the listeners so
   * far (they may be delivered a little before their commit). Listeners that copy records somewhere
   * durable call it first, so that they never store what was not acknowledged. Throws when the
   * journal failed. An engine without a journal returns at once.
   */
  default void awaitJournalled() {}
}
