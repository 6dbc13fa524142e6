package cn.computeloan.engine.query;

import cn.computeloan.engine.record.DecisionEvaluationValue;
import cn.computeloan.engine.record.IncidentValue;
import cn.computeloan.engine.record.JobValue;
import cn.computeloan.engine.record.MessageSubscriptionValue;
import cn.computeloan.engine.record.ProcessInstanceValue;
import cn.computeloan.engine.record.Record;
import cn.computeloan.engine.record.RecordListener;
import cn.computeloan.engine.record.RecordType;
import cn.computeloan.engine.record.UserTaskValue;
import cn.computeloan.engine.record.VariableValue;
import cn.computeloan.engine.record.SnapshotParticipant;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The read side of the embedded engine: projections of the record stream that answer the REST
 * API's searches and gets, as Operate and Tasklist do from exported records.
 *
 * <p>Thread safety: records arrive on the engine thread, queries on HTTP threads. A batch of
 * records is applied under the write lock, so a query sees the effects of a command entirely or
 * not at all; results are copies.
 *
 * <p>The whole history is kept. {@link #removeProcessInstanceTree} lets a retention job drop a
 * finished instance with everything it called; {@link #clear} empties the model when the engine
 * is purged.
 *
 * <p>Engine snapshots include the read model ({@link #exportState()}, {@link #importState}), so that
 * a restart restores it instead of rebuilding it from the whole journal.
 */
public class ReadModel implements RecordListener, SnapshotParticipant {

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final DefinitionProjection definitions = new DefinitionProjection();
  private final ProcessInstanceProjection processInstances = new ProcessInstanceProjection(definitions);
  private final VariableProjection variables = new VariableProjection();
  private final IncidentProjection incidents = new IncidentProjection(processInstances);
  private final JobProjection jobs = new JobProjection();
  private final UserTaskProjection userTasks = new UserTaskProjection(definitions, variables);
  private final MessageSubscriptionProjection messageSubscriptions = new MessageSubscriptionProjection();
  private final DecisionInstanceProjection decisionInstances = new DecisionInstanceProjection();

  public ReadModel() {
    new ProcessInstanceFilters(processInstances, variables, incidents).register();
  }

  @Override
  public void onRecords(List<Record> records) {
    write(() -> {
      for (Record record : records) {
        if (record.recordType() == RecordType.EVENT) {
          apply(record);
        }
      }
      return null;
    });
  }

  private void apply(Record record) {
    if (record.value() instanceof ProcessInstanceValue value) {
      processInstances.apply(record, value);
    } else if (record.value() instanceof VariableValue value) {
      variables.apply(record, value);
    } else if (record.value() instanceof IncidentValue value) {
      incidents.apply(record, value);
    } else if (record.value() instanceof JobValue value) {
      jobs.apply(record, value);
    } else if (record.value() instanceof UserTaskValue value) {
      userTasks.apply(record, value);
    } else if (record.value() instanceof MessageSubscriptionValue value) {
      messageSubscriptions.apply(record, value);
    } else if (record.value() instanceof DecisionEvaluationValue value) {
      decisionInstances.apply(record, value);
    } else {
      definitions.apply(record);
    }
  }

  /** Answers {@code POST /v2/<entity>/search}. */
  public SearchResult search(SearchableEntity entity, SearchQuery query) {
    return read(() -> index(entity).search(query));
  }

  /**
   * One entity by its key, in the shape of its get endpoint's result (variables with their full
   * value, decision instances with inputs and rules).
   */
  public Optional<Map<String, Object>> get(SearchableEntity entity, String key) {
    return read(() -> switch (entity) {
      case VARIABLE -> parseKey(key).flatMap(variables::fullVariable);
      case DECISION_INSTANCE -> decisionInstances.get(key);
      default -> index(entity).find(key).map(Document::toJson);
    });
  }

  public Optional<Map<String, Object>> get(SearchableEntity entity, long key) {
    return get(entity, Long.toString(key));
  }

  /** The deployed resource behind a process, decision, DRG or form key. */
  public Optional<ResourceView> resource(long definitionKey) {
    return read(() -> definitions.resource(definitionKey).map(value -> new ResourceView(
        definitionKey,
        definitions.kind(definitionKey).orElseThrow(),
        value.resourceId(),
        value.resourceName(),
        value.version(),
        Keys.blankToNull(value.versionTag()),
        value.tenantId(),
        value.resource())));
  }

  /** The form linked to the process's start event, if it links one. */
  public Optional<Map<String, Object>> processStartForm(long processDefinitionKey) {
    return read(() -> definitions.startForm(processDefinitionKey).map(Document::toJson));
  }

  public List<Map<String, Object>> sequenceFlows(long processInstanceKey) {
    return read(() -> processInstances.sequenceFlows(processInstanceKey));
  }

  /** Element-instance counts of one process instance. */
  public List<Map<String, Object>> elementStatistics(long processInstanceKey) {
    String key = Long.toString(processInstanceKey);
    return read(() -> ElementStatistics.of(processInstances.elements.all().stream()
        .filter(element -> key.equals(element.get("processInstanceKey")))
        .toList()));
  }

  /** Element-instance counts over the definition's instances that match the filter. */
  public List<Map<String, Object>> definitionElementStatistics(long processDefinitionKey, JsonNode instanceFilter) {
    String key = Long.toString(processDefinitionKey);
    JsonNode filter = instanceFilter == null ? SearchQuery.all().filter() : instanceFilter;
    return read(() -> {
      Set<String> instanceKeys = new HashSet<>();
      for (Document instance : processInstances.instances.all()) {
        if (key.equals(instance.get("processDefinitionKey")) && processInstances.instances.matches(instance, filter)) {
          instanceKeys.add(instance.id());
        }
      }
      return ElementStatistics.of(processInstances.elements.all().stream()
          .filter(element -> instanceKeys.contains((String) element.get("processInstanceKey")))
          .toList());
    });
  }

  /** The instance's ancestors and itself, root first, as call-hierarchy entries. */
  public List<Map<String, Object>> callHierarchy(long processInstanceKey) {
    return read(() -> processInstances.callHierarchy(processInstanceKey).stream().map(instance -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("processInstanceKey", instance.get("processInstanceKey"));
      entry.put("processDefinitionKey", instance.get("processDefinitionKey"));
      entry.put("processDefinitionName", instance.get("processDefinitionName"));
      return entry;
    }).toList());
  }

  /** Incidents of the process instance and of the instances it called. */
  public SearchResult processInstanceIncidents(long processInstanceKey, SearchQuery query) {
    return read(() -> {
      Set<Long> tree = processInstances.tree(processInstanceKey);
      return incidents.incidents.search(query, incident -> tree.contains(incident.longField("processInstanceKey")));
    });
  }

  /**
   * The variables a user task sees, as Tasklist shows them: those of its element instance and of
   * every enclosing scope, an inner variable hiding an outer one of the same name.
   */
  public SearchResult userTaskVariables(long userTaskKey, SearchQuery query) {
    return read(() -> {
      Document task = userTasks.tasks.find(userTaskKey).orElse(null);
      if (task == null) {
        return new SearchResult(List.of(), 0, null, null);
      }
      List<Long> scopes = new ArrayList<>();
      for (long scope = task.longField("elementInstanceKey"); scope > 0; scope = processInstances.flowScopeKey(scope)) {
        scopes.add(scope);
      }
      long processInstanceKey = task.longField("processInstanceKey");
      if (!scopes.contains(processInstanceKey)) {
        scopes.add(processInstanceKey);
      }
      Map<String, String> visible = new LinkedHashMap<>();
      for (long scope : scopes) {
        String scopeKey = Long.toString(scope);
        for (Document variable : variables.variables.all()) {
          if (scopeKey.equals(variable.get("scopeKey"))) {
            visible.putIfAbsent((String) variable.get("name"), variable.id());
          }
        }
      }
      Set<String> ids = new HashSet<>(visible.values());
      return variables.variables.search(query, variable -> ids.contains(variable.id()));
    });
  }

  /** Drops a process instance and every instance it called, with all their entities. */
  public void removeProcessInstanceTree(long rootProcessInstanceKey) {
    write(() -> {
      removeInstances(processInstances.tree(rootProcessInstanceKey));
      return null;
    });
  }

  @Override
  public void onPurged() {
    clear();
  }

  /**
   * History retention: drops every finished root process instance (completed or terminated) that
   * ended before {@code cutoff}, with everything it called and all their entities.
   *
   * @return the number of root instances removed
   */
  public int removeFinishedBefore(java.time.Instant cutoff) {
    return write(() -> {
      Set<Long> tree = new HashSet<>();
      int roots = 0;
      for (Document instance : processInstances.instances.all()) {
        Object end = instance.get("endDate");
        if (end != null && instance.get("parentProcessInstanceKey") == null
            && java.time.OffsetDateTime.parse((String) end).toInstant().isBefore(cutoff)) {
          tree.addAll(processInstances.tree(Long.parseLong(instance.id())));
          roots++;
        }
      }
      if (!tree.isEmpty()) {
        removeInstances(tree);
      }
      return roots;
    });
  }

  private void removeInstances(Set<Long> tree) {
    variables.removeInstances(tree);
    incidents.removeInstances(tree);
    jobs.removeInstances(tree);
    userTasks.removeInstances(tree);
    messageSubscriptions.removeInstances(tree);
    decisionInstances.removeInstances(tree);
    processInstances.removeInstances(tree);
  }

  /** Forgets everything: to be called when the engine is purged. */
  public void clear() {
    write(() -> {
      definitions.clear();
      processInstances.clear();
      variables.clear();
      incidents.incidents.clear();
      jobs.jobs.clear();
      userTasks.tasks.clear();
      messageSubscriptions.subscriptions.clear();
      messageSubscriptions.correlations.clear();
      decisionInstances.instances.clear();
      return null;
    });
  }

  // --- engine snapshots

  @Override
  public String snapshotName() {
    return "read-model";
  }

  /**
   * Blocks until everything the read model must persist outside the snapshot is durable. Called by
   * the engine under its lock right before {@link #exportState()}. The read model keeps everything
   * in memory, so there is nothing to wait for.
   */
  @Override
  public void beforeSnapshot() {
    // nothing outside the snapshot yet
  }

  /** A copy of every document and lookup table, detached from the live model. */
  @Override
  public ReadModelState exportState() {
    return read(() -> ReadModelSnapshots.export(indexes(), definitions, processInstances, variables));
  }

  @Override
  public Class<?> stateType() {
    return ReadModelState.class;
  }

  /** Replaces the whole model with an exported state. */
  @Override
  public void importState(Object state) {
    clear();
    write(() -> {
      ReadModelSnapshots.restore((ReadModelState) state, indexes(), definitions, processInstances, variables);
      return null;
    });
  }

  private Map<String, DocumentIndex> indexes() {
    Map<String, DocumentIndex> indexes = new LinkedHashMap<>();
    for (SearchableEntity entity : SearchableEntity.values()) {
      indexes.put(entity.name(), index(entity));
    }
    return indexes;
  }

  private DocumentIndex index(SearchableEntity entity) {
    return switch (entity) {
      case PROCESS_DEFINITION -> definitions.processes;
      case DECISION_DEFINITION -> definitions.decisions;
      case DECISION_REQUIREMENTS -> definitions.requirements;
      case FORM -> definitions.forms;
      case PROCESS_INSTANCE -> processInstances.instances;
      case ELEMENT_INSTANCE -> processInstances.elements;
      case VARIABLE -> variables.variables;
      case INCIDENT -> incidents.incidents;
      case JOB -> jobs.jobs;
      case USER_TASK -> userTasks.tasks;
      case MESSAGE_SUBSCRIPTION -> messageSubscriptions.subscriptions;
      case CORRELATED_MESSAGE_SUBSCRIPTION -> messageSubscriptions.correlations;
      case DECISION_INSTANCE -> decisionInstances.instances;
    };
  }

  private static Optional<Long> parseKey(String key) {
    try {
      return Optional.of(Long.parseLong(key));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private <T> T read(Supplier<T> query) {
    lock.readLock().lock();
    try {
      return query.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  private <T> T write(Supplier<T> update) {
    lock.writeLock().lock();
    try {
      return update.get();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
