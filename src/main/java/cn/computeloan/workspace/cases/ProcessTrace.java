package cn.computeloan.workspace.cases;

import cn.computeloan.application.audit.AuditEvent;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.search.enums.ElementInstanceType;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.ProcessInstanceSequenceFlow;
import io.camunda.client.api.search.response.SearchResponse;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import io.camunda.client.api.statistics.response.ProcessElementStatistics;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * What the case page draws on a process diagram, read through the Camunda client as Operate reads
 * it: the instance, its process version's XML, per-element statistics (active, completed, canceled,
 * incidents), the sequence flows taken, the element instances (running and from the history), the
 * incidents, the user tasks (assignee) and the variables by scope. The calls go out together and are
 * joined once. Who acted on an element instance comes from the audit trail (the person or worker
 * recorded with that element instance) or, for a user task, its assignee.
 */
@Component
public class ProcessTrace {

  /** The engine's largest page; a case has far fewer element instances, tasks or variables. */
  static final int LIMIT = 1000;
  /** A variable's value is shown up to this many characters. */
  static final int VALUE_CHARS = 300;

  private final CamundaClient client;

  public ProcessTrace(@Lazy CamundaClient client) {
    this.client = client;
  }

  public record Trace(String processInstanceKey, String bpmnProcessId, String processName, Integer version,
      String state, OffsetDateTime startDate, OffsetDateTime endDate, String xml,
      Map<String, Counts> elements, List<String> takenFlows, List<IncidentView> incidents,
      Map<String, List<InstanceView>> instances, List<VariableView> processVariables, Map<String, String> names) {}

  /** Per element: as the statistics endpoint counts, plus the instances of a multi-instance body. */
  public record Counts(long active, long completed, long canceled, long incidents, long instances,
      boolean multiInstance) {}

  public record IncidentView(String elementId, String type, String message, OffsetDateTime created, String state) {}

  public record InstanceView(String elementInstanceKey, String type, String state, OffsetDateTime startDate,
      OffsetDateTime endDate, boolean incident, List<String> by, List<VariableView> variables) {}

  public record VariableView(String name, String value, boolean truncated) {}

  /**
   * @param label the name a person reads for an element id (the page's language), null if it has none
   */
  public Trace trace(long processInstanceKey, List<AuditEvent> audit, Function<String, String> label) {
    ProcessInstance instance = client.newProcessInstanceGetRequest(processInstanceKey).send().join();
    CamundaFuture<String> xml = client.newProcessDefinitionGetXmlRequest(instance.getProcessDefinitionKey()).send();
    CamundaFuture<List<ProcessElementStatistics>> statistics =
        client.newProcessInstanceElementStatisticsRequest(processInstanceKey).send();
    CamundaFuture<List<ProcessInstanceSequenceFlow>> flows =
        client.newProcessInstanceSequenceFlowsRequest(processInstanceKey).send();
    CamundaFuture<SearchResponse<ElementInstance>> elements = client.newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey)).sort(s -> s.startDate().asc())
        .page(p -> p.limit(LIMIT)).send();
    CamundaFuture<SearchResponse<Incident>> incidents =
        client.newIncidentsByProcessInstanceSearchRequest(processInstanceKey).page(p -> p.limit(LIMIT)).send();
    CamundaFuture<SearchResponse<UserTask>> tasks = client.newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey)).page(p -> p.limit(LIMIT)).send();
    CamundaFuture<SearchResponse<Variable>> variables = client.newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey)).page(p -> p.limit(LIMIT)).send();

    Map<Long, List<VariableView>> byScope = new HashMap<>();
    for (Variable v : variables.join().items()) {
      byScope.computeIfAbsent(v.getScopeKey(), k -> new ArrayList<>()).add(variable(v));
    }
    Map<Long, String> assignees = new HashMap<>();
    for (UserTask t : tasks.join().items()) {
      if (t.getAssignee() != null) {
        assignees.put(t.getElementInstanceKey(), t.getAssignee());
      }
    }
    Map<Long, Set<String>> actors = new HashMap<>();
    for (AuditEvent e : audit) {
      if (e.elementInstanceKey() != null && Objects.equals(e.processInstanceKey(), processInstanceKey)) {
        actors.computeIfAbsent(e.elementInstanceKey(), k -> new LinkedHashSet<>()).add(e.actor());
      }
    }
    Map<String, List<InstanceView>> instances = new LinkedHashMap<>();
    Map<String, Boolean> multiInstance = new HashMap<>();
    for (ElementInstance e : elements.join().items()) {
      if (e.getType() == ElementInstanceType.MULTI_INSTANCE_BODY) {
        multiInstance.put(e.getElementId(), true);
      }
      Set<String> by = new LinkedHashSet<>(actors.getOrDefault(e.getElementInstanceKey(), Set.of()));
      if (assignees.containsKey(e.getElementInstanceKey())) {
        by.add(assignees.get(e.getElementInstanceKey()));
      }
      instances.computeIfAbsent(e.getElementId(), k -> new ArrayList<>()).add(new InstanceView(
          String.valueOf(e.getElementInstanceKey()), name(e.getType()), name(e.getState()), e.getStartDate(),
          e.getEndDate(), Boolean.TRUE.equals(e.getIncident()), List.copyOf(by),
          byScope.getOrDefault(e.getElementInstanceKey(), List.of())));
    }
    Map<String, Counts> counts = new LinkedHashMap<>();
    for (ProcessElementStatistics s : statistics.join()) {
      long inner = instances.getOrDefault(s.getElementId(), List.of()).stream()
          .filter(i -> !"MULTI_INSTANCE_BODY".equals(i.type())).count();
      counts.put(s.getElementId(), new Counts(n(s.getActive()), n(s.getCompleted()), n(s.getCanceled()),
          n(s.getIncidents()), inner, multiInstance.getOrDefault(s.getElementId(), false)));
    }
    List<IncidentView> incidentViews = incidents.join().items().stream().map(i -> new IncidentView(i.getElementId(),
        name(i.getErrorType()), i.getErrorMessage(), i.getCreationTime(), name(i.getState()))).toList();
    List<String> taken = flows.join().stream().map(ProcessInstanceSequenceFlow::getElementId).distinct().toList();
    Map<String, String> names = new LinkedHashMap<>();
    instances.keySet().forEach(id -> {
      String name = label.apply(id);
      if (name != null) {
        names.put(id, name);
      }
    });
    return new Trace(String.valueOf(processInstanceKey), instance.getProcessDefinitionId(),
        instance.getProcessDefinitionName(), instance.getProcessDefinitionVersion(), name(instance.getState()),
        instance.getStartDate(), instance.getEndDate(), xml.join(), counts, taken, incidentViews, instances,
        byScope.getOrDefault(processInstanceKey, List.of()), names);
  }

  private static VariableView variable(Variable v) {
    String value = v.getValue() == null ? "null" : v.getValue();
    boolean cut = Boolean.TRUE.equals(v.isTruncated()) || value.length() > VALUE_CHARS;
    return new VariableView(v.getName(), value.length() > VALUE_CHARS ? value.substring(0, VALUE_CHARS) : value, cut);
  }

  private static long n(Long value) {
    return value == null ? 0 : value;
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }
}
