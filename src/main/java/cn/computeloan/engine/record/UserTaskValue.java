package cn.computeloan.engine.record;

import java.util.List;
import java.util.Map;

/**
 * Value of a USER_TASK record. Intents: CREATING, CREATED, ASSIGNING, ASSIGNED, UPDATING, UPDATED,
 * COMPLETING, COMPLETED, CANCELING, CANCELED, COMPLETION_DENIED, ASSIGNMENT_DENIED,
 * UPDATE_DENIED.
 *
 * @param dueDate ISO-8601 date-time or null
 * @param action the command's action (complete, assign, claim, update, ...) or a custom action
 * @param actor the authenticated user that issued the command, null for the engine itself
 */
public record UserTaskValue(
    long userTaskKey,
    String name,
    String assignee,
    List<String> candidateGroups,
    List<String> candidateUsers,
    String dueDate,
    String followUpDate,
    int priority,
    long formKey,
    String externalFormReference,
    Map<String, String> customHeaders,
    Map<String, Object> variables,
    List<String> changedAttributes,
    String action,
    String actor,
    String deniedReason,
    String elementId,
    long elementInstanceKey,
    String bpmnProcessId,
    int processDefinitionVersion,
    long processDefinitionKey,
    long processInstanceKey,
    long creationTimestamp,
    String tenantId)
    implements RecordValue {}
