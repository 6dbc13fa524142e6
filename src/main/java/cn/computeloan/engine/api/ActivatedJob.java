package cn.computeloan.engine.api;

import java.util.Map;

/** A job handed to a worker. {@code kind} is BPMN_ELEMENT or TASK_LISTENER. */
public record ActivatedJob(
    long jobKey,
    String type,
    long processInstanceKey,
    String processDefinitionId,
    int processDefinitionVersion,
    long processDefinitionKey,
    String elementId,
    long elementInstanceKey,
    Map<String, String> customHeaders,
    String worker,
    int retries,
    long deadline,
    Map<String, Object> variables,
    String tenantId,
    String kind,
    String listenerEventType,
    UserTaskProperties userTask) {

  /** For task-listener jobs: the task's properties (null for BPMN element jobs). */
  public record UserTaskProperties(
      String action,
      String assignee,
      java.util.List<String> candidateGroups,
      java.util.List<String> candidateUsers,
      java.util.List<String> changedAttributes,
      String dueDate,
      String followUpDate,
      long formKey,
      int priority,
      long userTaskKey) {}
}
