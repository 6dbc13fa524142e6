package cn.computeloan.engine.api;

import java.util.List;

/**
 * Changes to a user task; a null field is left as is. An empty string for dueDate/followUpDate
 * clears it.
 */
public record UserTaskUpdate(
    String dueDate,
    String followUpDate,
    List<String> candidateGroups,
    List<String> candidateUsers,
    Integer priority,
    String action) {}
