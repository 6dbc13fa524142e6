package cn.computeloan.workspace.cases;

import cn.computeloan.application.store.ApplicationStore;
import cn.computeloan.application.store.SearchCriteria;
import cn.computeloan.application.store.StoredApplication;
import cn.computeloan.process.ApplicationStatus;
import cn.computeloan.workspace.task.TaskCases;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.filter.UserTaskFilter;
import io.camunda.client.api.search.response.SearchResponse;
import io.camunda.client.api.search.response.UserTask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The applications search: filters on the application store (one grouped count, one page query,
 * both on V1's indexes), the current task and assignee from the engine (user task search through the
 * client): a task or assignee filter first asks the engine which applications have such an open
 * task (at most {@link #MAX_TASK_MATCHES}), and the page's rows get their open tasks in one more
 * search. At most three engine calls and three queries per page, whatever the store holds.
 */
@Component
public class ApplicationSearch {

  /** A task or assignee filter looks at this many open tasks at most; the page says when it did. */
  static final int MAX_TASK_MATCHES = 1000;

  private final ApplicationStore store;
  private final TaskCases cases;
  private final CamundaClient client;

  public ApplicationSearch(ApplicationStore store, TaskCases cases, @Lazy CamundaClient client) {
    this.store = store;
    this.cases = cases;
    this.client = client;
  }

  /** One row: the application and its open user tasks (approval and post-loan monitoring). */
  public record Row(StoredApplication application, List<UserTask> openTasks) {}

  /**
   * @param counts matches per status, whatever the status filter (the other filters apply)
   * @param truncated the task or assignee filter matched more open tasks than were looked at
   */
  public record Result(ApplicationQuery query, List<Row> rows, long total, Map<ApplicationStatus, Long> counts,
      boolean truncated) {

    public int pages() {
      return (int) Math.min((total + query.size() - 1) / query.size(), ApplicationQuery.MAX_DEPTH / query.size());
    }

    public long countOf(ApplicationStatus status) {
      return counts.getOrDefault(status, 0L);
    }

    public long all() {
      return counts.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  public Result search(ApplicationQuery q) {
    Set<String> within = null;
    boolean truncated = false;
    if (q.byTask()) {
      SearchResponse<UserTask> found = openTasks(f -> {
        if (q.task() != null) {
          f.elementId(q.task());
        }
        if (q.assignee() != null) {
          f.assignee(q.assignee());
        }
      });
      Long total = found.page() == null ? null : found.page().totalItems();
      truncated = total != null && total > found.items().size();
      within = new LinkedHashSet<>();
      for (StoredApplication a : cases.applications(found.items()).values()) {
        within.add(a.id());
      }
    }
    SearchCriteria c = new SearchCriteria(q.status(), q.product() == null ? null : q.product().name(),
        q.tier() == null ? null : q.tier().name(), q.applicant(), q.submittedFrom(), q.submittedBefore());
    Map<ApplicationStatus, Long> counts = store.countByStatus(c, within);
    long total = q.status() != null ? counts.getOrDefault(q.status(), 0L)
        : counts.values().stream().mapToLong(Long::longValue).sum();
    List<StoredApplication> page = total <= q.offset() ? List.of()
        : store.searchSummaries(c, within, q.offset(), q.size());
    return new Result(q, rows(page), total, counts, truncated);
  }

  /** The page's applications with their open tasks: one search by the {@code applicationId} variable. */
  private List<Row> rows(List<StoredApplication> page) {
    List<String> started = page.stream().filter(a -> a.processInstanceKey() != null)
        .map(a -> "\"" + a.id() + "\"").toList();
    Map<String, List<UserTask>> tasks = new HashMap<>();
    if (!started.isEmpty()) {
      List<UserTask> open = openTasks(f -> f.processInstanceVariables(
          List.<Consumer<io.camunda.client.api.search.filter.VariableValueFilter>>of(
              v -> v.name("applicationId").value(p -> p.in(started))))).items();
      cases.applications(open).forEach((instance, a) -> open.stream()
          .filter(t -> t.getProcessInstanceKey().equals(instance))
          .forEach(t -> tasks.computeIfAbsent(a.id(), k -> new ArrayList<>()).add(t)));
    }
    return page.stream().map(a -> new Row(a, tasks.getOrDefault(a.id(), List.of()).stream()
        .sorted(Comparator.comparing(UserTask::getUserTaskKey)).toList())).toList();
  }

  private SearchResponse<UserTask> openTasks(Consumer<UserTaskFilter> filter) {
    return client.newUserTaskSearchRequest()
        .filter(f -> filter.accept(f.state(UserTaskState.CREATED)))
        .page(p -> p.limit(MAX_TASK_MATCHES))
        .send().join();
  }
}
