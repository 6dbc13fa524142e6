package cn.computeloan.engine.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * The process-instance filter properties that look into other entities: {@code variables} (name
 * and value of a variable of the instance), {@code errorMessage} (of an active incident) and the
 * element-instance properties {@code elementId}, {@code elementInstanceState} and {@code
 * hasElementInstanceIncident} (one element instance must satisfy all that are given).
 */
final class ProcessInstanceFilters {

  private final ProcessInstanceProjection processInstances;
  private final VariableProjection variables;
  private final IncidentProjection incidents;
  private final HistoryArchive archive;

  /** {@code archive} (may be null) answers for archived instances, whose related entities are archived too. */
  ProcessInstanceFilters(ProcessInstanceProjection processInstances, VariableProjection variables,
      IncidentProjection incidents, HistoryArchive archive) {
    this.processInstances = processInstances;
    this.variables = variables;
    this.incidents = incidents;
    this.archive = archive;
  }

  /** The instance's documents of an entity: from memory, or from the archive for an archived instance. */
  private java.util.Collection<Document> related(Document instance, SearchableEntity entity, DocumentIndex index) {
    if (instance.archived()) {
      return archive.list(new ArchiveFilter(entity.name()).equal("process_instance_key", Long.parseLong(instance.id())));
    }
    return index.all().stream().filter(document -> instance.id().equals(document.get("processInstanceKey"))).toList();
  }

  void register() {
    processInstances.instances
        .withFilter("variables", this::variablesMatch)
        .withFilter("errorMessage", this::incidentMessageMatches)
        .withJointFilter(
            Set.of("elementId", "elementInstanceState", "hasElementInstanceIncident"),
            this::anElementMatches);
  }

  private boolean variablesMatch(Document instance, JsonNode conditions) {
    for (JsonNode condition : conditions) {
      String name = condition.path("name").asText();
      boolean found = related(instance, SearchableEntity.VARIABLE, variables.variables).stream()
          .filter(variable -> name.equals(variable.get("name")))
          .anyMatch(variable -> FieldCondition.matches(condition.get("value"), variable.internal("fullValue")));
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private boolean incidentMessageMatches(Document instance, JsonNode condition) {
    return related(instance, SearchableEntity.INCIDENT, incidents.incidents).stream()
        .filter(incident -> "ACTIVE".equals(incident.get("state")))
        .anyMatch(incident -> FieldCondition.matches(condition, incident.get("errorMessage")));
  }

  private boolean anElementMatches(Document instance, JsonNode filter) {
    return related(instance, SearchableEntity.ELEMENT_INSTANCE, processInstances.elements).stream()
        .anyMatch(element -> FieldCondition.matches(filter.get("elementId"), element.get("elementId"))
            && FieldCondition.matches(filter.get("elementInstanceState"), element.get("state"))
            && FieldCondition.matches(filter.get("hasElementInstanceIncident"), element.get("hasIncident")));
  }
}
