package cn.computeloan.engine.query.projection;

import cn.computeloan.engine.query.archive.ArchiveFilter;
import cn.computeloan.engine.query.archive.HistoryArchive;
import cn.computeloan.engine.query.search.Document;
import cn.computeloan.engine.query.search.DocumentIndex;
import cn.computeloan.engine.query.search.FieldCondition;
import cn.computeloan.engine.query.search.Keys;
import cn.computeloan.engine.query.search.Residual;
import cn.computeloan.engine.query.search.SearchableEntity;
import cn.computeloan.engine.record.Record;
import cn.computeloan.engine.record.UserTaskValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * User tasks with Tasklist's states: a transition in progress (ASSIGNING, UPDATING, COMPLETING,
 * CANCELING) shows until the engine finishes or denies it, then the task is CREATED again or ends.
 */
public final class UserTaskProjection {

  private static final Map<String, String> STATES = Map.ofEntries(
      Map.entry("CREATING", "CREATING"),
      Map.entry("CREATED", "CREATED"),
      Map.entry("ASSIGNING", "ASSIGNING"),
      Map.entry("ASSIGNED", "CREATED"),
      Map.entry("ASSIGNMENT_DENIED", "CREATED"),
      Map.entry("UPDATING", "UPDATING"),
      Map.entry("UPDATED", "CREATED"),
      Map.entry("UPDATE_DENIED", "CREATED"),
      Map.entry("COMPLETING", "COMPLETING"),
      Map.entry("COMPLETION_DENIED", "CREATED"),
      Map.entry("COMPLETED", "COMPLETED"),
      Map.entry("CANCELING", "CANCELING"),
      Map.entry("CANCELED", "CANCELED"));

  public final DocumentIndex tasks = new DocumentIndex();
  private final DefinitionProjection definitions;

  /** {@code archive} (may be null) holds the variables of archived tasks. */
  public UserTaskProjection(DefinitionProjection definitions, VariableProjection variables, HistoryArchive archive) {
    this.definitions = definitions;
    tasks.withFilter("candidateGroup", (task, condition, context) ->
            FieldCondition.evaluate(condition, task.get("candidateGroups")))
        .withFilter("candidateUser", (task, condition, context) ->
            FieldCondition.evaluate(condition, task.get("candidateUsers")))
        .withFilter("localVariables", (task, condition, context) ->
            variablesMatch(variables, archive, task, task.longField("elementInstanceKey"), condition))
        .withFilter("processInstanceVariables", (task, condition, context) ->
            variablesMatch(variables, archive, task, task.longField("processInstanceKey"), condition));
  }

  /** Each condition needs the variable of its name in the scope; a lookup by scope and name, not a scan. */
  private static Residual variablesMatch(
      VariableProjection variables, HistoryArchive archive, Document task, long scopeKey, JsonNode conditions) {
    Residual result = Residual.TRUE;
    for (JsonNode condition : conditions) {
      String name = condition.path("name").asText();
      java.util.Optional<Document> variable = task.archived()
          ? archive.list(new ArchiveFilter(SearchableEntity.VARIABLE.name()).equal("scope_key", scopeKey)
              .equal("name", name)).stream().findFirst()
          : variables.find(scopeKey, name);
      result = Residual.and(result, variable
          .map(v -> FieldCondition.evaluate(condition.get("value"), v.internal("fullValue")))
          .orElse(Residual.FALSE));
      if (result == Residual.FALSE) {
        return result;
      }
    }
    return result;
  }

  public void apply(Record record, UserTaskValue value) {
    long key = value.userTaskKey() > 0 ? value.userTaskKey() : record.key();
    Document task = tasks.upsert(key);
    if (task.get("userTaskKey") == null) {
      long created = value.creationTimestamp() > 0 ? value.creationTimestamp() : record.timestamp();
      task.put("creationDate", Keys.date(created))
          .put("processName", definitions.processName(value.processDefinitionKey(), value.bpmnProcessId()));
    }
    task.put("name", value.name() == null || value.name().isBlank() ? value.elementId() : value.name())
        .put("assignee", Keys.blankToNull(value.assignee()))
        .put("elementId", value.elementId())
        .put("candidateGroups", value.candidateGroups() == null ? List.of() : List.copyOf(value.candidateGroups()))
        .put("candidateUsers", value.candidateUsers() == null ? List.of() : List.copyOf(value.candidateUsers()))
        .put("processDefinitionId", value.bpmnProcessId())
        .put("followUpDate", Keys.blankToNull(value.followUpDate()))
        .put("dueDate", Keys.blankToNull(value.dueDate()))
        .put("tenantId", value.tenantId())
        .put("externalFormReference", Keys.blankToNull(value.externalFormReference()))
        .put("processDefinitionVersion", value.processDefinitionVersion())
        .put("customHeaders", value.customHeaders() == null ? Map.of() : value.customHeaders())
        .put("priority", value.priority())
        .put("userTaskKey", Keys.key(key))
        .put("elementInstanceKey", Keys.key(value.elementInstanceKey()))
        .put("processDefinitionKey", Keys.key(value.processDefinitionKey()))
        .put("processInstanceKey", Keys.key(value.processInstanceKey()))
        .put("formKey", value.formKey() > 0 ? Keys.key(value.formKey()) : null);
    String state = STATES.get(record.intent());
    if (state != null) {
      task.put("state", state);
    }
    if ("COMPLETED".equals(record.intent()) || "CANCELED".equals(record.intent())) {
      task.put("completionDate", Keys.date(record.timestamp()));
    }
  }

  public void removeInstances(Set<Long> processInstanceKeys) {
    tasks.removeIf(task -> processInstanceKeys.contains(task.longField("processInstanceKey")));
  }
}
