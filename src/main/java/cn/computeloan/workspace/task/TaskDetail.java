package cn.computeloan.workspace.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One task as its page needs it: the task, its linked Camunda Form (form-js schema), the variables
 * that form reads, the escalation note, and what the signed-in person may do with it now.
 *
 * @param form the form-js schema, or null when the task links no form
 * @param writableFields the keys a completion may carry (what the form declares writable)
 * @param escalationNote the note an escalated task carries (null when none)
 */
public record TaskDetail(TaskSummary task, JsonNode form, List<String> writableFields, Map<String, Object> variables,
    String escalationNote, boolean mayClaim, boolean mayUnclaim, boolean mayComplete) {}
