package cn.computeloan.process.form;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.UserTaskProperties;
import io.camunda.client.api.search.response.Variable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * What every completing listener checks before it accepts a person's completion, the same on the
 * embedded engine and on a cluster (where Tasklist or any API caller may complete a task):
 * <ul>
 *   <li>the task is claimed, so the person who decides is known;
 *   <li>a completion made by the application's task API for {@code complete:<user>} is refused when
 *       the task has meanwhile been reassigned to someone else;
 *   <li>the completion sets only what the task's form declares writable, within the form's rules.
 * </ul>
 *
 * <p>A completing listener's job carries the completion's variables merged over the task's, so what
 * the completion set is found by comparing the job's variables with the task's variables before the
 * completion (read through the engine client with full values): a name the task did not have, or a
 * value that differs. A completion that repeats a value the task already has changes nothing and is
 * not distinguishable; the BPMN's output mappings keep such values local anyway.
 */
@Component
public class TaskCompletionRules {

  /** The action our task API completes with: {@code complete:<username>}. */
  public static final String ACTION_PREFIX = "complete:";
  private static final int MAX_TASK_VARIABLES = 1_000;
  private static final int REASONS_SHOWN = 5;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CamundaClient client;
  private final TaskForms forms;

  /** Lazy: contexts without a Camunda client (API-only tests) still start; listeners then do not run. */
  public TaskCompletionRules(@org.springframework.context.annotation.Lazy CamundaClient client, TaskForms forms) {
    this.client = client;
    this.forms = forms;
  }

  /** The outcome: the person deciding, what the completion set, and why it is refused (if it is). */
  public record Check(String person, Map<String, Object> completion, List<FieldProblem> problems, String refusal) {
    public boolean refused() {
      return refusal != null;
    }
  }

  /** The action the task API sends when it completes a task for {@code username}. */
  public static String actionFor(String username) {
    return ACTION_PREFIX + username;
  }

  public Check check(ActivatedJob job) {
    UserTaskProperties task = job.getUserTask();
    if (task == null || task.getUserTaskKey() == null) {
      throw new IllegalStateException(job.getType() + " must be a user task listener, but job " + job.getKey()
          + " has no user task");
    }
    String person = task.getAssignee();
    if (person == null || person.isBlank()) {
      return refused(null, "请先认领任务 / claim the task before completing it: who decides must be known");
    }
    String action = task.getAction();
    if (action != null && action.startsWith(ACTION_PREFIX) && !action.substring(ACTION_PREFIX.length()).equals(person)) {
      return refused(person, "任务已转给他人，未提交 / the task was reassigned to " + person
          + " before this completion arrived: nothing was written");
    }
    long key = task.getUserTaskKey();
    Map<String, List<Object>> before = taskVariables(key);
    Map<String, Object> completion = completion(job.getVariablesAsMap(), before);
    Optional<FormSchema> form = forms.of(key, task.getFormKey());
    List<FieldProblem> problems = form
        .map(f -> f.validate(completion, current(before)))
        .orElseGet(() -> completion.keySet().stream().map(name -> new FieldProblem(name, FieldProblem.NOT_WRITABLE,
            "此任务没有表单，不能填写 / the task has no form: '" + name + "' cannot be set")).toList());
    if (problems.isEmpty()) {
      return new Check(person, completion, List.of(), null);
    }
    String reasons = problems.stream().limit(REASONS_SHOWN).map(FieldProblem::message).collect(Collectors.joining("; "));
    return new Check(person, completion, problems, "提交内容不符合表单 / the completion does not match the task's form: "
        + reasons + (problems.size() > REASONS_SHOWN ? "; …" : ""));
  }

  private static Check refused(String person, String reason) {
    return new Check(person, Map.of(), List.of(), reason);
  }

  /** The task's variables before the completion, by name (several values where scopes shadow). */
  private Map<String, List<Object>> taskVariables(long userTaskKey) {
    List<Variable> items = client.newUserTaskVariableSearchRequest(userTaskKey).withFullValues()
        .page(p -> p.limit(MAX_TASK_VARIABLES)).send().join().items();
    if (items.size() >= MAX_TASK_VARIABLES) {
      throw new IllegalStateException("user task " + userTaskKey + " has " + MAX_TASK_VARIABLES
          + " or more variables: too many to check a completion against");
    }
    Map<String, List<Object>> byName = new HashMap<>();
    for (Variable v : items) {
      byName.computeIfAbsent(v.getName(), n -> new ArrayList<>()).add(parse(v.getValue()));
    }
    return byName;
  }

  private static Map<String, Object> completion(Map<String, Object> jobVariables, Map<String, List<Object>> before) {
    Map<String, Object> set = new LinkedHashMap<>();
    jobVariables.forEach((name, value) -> {
      List<Object> existing = before.get(name);
      if (existing == null || existing.stream().noneMatch(e -> sameJson(e, value))) {
        set.put(name, value);
      }
    });
    return set;
  }

  private static Map<String, Object> current(Map<String, List<Object>> before) {
    Map<String, Object> values = new HashMap<>();
    before.forEach((name, list) -> values.put(name, list.get(0)));
    return values;
  }

  private static Object parse(String json) {
    try {
      return json == null ? null : JSON.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a task variable's value is not JSON", e);
    }
  }

  /** JSON equality with numbers compared by value (1, 1.0 and 1E0 are the same amount). */
  static boolean sameJson(Object a, Object b) {
    JsonNode left = JSON.valueToTree(a);
    JsonNode right = JSON.valueToTree(b);
    return left.equals((x, y) -> x.isNumber() && y.isNumber()
        ? new BigDecimal(x.asText()).compareTo(new BigDecimal(y.asText()))
        : x.equals(y) ? 0 : 1, right);
  }
}
