package cn.computeloan.workspace.task;

import cn.computeloan.application.store.ApplicationStore;
import cn.computeloan.application.store.StepRecord;
import cn.computeloan.application.store.StoredApplication;
import cn.computeloan.workspace.StaffMember;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.filter.UserTaskFilter;
import io.camunda.client.api.search.response.SearchResponse;
import io.camunda.client.api.search.response.UserTask;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The tasks a person may work on: those whose candidate group is one of their groups, and those
 * assigned to them; searched through the engine client (the same on both runtimes), each page
 * resolved to its applications at once ({@link TaskCases}).
 */
@Component
public class TaskList {

  private final CamundaClient client;
  private final TaskCases cases;
  private final ApplicationStore store;
  private final Clock clock;

  /** Lazy: contexts without a Camunda client (API-only tests) still start. */
  @org.springframework.beans.factory.annotation.Autowired
  public TaskList(@Lazy CamundaClient client, TaskCases cases, ApplicationStore store) {
    this(client, cases, store, Clock.systemUTC());
  }

  TaskList(CamundaClient client, TaskCases cases, ApplicationStore store, Clock clock) {
    this.client = client;
    this.cases = cases;
    this.store = store;
    this.clock = clock;
  }

  public TaskPage list(StaffMember me, TaskQuery q) {
    Long instance = null;
    if (q.applicationId() != null) {
      Optional<Long> key = store.findByIds(List.of(q.applicationId())).stream().findFirst()
          .map(StoredApplication::processInstanceKey);
      if (key.isEmpty()) {
        return new TaskPage(List.of(), q.page(), q.size(), 0);
      }
      instance = key.get();
    }
    Instant now = clock.instant();
    Consumer<UserTaskFilter> common = common(q, instance, now);
    int from = q.page() * q.size();
    Found found = switch (q.scope()) {
      case ASSIGNED -> search(f -> common.accept(f.assignee(me.username())), q, from, q.size());
      case UNASSIGNED -> search(f -> common.accept(groups(f, me).assignee(a -> a.exists(false))), q, from, q.size());
      case GROUPS -> search(f -> common.accept(groups(f, me)), q, from, q.size());
      case ALL -> mineAndMyGroups(me, q, common, from);
    };
    return new TaskPage(summaries(found.tasks(), now), q.page(), q.size(), found.total());
  }

  private record Found(List<UserTask> tasks, long total) {}

  /**
   * My groups' tasks plus tasks assigned to me outside my groups. The second set is normally empty
   * (people claim only in their groups), so it is checked first and the group search alone pages;
   * otherwise both are merged in memory, bounded by {@link TaskQuery#MAX_DEPTH}.
   */
  private Found mineAndMyGroups(StaffMember me, TaskQuery q, Consumer<UserTaskFilter> common, int from) {
    Found assigned = search(f -> common.accept(f.assignee(me.username())), q, 0, from + q.size());
    List<UserTask> elsewhere = assigned.tasks().stream().filter(t -> !me.inGroupOf(t.getCandidateGroups())).toList();
    if (elsewhere.isEmpty() && assigned.total() <= assigned.tasks().size()) {
      return search(f -> common.accept(groups(f, me)), q, from, q.size());
    }
    Found inGroups = search(f -> common.accept(groups(f, me)), q, 0, from + q.size());
    List<UserTask> merged = new ArrayList<>(inGroups.tasks());
    merged.addAll(elsewhere);
    merged.sort(order(q));
    List<UserTask> page = merged.subList(Math.min(from, merged.size()), Math.min(from + q.size(), merged.size()));
    return new Found(List.copyOf(page), inGroups.total() + elsewhere.size());
  }

  private static UserTaskFilter groups(UserTaskFilter f, StaffMember me) {
    return f.candidateGroup(g -> g.in(me.groups().isEmpty() ? List.of("-") : me.groups()));
  }

  private static Consumer<UserTaskFilter> common(TaskQuery q, Long instance, Instant now) {
    return f -> {
      f.state(UserTaskState.valueOf(q.state()));
      if (q.process() != null) {
        f.bpmnProcessId(q.process());
      }
      if (instance != null) {
        f.processInstanceKey(instance);
      }
      if (q.overdue()) {
        f.dueDate(d -> d.lt(OffsetDateTime.ofInstant(now, ZoneOffset.UTC)));
      }
    };
  }

  private Found search(Consumer<UserTaskFilter> filter, TaskQuery q, int from, int limit) {
    SearchResponse<UserTask> response = client.newUserTaskSearchRequest()
        .filter(filter)
        .sort(s -> {
          var field = q.sort() == TaskQuery.Sort.DUE_DATE ? s.dueDate() : s.creationDate();
          if (q.descending()) {
            field.desc();
          } else {
            field.asc();
          }
        })
        .page(p -> p.from(from).limit(limit))
        .send().join();
    Long total = response.page() == null ? null : response.page().totalItems();
    return new Found(response.items(), total == null ? response.items().size() : total);
  }

  private static Comparator<UserTask> order(TaskQuery q) {
    Comparator<UserTask> c = Comparator.comparing(
        t -> q.sort() == TaskQuery.Sort.DUE_DATE ? t.getDueDate() : t.getCreationDate(),
        Comparator.nullsLast(Comparator.naturalOrder()));
    c = q.descending() ? c.reversed() : c;
    return c.thenComparing(UserTask::getUserTaskKey);
  }

  List<TaskSummary> summaries(List<UserTask> tasks, Instant now) {
    Map<Long, StoredApplication> applications = cases.applications(tasks);
    Set<String> ids = new LinkedHashSet<>();
    applications.values().forEach(a -> ids.add(a.id()));
    Map<String, List<StepRecord>> escalations = cases.escalations(ids);
    return tasks.stream().map(t -> summary(t, applications.get(t.getProcessInstanceKey()), escalations, now)).toList();
  }

  TaskSummary summary(UserTask t, StoredApplication a, Map<String, List<StepRecord>> escalations, Instant now) {
    Instant due = t.getDueDate() == null ? null : t.getDueDate().toInstant();
    boolean open = t.getState() == UserTaskState.CREATED;
    return new TaskSummary(String.valueOf(t.getUserTaskKey()), t.getName(), t.getElementId(), t.getBpmnProcessId(),
        String.valueOf(t.getProcessInstanceKey()), t.getState() == null ? null : t.getState().name(), t.getAssignee(),
        t.getCandidateGroups() == null ? List.of() : t.getCandidateGroups(),
        t.getCreationDate() == null ? null : t.getCreationDate().toInstant(), due,
        open && due != null && due.isBefore(now),
        a != null && open && cases.escalated(t, escalations.get(a.id())),
        a == null ? null : a.id(), a == null ? null : a.applicantName(), a == null ? null : a.product(),
        a == null ? null : a.requestedAmount(), a == null ? null : a.tier());
  }
}
