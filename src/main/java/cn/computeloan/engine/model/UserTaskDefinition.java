package cn.computeloan.engine.model;

import java.util.List;
import java.util.Map;

/** A Camunda user task ({@code zeebe:userTask}); every string is an expression or a static value. */
public record UserTaskDefinition(
    String assignee,
    String candidateGroups,
    String candidateUsers,
    String dueDate,
    String followUpDate,
    String priority,
    String formId,
    String externalFormReference,
    Map<String, String> headers,
    List<TaskListenerDefinition> listeners) {}
