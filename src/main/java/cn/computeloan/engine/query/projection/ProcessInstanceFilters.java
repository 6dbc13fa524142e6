package cn.computeloan.engine.query.projection;

import cn.computeloan.engine.query.archive.ArchiveFilter;
import cn.computeloan.engine.query.archive.HistoryArchive;
import cn.computeloan.engine.query.search.CustomFilter;
import cn.computeloan.engine.query.search.Document;
import cn.computeloan.engine.query.search.DocumentIndex;
import cn.computeloan.engine.query.search.FieldCondition;
import cn.computeloan.engine.query.search.Residual;
import cn.computeloan.engine.query.search.SearchContext;
import cn.computeloan.engine.query.search.SearchableEntity;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The process-instance filter properties that look into other entities: {@code variables} (name
 * and value of a variable of the instance), {@code errorMessage} (of an active incident) and the
 * element-instance properties {@code elementId}, {@code elementInstanceState} and {@code
 * hasElementInstanceIncident} (one element instance must satisfy all that are given).
 */
public final class ProcessInstanceFilters {

  private final ProcessInstanceProjection processInstances;
  private final VariableProjection variables;
  private final IncidentProjection incidents;
  private final HistoryArchive archive;

  /** {@code archive} (may be null) answers for archived instances, whose related entities are archived too. */
  public ProcessInstanceFilters(ProcessInstanceProjection processInstances, VariableProjection variables,
      IncidentProjection incidents, HistoryArchive archive) {
    this.processInstances = processInstances;
    this.variables = variables;
    this.incidents = incidents;
    this.archive = archive;
  }

  /**
   * The instance's documents of an entity: for an archived instance from the archive; for one in
   * memory from what {@link #groupByInstance} prepared for this search (a lookup under the lock,
   * not a scan of the whole index per instance), or, when nothing was prepared, from the index.
   */
  private Collection<Document> related(Document instance, SearchableEntity entity, DocumentIndex index,
      SearchContext context, JsonNode condition) {
    if (instance.archived()) {
      return archive.list(new ArchiveFilter(entity.name()).equal("process_instance_key", Long.parseLong(instance.id())));
    }
    Map<String, List<Document>> grouped = context.prepared(condition);
    if (grouped != null) {
      return grouped.getOrDefault(instance.id(), List.of());
    }
    return index.all().stream().filter(document -> instance.id().equals(document.get("processInstanceKey"))).toList();
  }

  /** Groups the index's documents that {@code which} keeps by process instance, once per search and condition. */
  private static void groupByInstance(JsonNode condition, DocumentIndex index, Predicate<Document> which,
      SearchContext context) {
    if (context.prepared(condition) != null) {
      return;
    }
    Map<String, List<Document>> grouped = new HashMap<>();
    context.scan(index, document -> {
      if (which.test(document)) {
        grouped.computeIfAbsent((String) document.get("processInstanceKey"), k -> new ArrayList<>()).add(document);
      }
    });
    context.prepared(condition, grouped);
  }

  public void register() {
    processInstances.instances
        .withFilter("variables", new CustomFilter() {
          @Override
          public Residual matches(Document instance, JsonNode conditions, SearchContext context) {
            return variablesMatch(instance, conditions, context);
          }

          @Override
          public void prepare(JsonNode conditions, SearchContext context) {
            Set<String> names = new HashSet<>();
            conditions.forEach(condition -> names.add(condition.path("name").asText()));
            groupByInstance(conditions, variables.variables, variable -> names.contains(variable.get("name")), context);
          }
        })
        .withFilter("errorMessage", new CustomFilter() {
          @Override
          public Residual matches(Document instance, JsonNode condition, SearchContext context) {
            return incidentMessageMatches(instance, condition, context);
          }

          @Override
          public void prepare(JsonNode condition, SearchContext context) {
            groupByInstance(condition, incidents.incidents, incident -> true, context);
          }
        })
        .withJointFilter(
            Set.of("elementId", "elementInstanceState", "hasElementInstanceIncident"),
            new CustomFilter() {
              @Override
              public Residual matches(Document instance, JsonNode filter, SearchContext context) {
                return anElementMatches(instance, filter, context);
              }

              @Override
              public void prepare(JsonNode filter, SearchContext context) {
                groupByInstance(filter, processInstances.elements, element -> true, context);
              }
            });
  }

  private Residual variablesMatch(Document instance, JsonNode conditions, SearchContext context) {
    Collection<Document> related = related(instance, SearchableEntity.VARIABLE, variables.variables, context, conditions);
    Residual result = Residual.TRUE;
    for (JsonNode condition : conditions) {
      String name = condition.path("name").asText();
      List<Residual> candidates = new ArrayList<>();
      for (Document variable : related) {
        if (name.equals(variable.get("name"))) {
          candidates.add(FieldCondition.evaluate(condition.get("value"), variable.internal("fullValue")));
        }
      }
      result = Residual.and(result, Residual.anyOf(candidates));
      if (result == Residual.FALSE) {
        return result;
      }
    }
    return result;
  }

  private Residual incidentMessageMatches(Document instance, JsonNode condition, SearchContext context) {
    List<Residual> candidates = new ArrayList<>();
    for (Document incident : related(instance, SearchableEntity.INCIDENT, incidents.incidents, context, condition)) {
      if ("ACTIVE".equals(incident.get("state"))) {
        candidates.add(FieldCondition.evaluate(condition, incident.get("errorMessage")));
      }
    }
    return Residual.anyOf(candidates);
  }

  private Residual anElementMatches(Document instance, JsonNode filter, SearchContext context) {
    List<Residual> candidates = new ArrayList<>();
    for (Document element : related(instance, SearchableEntity.ELEMENT_INSTANCE, processInstances.elements,
        context, filter)) {
      Residual matches = Residual.and(FieldCondition.evaluate(filter.get("elementId"), element.get("elementId")),
          Residual.and(FieldCondition.evaluate(filter.get("elementInstanceState"), element.get("state")),
              FieldCondition.evaluate(filter.get("hasElementInstanceIncident"), element.get("hasIncident"))));
      if (matches == Residual.TRUE) {
        return matches;
      }
      candidates.add(matches);
    }
    return Residual.anyOf(candidates);
  }
}
