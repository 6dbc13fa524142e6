package cn.computeloan.engine.api;

import java.util.List;
import java.util.Map;

/**
 * The optional result of completing a task-listener job: deny the user-task transition, or correct
 * the task's properties.
 *
 * @param corrections property name (assignee, dueDate, followUpDate, candidateUsers,
 *     candidateGroups, priority) to new value
 */
public record JobResult(boolean denied, String deniedReason, Map<String, Object> corrections) {

  public static JobResult none() {
    return new JobResult(false, null, Map.of());
  }

  /** The property names that may be corrected. */
  public static final List<String> CORRECTABLE =
      List.of("assignee", "dueDate", "followUpDate", "candidateUsers", "candidateGroups", "priority");
}
