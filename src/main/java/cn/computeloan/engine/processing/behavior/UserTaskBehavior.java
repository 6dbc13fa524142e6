package cn.computeloan.engine.processing.behavior;

import cn.computeloan.engine.api.EngineException;
import cn.computeloan.engine.api.JobResult;
import cn.computeloan.engine.api.UserTaskUpdate;
import cn.computeloan.engine.expression.EvalResult;
import cn.computeloan.engine.model.TaskListenerDefinition;
import cn.computeloan.engine.model.UserTaskDefinition;
import cn.computeloan.engine.state.ElementInstance;
import cn.computeloan.engine.state.EngineState;
import cn.computeloan.engine.state.UserTask;
import cn.computeloan.engine.state.UserTask.State;
import cn.computeloan.engine.state.UserTask.Transition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Camunda user tasks: creation from the model, then assign / update / complete / cancel
 * transitions, each running its task listeners one job at a time; a listener may deny the
 * transition (the task returns to CREATED) or correct the task's properties.
 */
public final class UserTaskBehavior {

  private final ProcessingContext ctx;
  /** The callers waiting for a transition of a task (by task key) to pass its listeners. */
  private final Map<Long, CompletableFuture<Void>> answers = new HashMap<>();

  UserTaskBehavior(ProcessingContext ctx) {
    this.ctx = ctx;
  }

  /** Evaluates the task's properties; false when an expression failed (incident raised). */
  public UserTask prepare(ElementInstance instance) {
    UserTaskDefinition def = instance.element().userTask();
    Map<String, Object> vars = ctx.variables().visible(instance);
    UserTask task = new UserTask(ctx.state().nextKey(), instance, ctx.clock().millis());
    var feel = ctx.feel();
    if (def.assignee() != null && !def.assignee().isBlank()) {
      EvalResult<String> v = feel.evaluateString(def.assignee(), vars);
      if (failed(instance, v)) return null;
      task.assignee(v.value());
    }
    if (def.candidateGroups() != null && !def.candidateGroups().isBlank()) {
      EvalResult<List<String>> v = feel.evaluateStringList(def.candidateGroups(), vars);
      if (failed(instance, v)) return null;
      task.candidateGroups(v.value());
    }
    if (def.candidateUsers() != null && !def.candidateUsers().isBlank()) {
      EvalResult<List<String>> v = feel.evaluateStringList(def.candidateUsers(), vars);
      if (failed(instance, v)) return null;
      task.candidateUsers(v.value());
    }
    if (def.dueDate() != null && !def.dueDate().isBlank()) {
      EvalResult<String> v = feel.evaluateString(def.dueDate(), vars);
      if (failed(instance, v) || invalidDate(instance, v.value())) return null;
      task.dueDate(v.value());
    }
    if (def.followUpDate() != null && !def.followUpDate().isBlank()) {
      EvalResult<String> v = feel.evaluateString(def.followUpDate(), vars);
      if (failed(instance, v) || invalidDate(instance, v.value())) return null;
      task.followUpDate(v.value());
    }
    if (def.priority() != null && !def.priority().isBlank()) {
      EvalResult<Long> v = feel.evaluateLong(def.priority(), vars);
      if (failed(instance, v)) return null;
      if (v.value() < 0 || v.value() > 100) {
        ctx.incidents().raise(instance, "EXTRACT_VALUE_ERROR",
            "Expected priority to be a number between 0 and 100, but was '%d'".formatted(v.value()));
        return null;
      }
      task.priority(v.value().intValue());
    }
    if (def.formId() != null && !def.formId().isBlank()) {
      EvalResult<String> v = feel.evaluateString(def.formId(), vars);
      if (failed(instance, v)) return null;
      EngineState.Form form = ctx.state().latestForm(v.value());
      if (form == null) {
        ctx.incidents().raise(instance, "FORM_NOT_FOUND",
            "Expected to find a form with id '%s', but no form with this id is found, at least a form with this id should be available."
                .formatted(v.value()));
        return null;
      }
      task.formKey(form.key());
    }
    task.externalFormReference(def.externalFormReference());
    task.customHeaders(def.headers());
    return task;
  }

  private boolean failed(ElementInstance instance, EvalResult<?> result) {
    if (result.isFailure()) {
      ctx.incidents().raise(instance, "EXTRACT_VALUE_ERROR", result.failureMessage());
      return true;
    }
    return false;
  }

  private boolean invalidDate(ElementInstance instance, String value) {
    try {
      java.time.OffsetDateTime.parse(value);
      return false;
    } catch (java.time.format.DateTimeParseException e) {
      ctx.incidents().raise(instance, "EXTRACT_VALUE_ERROR",
          "Expected result of the expression to be a valid date-time string, but was '%s'".formatted(value));
      return true;
    }
  }

  /** Creates the prepared task: CREATING, creating listeners, CREATED (then the initial assignment). */
  public void create(UserTask task) {
    ElementInstance instance = task.elementInstance();
    String initialAssignee = task.assignee();
    task.assignee(null);
    ctx.state().userTasks().put(task.key(), task);
    instance.userTaskKey(task.key());
    task.state(State.CREATING);
    Map<String, Object> changes = new LinkedHashMap<>();
    if (initialAssignee != null) {
      changes.put("assignee", initialAssignee);
    }
    task.transition(new Transition(State.CREATING, "", null, changes, List.of()));
    ctx.writer().userTask("CREATING", task, null, List.of(), "", null, null);
    runListeners(task);
  }

  public CompletableFuture<Void> complete(long key, Map<String, Object> variables, String action, String actor) {
    UserTask task = ready(key, "complete");
    CompletableFuture<Void> answer = awaitTransition(task);
    begin(task, State.COMPLETING, action == null || action.isBlank() ? "complete" : action, actor,
        variables == null ? Map.of() : variables, List.of());
    ctx.writer().userTask("COMPLETING", task, variables, List.of(), task.transition().action(), actor, null);
    runListeners(task);
    return answer;
  }

  public CompletableFuture<Void> assign(long key, String assignee, String action, boolean allowOverride, String actor) {
    UserTask task = ready(key, assignee == null ? "unassign" : "assign");
    if (!allowOverride && task.assignee() != null && !task.assignee().isBlank() && !task.assignee().equals(assignee)) {
      throw EngineException.invalidState("Expected to claim user task with key '%d', but it has already been assigned"
          .formatted(key));
    }
    CompletableFuture<Void> answer = awaitTransition(task);
    Map<String, Object> changes = new LinkedHashMap<>();
    changes.put("assignee", assignee == null ? "" : assignee);
    String defaultAction = assignee == null ? "unassign" : "assign";
    begin(task, State.ASSIGNING, action == null || action.isBlank() ? defaultAction : action, actor, changes, List.of("assignee"));
    ctx.writer().userTask("ASSIGNING", task, null, List.of("assignee"), task.transition().action(), actor, null);
    runListeners(task);
    return answer;
  }

  public CompletableFuture<Void> update(long key, UserTaskUpdate update, String actor) {
    UserTask task = ready(key, "update");
    Map<String, Object> changes = new LinkedHashMap<>();
    if (update.dueDate() != null) changes.put("dueDate", update.dueDate());
    if (update.followUpDate() != null) changes.put("followUpDate", update.followUpDate());
    if (update.candidateGroups() != null) changes.put("candidateGroups", update.candidateGroups());
    if (update.candidateUsers() != null) changes.put("candidateUsers", update.candidateUsers());
    if (update.priority() != null) {
      if (update.priority() < 0 || update.priority() > 100) {
        throw EngineException.invalidArgument("priority must be between 0 and 100, but was " + update.priority());
      }
      changes.put("priority", update.priority());
    }
    List<String> changed = new ArrayList<>(changes.keySet());
    CompletableFuture<Void> answer = awaitTransition(task);
    begin(task, State.UPDATING, update.action() == null || update.action().isBlank() ? "update" : update.action(),
        actor, changes, changed);
    ctx.writer().userTask("UPDATING", task, null, changed, task.transition().action(), actor, null);
    runListeners(task);
    return answer;
  }

  private CompletableFuture<Void> awaitTransition(UserTask task) {
    CompletableFuture<Void> answer = new CompletableFuture<>();
    answers.put(task.key(), answer);
    return answer;
  }

  private void answer(UserTask task, EngineException refusal) {
    CompletableFuture<Void> answer = answers.remove(task.key());
    if (answer != null) {
      if (refusal == null) {
        answer.complete(null);
      } else {
        answer.completeExceptionally(refusal);
      }
    }
  }

  /** The engine was purged: nobody will settle the waiting commands any more. */
  public void abandonAnswers() {
    answers.values().forEach(a -> a.completeExceptionally(
        EngineException.invalidState("The user task no longer exists: the engine was purged")));
    answers.clear();
  }

  /** The element is terminating: cancel the task (canceling listeners run first). */
  public void cancel(ElementInstance instance) {
    UserTask task = ctx.state().userTasks().get(instance.userTaskKey());
    if (task == null) {
      instance.userTaskKey(-1);
      return;
    }
    ctx.jobs().cancel(instance);
    if (task.transition() != null && task.state() != State.CREATING) {
      answer(task, EngineException.invalidState(("Expected to %s user task with key '%d', but the task was canceled "
          + "while its listeners ran").formatted(task.transition().action(), task.key())));
    }
    task.state(State.CANCELING);
    task.transition(new Transition(State.CANCELING, "", null, Map.of(), List.of()));
    task.nextListener(0);
    ctx.writer().userTask("CANCELING", task, null, List.of(), "", null, null);
    runListeners(task);
  }

  private UserTask ready(long key, String action) {
    UserTask task = ctx.state().userTasks().get(key);
    if (task == null) {
      throw EngineException.notFound("user task", key);
    }
    if (task.state() != State.CREATED) {
      throw EngineException.invalidState("Expected to %s user task with key '%d', but it is in state '%s'"
          .formatted(action, key, task.state()));
    }
    return task;
  }

  private void begin(UserTask task, State state, String action, String actor, Map<String, Object> changes, List<String> changed) {
    task.state(state);
    task.nextListener(0);
    task.transition(new Transition(state, action, actor, changes, changed));
  }

  private List<TaskListenerDefinition> listenersFor(UserTask task) {
    String event = task.state().name().toLowerCase();
    return task.elementInstance().element().userTask().listeners().stream()
        .filter(l -> l.eventType().equals(event)).toList();
  }

  /** Creates the next listener job of the transition, or finishes the transition. */
  private void runListeners(UserTask task) {
    List<TaskListenerDefinition> listeners = listenersFor(task);
    if (task.nextListener() >= listeners.size()) {
      finish(task);
      return;
    }
    TaskListenerDefinition listener = listeners.get(task.nextListener());
    ElementInstance instance = task.elementInstance();
    Map<String, Object> vars = ctx.variables().visible(instance);
    EvalResult<String> type = ctx.feel().evaluateString(listener.type(), vars);
    EvalResult<Long> retries = listener.retries() == null ? EvalResult.ok(3L) : ctx.feel().evaluateLong(listener.retries(), vars);
    if (type.isFailure() || retries.isFailure()) {
      ctx.incidents().raise(instance, "EXTRACT_VALUE_ERROR",
          type.isFailure() ? type.failureMessage() : retries.failureMessage());
      return;
    }
    // the task's headers are the listener job's custom headers, as on Zeebe
    var job = ctx.jobs().create(instance, type.value(), retries.value().intValue(), task.customHeaders(),
        "TASK_LISTENER", task.state().name());
    instance.jobKey(job.key());
  }

  /** A listener job completed: deny, correct, or go on with the next listener. */
  void listenerCompleted(ElementInstance instance, Map<String, Object> variables, JobResult result) {
    UserTask task = ctx.state().userTasks().get(instance.userTaskKey());
    if (task == null) {
      return;
    }
    if (result.denied() && (task.state() == State.COMPLETING || task.state() == State.ASSIGNING || task.state() == State.UPDATING)) {
      String intent = switch (task.state()) {
        case COMPLETING -> "COMPLETION_DENIED";
        case ASSIGNING -> "ASSIGNMENT_DENIED";
        default -> "UPDATE_DENIED";
      };
      Transition t = task.transition();
      String command = switch (task.state()) {
        case COMPLETING -> "Completion";
        case ASSIGNING -> "Assignment";
        default -> "Update";
      };
      task.state(State.CREATED);
      task.transition(null);
      ctx.writer().userTask(intent, task, null, List.of(), t.action(), t.actor(), result.deniedReason());
      String reason = result.deniedReason() == null || result.deniedReason().isBlank() ? ""
          : " Reason to deny: '%s'".formatted(result.deniedReason());
      answer(task, EngineException.invalidState("%s of the User Task with key '%d' was denied by Task Listener.%s"
          .formatted(command, task.key(), reason)));
      return;
    }
    if (result.corrections() != null && !result.corrections().isEmpty()) {
      apply(task, result.corrections());
      ctx.writer().userTask("CORRECTED", task, null, new ArrayList<>(result.corrections().keySet()),
          task.transition().action(), task.transition().actor(), null);
    }
    task.nextListener(task.nextListener() + 1);
    runListeners(task);
  }

  private void finish(UserTask task) {
    Transition t = task.transition();
    ElementInstance instance = task.elementInstance();
    switch (task.state()) {
      case CREATING -> {
        task.state(State.CREATED);
        task.transition(null);
        ctx.writer().userTask("CREATED", task, null, List.of(), "", null, null);
        Object assignee = t.changes().get("assignee");
        if (assignee != null) {
          begin(task, State.ASSIGNING, "", null, t.changes(), List.of("assignee"));
          ctx.writer().userTask("ASSIGNING", task, null, List.of("assignee"), "", null, null);
          runListeners(task);
        }
      }
      case ASSIGNING, UPDATING -> {
        apply(task, t.changes());
        String intent = task.state() == State.ASSIGNING ? "ASSIGNED" : "UPDATED";
        task.state(State.CREATED);
        task.transition(null);
        ctx.writer().userTask(intent, task, null, t.changedAttributes(), t.action(), t.actor(), null);
        answer(task, null);
      }
      case COMPLETING -> {
        task.state(State.COMPLETED);
        task.transition(null);
        ctx.writer().userTask("COMPLETED", task, t.changes(), List.of(), t.action(), t.actor(), null);
        answer(task, null);
        ctx.state().userTasks().remove(task.key());
        instance.userTaskKey(-1);
        instance.pendingVariables(t.changes());
        ctx.complete(instance);
      }
      case CANCELING -> {
        task.state(State.CANCELED);
        task.transition(null);
        ctx.writer().userTask("CANCELED", task, null, List.of(), "", null, null);
        ctx.state().userTasks().remove(task.key());
        instance.userTaskKey(-1);
        ctx.terminatedIfDone(instance);
      }
      default -> throw new IllegalStateException("no transition to finish in state " + task.state());
    }
  }

  @SuppressWarnings("unchecked")
  private static void apply(UserTask task, Map<String, Object> changes) {
    changes.forEach((name, value) -> {
      switch (name) {
        case "assignee" -> task.assignee(value == null || "".equals(value) ? null : value.toString());
        case "dueDate" -> task.dueDate(value == null || "".equals(value) ? null : value.toString());
        case "followUpDate" -> task.followUpDate(value == null || "".equals(value) ? null : value.toString());
        case "candidateGroups" -> task.candidateGroups((List<String>) value);
        case "candidateUsers" -> task.candidateUsers((List<String>) value);
        case "priority" -> task.priority(((Number) value).intValue());
        default -> { }
      }
    });
  }
}
