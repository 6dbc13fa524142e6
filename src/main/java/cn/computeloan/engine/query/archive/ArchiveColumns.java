package cn.computeloan.engine.query.archive;

import cn.computeloan.engine.query.search.SearchableEntity;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which document field of each archived entity fills which indexed column of {@code
 * engine_history_document} (the rest of the document is in its JSON). A search pushes conditions
 * on these fields down into SQL; the full filter is then applied to the candidates in Java.
 */
public final class ArchiveColumns {

  /** Extra archive-only entity kinds (not searchable by themselves). */
  public static final String SEQUENCE_FLOWS = "SEQUENCE_FLOWS";

  enum Type { KEY, TEXT, DATE }

  record Column(String name, Type type) {}

  static final Column PROCESS_INSTANCE_KEY = new Column("process_instance_key", Type.KEY);
  static final Column PROCESS_DEFINITION_KEY = new Column("process_definition_key", Type.KEY);
  static final Column PROCESS_DEFINITION_ID = new Column("process_definition_id", Type.TEXT);
  static final Column ELEMENT_INSTANCE_KEY = new Column("element_instance_key", Type.KEY);
  static final Column SCOPE_KEY = new Column("scope_key", Type.KEY);
  static final Column VARIABLE_KEY = new Column("variable_key", Type.KEY);
  static final Column ELEMENT_ID = new Column("element_id", Type.TEXT);
  static final Column NAME = new Column("name", Type.TEXT);
  static final Column ASSIGNEE = new Column("assignee", Type.TEXT);
  static final Column STATE = new Column("state", Type.TEXT);
  static final Column START_DATE = new Column("start_date", Type.DATE);
  static final Column END_DATE = new Column("end_date", Type.DATE);

  private static final Map<String, Map<String, Column>> BY_ENTITY = new LinkedHashMap<>();

  static {
    entity(SearchableEntity.PROCESS_INSTANCE.name(), Map.of(
        "parentProcessInstanceKey", SCOPE_KEY, "startDate", START_DATE, "endDate", END_DATE));
    entity(SearchableEntity.ELEMENT_INSTANCE.name(), Map.of(
        "elementName", NAME, "startDate", START_DATE, "endDate", END_DATE));
    entity(SearchableEntity.VARIABLE.name(), Map.of("variableKey", VARIABLE_KEY, "name", NAME, "scopeKey", SCOPE_KEY));
    entity(SearchableEntity.VARIABLE_CHANGE.name(), Map.of("variableKey", VARIABLE_KEY, "name", NAME,
        "scopeKey", SCOPE_KEY, "writerElementInstanceKey", ELEMENT_INSTANCE_KEY, "changeTime", START_DATE));
    entity(SearchableEntity.INCIDENT.name(), Map.of("errorType", NAME, "creationTime", START_DATE));
    entity(SearchableEntity.JOB.name(), Map.of("type", NAME, "worker", ASSIGNEE, "endTime", END_DATE));
    entity(SearchableEntity.USER_TASK.name(), Map.of("name", NAME, "assignee", ASSIGNEE,
        "creationDate", START_DATE, "completionDate", END_DATE));
    entity(SearchableEntity.MESSAGE_SUBSCRIPTION.name(), Map.of("messageSubscriptionState", STATE,
        "messageName", NAME, "lastUpdatedDate", START_DATE));
    entity(SearchableEntity.CORRELATED_MESSAGE_SUBSCRIPTION.name(), Map.of("messageName", NAME,
        "correlationTime", START_DATE));
    entity(SearchableEntity.DECISION_INSTANCE.name(), Map.of("decisionDefinitionId", NAME,
        "evaluationDate", START_DATE));
    entity(SEQUENCE_FLOWS, Map.of());
  }

  private ArchiveColumns() {}

  private static void entity(String entity, Map<String, Column> specific) {
    Map<String, Column> columns = new LinkedHashMap<>();
    columns.put("processInstanceKey", PROCESS_INSTANCE_KEY);
    columns.put("processDefinitionKey", PROCESS_DEFINITION_KEY);
    columns.put("processDefinitionId", PROCESS_DEFINITION_ID);
    if (!entity.equals(SearchableEntity.VARIABLE_CHANGE.name())) {
      columns.put("elementInstanceKey", ELEMENT_INSTANCE_KEY);
    }
    columns.put("elementId", ELEMENT_ID);
    columns.put("state", STATE);
    // one field per column, so that a pushed-down condition is about the field that filled it
    columns.values().removeIf(specific::containsValue);
    columns.putAll(specific);
    BY_ENTITY.put(entity, columns);
  }

  /** Field name to column, for this entity. */
  static Map<String, Column> of(String entity) {
    return BY_ENTITY.getOrDefault(entity, Map.of());
  }

  /** The field that holds the entity's own key (its document id), for pushing an id filter down. */
  static String idField(SearchableEntity entity) {
    return switch (entity) {
      case PROCESS_INSTANCE -> "processInstanceKey";
      case ELEMENT_INSTANCE -> "elementInstanceKey";
      case VARIABLE -> "variableKey";
      case INCIDENT -> "incidentKey";
      case JOB -> "jobKey";
      case USER_TASK -> "userTaskKey";
      case MESSAGE_SUBSCRIPTION -> "messageSubscriptionKey";
      case DECISION_INSTANCE -> "decisionEvaluationInstanceKey";
      default -> null;
    };
  }
}
