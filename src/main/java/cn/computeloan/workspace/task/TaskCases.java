package cn.computeloan.workspace.task;

import cn.computeloan.application.store.ApplicationStore;
import cn.computeloan.application.store.StepRecord;
import cn.computeloan.application.store.StoredApplication;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Resolves tasks to the applications they decide on, a page at once: one query by process instance
 * key (the approval process's key is on the application row); tasks of other processes (post-loan
 * monitoring, started by message) by their {@code applicationId} variable, one search for all of
 * them and one query. The escalations of those applications come in one more query.
 */
@Component
public class TaskCases {

  private final ApplicationStore store;
  private final CamundaClient client;
  private final ObjectMapper mapper;

  public TaskCases(ApplicationStore store, @Lazy CamundaClient client, ObjectMapper mapper) {
    this.store = store;
    this.client = client;
    this.mapper = mapper;
  }

  /** The tasks' applications, by process instance key (absent: the task belongs to none). */
  public Map<Long, StoredApplication> applications(List<UserTask> tasks) {
    Set<Long> keys = tasks.stream().map(UserTask::getProcessInstanceKey).collect(Collectors.toCollection(LinkedHashSet::new));
    Map<Long, StoredApplication> found = new HashMap<>();
    store.findByProcessInstanceKeys(keys).forEach(a -> found.put(a.processInstanceKey(), a));
    List<Long> others = keys.stream().filter(k -> !found.containsKey(k)).toList();
    if (!others.isEmpty()) {
      Map<Long, String> ids = applicationIdVariables(others);
      Map<String, StoredApplication> byId = store.findByIds(new LinkedHashSet<>(ids.values())).stream()
          .collect(Collectors.toMap(StoredApplication::id, Function.identity()));
      ids.forEach((instance, id) -> {
        if (byId.containsKey(id)) {
          found.put(instance, byId.get(id));
        }
      });
    }
    return found;
  }

  private Map<Long, String> applicationIdVariables(List<Long> instances) {
    Map<Long, String> ids = new HashMap<>();
    for (Variable v : client.newVariableSearchRequest()
        .filter(f -> f.name("applicationId").processInstanceKey(p -> p.in(instances)))
        .page(p -> p.limit(instances.size() * 4)).send().join().items()) {
      String value = v.getValue();
      // process-scope variable: a JSON string
      if (value != null && value.length() > 2 && value.startsWith("\"") && v.getScopeKey().equals(v.getProcessInstanceKey())) {
        ids.put(v.getProcessInstanceKey(), value.substring(1, value.length() - 1));
      }
    }
    return ids;
  }

  /** The escalation steps of these applications (supervisor alerts and moves up), by application id. */
  public Map<String, List<StepRecord>> escalations(Set<String> applicationIds) {
    return store.steps(applicationIds, "ESCALATION");
  }

  /**
   * Whether the task was escalated: moved up (its element, at any time of the case: a task moved up
   * stays with the higher group) or a supervisor alerted about it since it was created.
   */
  public boolean escalated(UserTask task, List<StepRecord> escalations) {
    Instant created = task.getCreationDate() == null ? Instant.EPOCH : task.getCreationDate().toInstant();
    for (StepRecord s : escalations == null ? List.<StepRecord>of() : escalations) {
      JsonNode r = read(s.result());
      if (!task.getElementId().equals(r.path("overdueTask").asText())) {
        continue;
      }
      if ("MOVED_UP".equals(r.path("kind").asText()) || !s.recordedAt().isBefore(created)) {
        return true;
      }
    }
    return false;
  }

  private JsonNode read(String json) {
    try {
      return mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored step result unreadable", e);
    }
  }
}
