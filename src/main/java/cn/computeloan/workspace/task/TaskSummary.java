package cn.computeloan.workspace.task;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One task in a list, with the case it belongs to. Keys are strings (JavaScript loses 64-bit
 * precision); times are UTC instants.
 *
 * @param overdue open and past its due date
 * @param escalated a supervisor was alerted about this task, or it was moved up to a higher group
 * @param applicationId null when the task's process belongs to no application
 */
public record TaskSummary(String userTaskKey, String name, String elementId, String processDefinitionId,
    String processInstanceKey, String state, String assignee, List<String> candidateGroups, Instant creationDate,
    Instant dueDate, boolean overdue, boolean escalated, String applicationId, String applicantName, String product,
    BigDecimal requestedAmount, String tier) {}
