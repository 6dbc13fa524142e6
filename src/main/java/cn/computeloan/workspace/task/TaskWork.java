package cn.computeloan.workspace.task;

import cn.computeloan.application.api.ApplicationProblems.InvalidRequestException;
import cn.computeloan.application.store.StepRecord;
import cn.computeloan.application.store.StoredApplication;
import cn.computeloan.credit.Violation;
import cn.computeloan.process.form.FieldProblem;
import cn.computeloan.process.form.FormSchema;
import cn.computeloan.process.form.TaskForms;
import cn.computeloan.workspace.StaffMember;
import cn.computeloan.workspace.task.TaskRefusedException.Kind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The people's task rules, the same on both runtimes: a person sees the tasks of their groups and
 * those assigned to them; claims only an unassigned task of their groups, for themself; releases
 * only their own; completes only their own, with only the fields its form declares writable,
 * checked with the form's own rules first. The completion goes through the application's engine
 * client with the action {@code complete:<username>}, so the completing listeners know who acts.
 */
@Component
public class TaskWork {

  /** Zeebe's wording when a task listener denies: "... was denied by Task Listener. Reason to deny: '...'". */
  private static final Pattern DENIAL = Pattern.compile("Reason to deny: '(.*)'", Pattern.DOTALL);
  private static final int MAX_VARIABLES = 500;

  private final CamundaClient client;
  private final TaskForms forms;
  private final TaskCases cases;
  private final TaskList list;
  private final ObjectMapper mapper;

  public TaskWork(@Lazy CamundaClient client, TaskForms forms, TaskCases cases, TaskList list, ObjectMapper mapper) {
    this.client = client;
    this.forms = forms;
    this.cases = cases;
    this.list = list;
    this.mapper = mapper;
  }

  /** The task if the person may see it. */
  public UserTask visibleTask(StaffMember me, long key) {
    UserTask task;
    try {
      task = client.newUserTaskGetRequest(key).send().join();
    } catch (ProblemException e) {
      if (e.code() == 404) {
        throw new TaskRefusedException(Kind.NOT_FOUND, "没有此任务 / no task " + key);
      }
      throw e;
    }
    if (!me.username().equals(task.getAssignee()) && !me.inGroupOf(task.getCandidateGroups())) {
      // the same answer as for a missing task: a person learns nothing about other groups' work
      throw new TaskRefusedException(Kind.NOT_FOUND, "没有此任务 / no task " + key);
    }
    return task;
  }

  public TaskDetail detail(StaffMember me, long key) {
    UserTask task = visibleTask(me, key);
    TaskSummary summary = summary(task);
    Optional<FormSchema> form = form(task);
    Map<String, Object> variables = form.isPresent() ? variables(key, form.get().readVariables()) : Map.of();
    Object note = variables.get("escalationNote");
    boolean open = task.getState() == UserTaskState.CREATED;
    boolean mine = me.username().equals(task.getAssignee());
    return new TaskDetail(summary, form.map(f -> read(f.source())).orElse(null),
        form.map(f -> List.copyOf(f.writableKeys())).orElse(List.of()), variables,
        note instanceof String s ? s : null, open && task.getAssignee() == null, open && mine, open && mine);
  }

  /** The summary of one task, with its application. */
  public TaskSummary summary(UserTask task) {
    Map<Long, StoredApplication> applications = cases.applications(List.of(task));
    StoredApplication a = applications.get(task.getProcessInstanceKey());
    Map<String, List<StepRecord>> escalations = a == null ? Map.of() : cases.escalations(Set.of(a.id()));
    return list.summary(task, a, escalations, Clock.systemUTC().instant());
  }

  public void claim(StaffMember me, long key) {
    UserTask task = openTask(me, key);
    if (me.username().equals(task.getAssignee())) {
      return;
    }
    if (task.getAssignee() != null) {
      throw new TaskRefusedException(Kind.CONFLICT, "任务已被 " + task.getAssignee() + " 认领 / the task is already claimed by "
          + task.getAssignee());
    }
    if (!me.inGroupOf(task.getCandidateGroups())) {
      throw new TaskRefusedException(Kind.FORBIDDEN, "此任务属于 " + task.getCandidateGroups()
          + "，不是您的岗位 / the task is for " + task.getCandidateGroups() + ", not for your role");
    }
    engine(() -> client.newAssignUserTaskCommand(key).assignee(me.username()).allowOverride(false)
        .action("claim").send().join());
  }

  public void unclaim(StaffMember me, long key) {
    UserTask task = openTask(me, key);
    if (!me.username().equals(task.getAssignee())) {
      throw new TaskRefusedException(Kind.CONFLICT, "只有认领人可以释放任务 / only the assignee may release the task");
    }
    engine(() -> client.newUnassignUserTaskCommand(key).send().join());
  }

  /**
   * Completes the person's own task with the form's writable fields, checked with the form's rules
   * against the task's current variables. Any refusal changes nothing.
   */
  public void complete(StaffMember me, long key, Map<String, Object> values) {
    UserTask task = openTask(me, key);
    if (!me.username().equals(task.getAssignee())) {
      throw new TaskRefusedException(Kind.CONFLICT, task.getAssignee() == null
          ? "请先认领任务 / claim the task before completing it"
          : "任务已由 " + task.getAssignee() + " 处理 / the task is assigned to " + task.getAssignee());
    }
    Optional<FormSchema> form = form(task);
    List<FieldProblem> problems = form
        .map(f -> f.validate(values, variables(key, f.readVariables())))
        .orElseGet(() -> values.keySet().stream().map(k -> new FieldProblem(k, FieldProblem.NOT_WRITABLE,
            "本任务没有表单，不能填写字段 / the task has no form: '" + k + "' cannot be set")).toList());
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems.stream()
          .map(p -> new Violation(p.field(), p.code(), p.message())).toList());
    }
    engine(() -> client.newCompleteUserTaskCommand(key).variables(values).action("complete:" + me.username())
        .send().join());
  }

  private UserTask openTask(StaffMember me, long key) {
    UserTask task = visibleTask(me, key);
    if (task.getState() != UserTaskState.CREATED) {
      throw new TaskRefusedException(Kind.CONFLICT, "任务已" + (task.getState() == UserTaskState.COMPLETED ? "完成" : "结束")
          + " / the task is " + String.valueOf(task.getState()).toLowerCase(java.util.Locale.ROOT));
    }
    return task;
  }

  /** Runs an engine command; its refusals become the person's answer (409 with the listener's reason). */
  private static void engine(Runnable command) {
    try {
      command.run();
    } catch (ProblemException e) {
      String detail = e.details() == null || e.details().getDetail() == null ? "" : e.details().getDetail();
      Matcher denial = DENIAL.matcher(detail);
      if (denial.find()) {
        throw new TaskRefusedException(Kind.CONFLICT, denial.group(1));
      }
      if (e.code() == 404) {
        throw new TaskRefusedException(Kind.CONFLICT, "任务已被他人处理 / the task was completed or canceled meanwhile");
      }
      if (e.code() == 409 || e.code() == 400) {
        throw new TaskRefusedException(Kind.CONFLICT, "任务状态已变化 / the task changed meanwhile: " + detail);
      }
      throw e;
    }
  }

  private Optional<FormSchema> form(UserTask task) {
    return forms.of(task.getUserTaskKey(), task.getFormKey());
  }

  /** The task's variables (its own scope over the process's) that the form reads, with full values. */
  Map<String, Object> variables(long key, Set<String> names) {
    Map<String, Object> values = new LinkedHashMap<>();
    List<Variable> found = client.newUserTaskVariableSearchRequest(key).withFullValues()
        .page(p -> p.limit(MAX_VARIABLES)).send().join().items();
    for (Variable v : found) {
      // the search lists the innermost scope first for a name shadowed by the task's input mappings
      if (names.contains(v.getName()) && (!values.containsKey(v.getName()) || v.getScopeKey() != null
          && !v.getScopeKey().equals(v.getProcessInstanceKey()))) {
        values.put(v.getName(), readValue(v.getValue()));
      }
    }
    return values;
  }

  private Object readValue(String json) {
    try {
      return json == null ? null : mapper.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      return json;
    }
  }

  private JsonNode read(String json) {
    try {
      return mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("form schema unreadable", e);
    }
  }
}
