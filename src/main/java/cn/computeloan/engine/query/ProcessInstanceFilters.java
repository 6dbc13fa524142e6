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

  ProcessInstanceFilters(
      ProcessInstanceProjection processInstances, VariableProjection variables, IncidentProjection incidents) {
    this.processInstances = processInstances;
    this.variables = variables;
    this.incidents = incidents;
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
      boolean found = variables.variables.all().stream()
          .filter(variable -> instance.id().equals(variable.get("processInstanceKey")))
          .filter(variable -> name.equals(variable.get("name")))
          .anyMatch(variable -> FieldCondition.matches(condition.get("value"), variable.internal("fullValue")));
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private boolean incidentMessageMatches(Document instance, JsonNode condition) {
    return incidents.incidents.all().stream()
        .filter(incident -> instance.id().equals(incident.get("processInstanceKey")))
        .filter(incident -> "ACTIVE".equals(incident.get("state")))
        .anyMatch(incident -> FieldCondition.matches(condition, incident.get("errorMessage")));
  }

  private boolean anElementMatches(Document instance, JsonNode filter) {
    return processInstances.elements.all().stream()
        .filter(element -> instance.id().equals(element.get("processInstanceKey")))
        .anyMatch(element -> FieldCondition.matches(filter.get("elementId"), element.get("elementId"))
            && FieldCondition.matches(filter.get("elementInstanceState"), element.get("state"))
            && FieldCondition.matches(filter.get("hasElementInstanceIncident"), element.get("hasIncident")));
  }
}
