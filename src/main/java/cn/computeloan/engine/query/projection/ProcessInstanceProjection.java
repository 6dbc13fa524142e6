package cn.computeloan.engine.query.projection;

import cn.computeloan.engine.query.search.Document;
import cn.computeloan.engine.query.search.DocumentIndex;
import cn.computeloan.engine.query.search.FieldCondition;
import cn.computeloan.engine.query.search.Keys;
import cn.computeloan.engine.record.ProcessInstanceValue;
import cn.computeloan.engine.record.Record;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Process instances, their element instances and taken sequence flows, from PROCESS_INSTANCE
 * records. The PROCESS element itself becomes the process instance, every other element an element
 * instance; incidents mark both (see {@link #incidentChanged}).
 */
public final class ProcessInstanceProjection {

  public final DocumentIndex instances = new DocumentIndex();
  public final DocumentIndex elements = new DocumentIndex();

  private final DefinitionProjection definitions;
  public final Map<Long, List<Map<String, Object>>> sequenceFlows = new HashMap<>();
  public final Map<Long, Set<Long>> children = new HashMap<>();
  public final Map<Long, Integer> activeIncidents = new HashMap<>();
  private final java.util.function.LongConsumer rootFinished;

  /** {@code rootFinished} hears of every root process instance that completed or was terminated. */
  public ProcessInstanceProjection(DefinitionProjection definitions, java.util.function.LongConsumer rootFinished) {
    this.definitions = definitions;
    this.rootFinished = rootFinished;
    elements.withFilter("elementInstanceScopeKey", (element, condition, context) ->
        FieldCondition.evaluate(condition, Keys.key((Long) element.internal("flowScopeKey"))));
  }

  public void apply(Record record, ProcessInstanceValue value) {
    if ("SEQUENCE_FLOW_TAKEN".equals(record.intent())) {
      addSequenceFlow(value);
    } else if ("PROCESS".equals(value.bpmnElementType())) {
      applyToInstance(record, value);
    } else {
      applyToElement(record, value);
    }
  }

  private void applyToInstance(Record record, ProcessInstanceValue value) {
    long key = value.processInstanceKey();
    Document instance = instances.upsert(key);
    switch (record.intent()) {
      case "ELEMENT_ACTIVATING" -> {
        instance
            .put("processDefinitionId", value.bpmnProcessId())
            .put("processDefinitionName", definitions.processName(value.processDefinitionKey(), value.bpmnProcessId()))
            .put("processDefinitionVersion", value.version())
            .put("processDefinitionVersionTag", definitions.versionTag(value.processDefinitionKey()))
            .put("startDate", Keys.date(record.timestamp()))
            .put("state", "ACTIVE")
            .put("hasIncident", false)
            .put("tenantId", value.tenantId())
            .put("processInstanceKey", Keys.key(key))
            .put("processDefinitionKey", Keys.key(value.processDefinitionKey()))
            .put("parentProcessInstanceKey", Keys.key(value.parentProcessInstanceKey()))
            .put("parentElementInstanceKey", Keys.key(value.parentElementInstanceKey()))
            .put("tags", List.of());
        if (value.parentProcessInstanceKey() > 0) {
          children.computeIfAbsent(value.parentProcessInstanceKey(), k -> new LinkedHashSet<>()).add(key);
        }
      }
      case "ELEMENT_COMPLETED", "ELEMENT_TERMINATED" -> {
        instance.put("state", record.intent().equals("ELEMENT_COMPLETED") ? "COMPLETED" : "TERMINATED")
            .put("endDate", Keys.date(record.timestamp()));
        if (value.parentProcessInstanceKey() <= 0) {
          rootFinished.accept(key);
        }
      }
      default -> {
        // ACTIVATED, COMPLETING, TERMINATING change nothing the API shows.
      }
    }
  }

  private void applyToElement(Record record, ProcessInstanceValue value) {
    Document element = elements.upsert(record.key());
    switch (record.intent()) {
      case "ELEMENT_ACTIVATING" -> element
          .put("processDefinitionId", value.bpmnProcessId())
          .put("startDate", Keys.date(record.timestamp()))
          .put("elementId", value.elementId())
          .put("elementName", value.elementName() == null || value.elementName().isBlank()
              ? value.elementId() : value.elementName())
          .put("type", value.bpmnElementType())
          .put("state", "ACTIVE")
          .put("hasIncident", false)
          .put("tenantId", value.tenantId())
          .put("elementInstanceKey", Keys.key(record.key()))
          .put("processInstanceKey", Keys.key(value.processInstanceKey()))
          .put("processDefinitionKey", Keys.key(value.processDefinitionKey()))
          .putInternal("flowScopeKey", value.flowScopeKey());
      case "ELEMENT_COMPLETED" -> element.put("state", "COMPLETED").put("endDate", Keys.date(record.timestamp()));
      case "ELEMENT_TERMINATED" -> element.put("state", "TERMINATED").put("endDate", Keys.date(record.timestamp()));
      default -> {
        // ACTIVATED, COMPLETING, TERMINATING change nothing the API shows.
      }
    }
  }

  private void addSequenceFlow(ProcessInstanceValue value) {
    Map<String, Object> flow = new LinkedHashMap<>();
    flow.put("sequenceFlowId", value.elementId());
    flow.put("processInstanceKey", Keys.key(value.processInstanceKey()));
    flow.put("processDefinitionKey", Keys.key(value.processDefinitionKey()));
    flow.put("processDefinitionId", value.bpmnProcessId());
    flow.put("elementId", value.elementId());
    flow.put("tenantId", value.tenantId());
    sequenceFlows.computeIfAbsent(value.processInstanceKey(), k -> new ArrayList<>()).add(flow);
  }

  /**
   * Marks the element instance and the process instance (and, as Operate does, its calling
   * ancestors) as having an incident while one is active.
   */
  void incidentChanged(long processInstanceKey, long elementInstanceKey, long incidentKey, boolean active) {
    elements.find(elementInstanceKey).ifPresent(element -> element
        .put("hasIncident", active)
        .put("incidentKey", active ? Keys.key(incidentKey) : null));
    activeIncidents.merge(processInstanceKey, active ? 1 : -1, Integer::sum);
    long current = processInstanceKey;
    while (current > 0) {
      Document instance = instances.find(current).orElse(null);
      if (instance == null) {
        return;
      }
      instance.put("hasIncident", hasIncidentInTree(current));
      current = instance.longField("parentProcessInstanceKey");
    }
  }

  private boolean hasIncidentInTree(long processInstanceKey) {
    if (activeIncidents.getOrDefault(processInstanceKey, 0) > 0) {
      return true;
    }
    return children.getOrDefault(processInstanceKey, Set.of()).stream()
        .anyMatch(child -> instances.find(child).map(d -> Boolean.TRUE.equals(d.get("hasIncident"))).orElse(false));
  }

  public List<Map<String, Object>> sequenceFlows(long processInstanceKey) {
    return sequenceFlows.getOrDefault(processInstanceKey, List.of()).stream()
        .map(flow -> (Map<String, Object>) new LinkedHashMap<>(flow))
        .toList();
  }

  /** The taken sequence flows of an instance as held in memory (null if none): for archiving. */
  List<Map<String, Object>> sequenceFlowsInMemory(long processInstanceKey) {
    return sequenceFlows.get(processInstanceKey);
  }

  /** The process instance and every instance it called, directly or not. */
  public Set<Long> tree(long rootProcessInstanceKey) {
    return Keys.tree(rootProcessInstanceKey, children);
  }

  /** Root first, down to the given instance. */
  public List<Document> callHierarchy(long processInstanceKey) {
    List<Document> chain = new ArrayList<>();
    long current = processInstanceKey;
    while (current > 0) {
      Document instance = instances.find(current).orElse(null);
      if (instance == null) {
        break;
      }
      chain.add(0, instance);
      current = instance.longField("parentProcessInstanceKey");
    }
    return chain;
  }

  public long flowScopeKey(long elementInstanceKey) {
    return elements.find(elementInstanceKey).map(e -> (Long) e.internal("flowScopeKey")).orElse(-1L);
  }

  public void removeInstances(Set<Long> processInstanceKeys) {
    Set<String> keys = new HashSet<>();
    processInstanceKeys.forEach(key -> keys.add(Long.toString(key)));
    instances.removeIf(instance -> keys.contains(instance.id()));
    elements.removeIf(element -> keys.contains((String) element.get("processInstanceKey")));
    processInstanceKeys.forEach(key -> {
      sequenceFlows.remove(key);
      children.remove(key);
      activeIncidents.remove(key);
    });
    children.values().forEach(set -> set.removeAll(processInstanceKeys));
  }

  public void clear() {
    instances.clear();
    elements.clear();
    sequenceFlows.clear();
    children.clear();
    activeIncidents.clear();
  }
}
