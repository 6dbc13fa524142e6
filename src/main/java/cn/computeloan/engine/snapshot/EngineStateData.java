package cn.computeloan.engine.snapshot;

import cn.computeloan.engine.record.Typed;
import cn.computeloan.engine.state.EngineState;
import java.util.List;
import java.util.Map;

/**
 * The engine's complete runtime state as plain data: what a snapshot stores. Entities refer to each
 * other by key and to model elements by id ({@code "id"}, or {@code "id#"} for the inner activity of
 * the multi-instance body {@code id}); deployed processes and decisions keep their resource text
 * and are parsed again on restore. Lists keep the order of the engine's maps.
 *
 * @param nextKey the key the engine hands out next
 * @param recordPosition the position of the last record written
 */
public record EngineStateData(
    long nextKey,
    long recordPosition,
    ClockData clock,
    List<ProcessData> processes,
    List<EngineState.Form> forms,
    List<DrgData> decisionRequirements,
    List<InstanceData> elementInstances,
    List<ScopeVariables> variables,
    List<JobData> jobs,
    Map<String, List<Long>> activatableJobs,
    List<TimerData> timers,
    List<SubscriptionData> messageSubscriptions,
    List<SubscriptionData> signalSubscriptions,
    List<MessageData> messages,
    List<UserTaskData> userTasks,
    List<IncidentData> incidents) {

  /** The engine clock's pin (epoch millis, null when following the system clock) and offset. */
  public record ClockData(Long pinnedMillis, long offsetMillis) {}

  public record ProcessData(String bpmnProcessId, String name, int version, String versionTag, long key,
      long deploymentKey, String resourceName, String checksum, String resource, String tenantId) {}

  public record DrgData(String drgId, String name, int version, long key, String resourceName, String resource,
      String checksum, List<DecisionData> decisions) {}

  public record DecisionData(String decisionId, String name, int version, long key) {}

  /** An element instance; {@code children} in order, {@code flowScopeKey} -1 for a process instance. */
  public record InstanceData(long key, long processKey, String element, long processInstanceKey, long flowScopeKey,
      String state, List<Long> children, int activeFlows, Map<String, List<String>> joinArrivals, long jobKey,
      long userTaskKey, long calledInstanceKey, long incidentKey, long parentElementInstanceKey,
      long parentProcessInstanceKey, @Typed Object pendingVariables, PendingEventData pendingEvent, int loopCounter,
      int multiInstanceCompleted, boolean interrupted, ProcessorStateData processorState,
      String startMessageCorrelationKey) {}

  /** An interrupting event waiting for its scope to terminate; {@code scopeKey} -1 for none. */
  public record PendingEventData(String target, @Typed Object variables, long scopeKey) {}

  /**
   * A processor's working state: {@code flows} a gateway's chosen outgoing flows, {@code loop} a
   * multi-instance body's items and next index, {@code start} a process instance's start elements.
   */
  public record ProcessorStateData(String kind, List<String> ids, @Typed Object items, int next) {}

  public record ScopeVariables(long scopeKey, List<VariableData> variables) {}

  public record VariableData(String name, long key, @Typed Object value) {}

  public record JobData(long key, String type, long elementInstanceKey, Map<String, String> customHeaders, String kind,
      String listenerEventType, String state, int retries, String worker, long deadline, long backoffUntil,
      String errorMessage, String errorCode, boolean activatable) {}

  /** A timer; {@code ownerKey} -1 for a timer start event of {@code processKey}. */
  public record TimerData(long key, long ownerKey, long processKey, String target, long dueDate, int repetitions,
      String interval, String cron) {}

  public record SubscriptionData(long key, long ownerKey, String target, String messageName, String correlationKey) {}

  public record MessageData(long key, String name, String correlationKey, String messageId, @Typed Object variables,
      long timeToLive, long deadline, List<String> correlatedProcessIds) {}

  public record UserTaskData(long key, long elementInstanceKey, long creationTimestamp, String state, String assignee,
      List<String> candidateGroups, List<String> candidateUsers, String dueDate, String followUpDate, int priority,
      long formKey, String externalFormReference, Map<String, String> customHeaders, TransitionData transition,
      int nextListener) {}

  public record TransitionData(String target, String action, String actor, @Typed Object changes,
      List<String> changedAttributes) {}

  public record IncidentData(long key, String errorType, String errorMessage, long elementInstanceKey, long jobKey) {}
}
