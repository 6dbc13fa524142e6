package cn.computeloan.workspace.task;

import cn.computeloan.application.api.ApplicationProblems.InvalidRequestException;
import cn.computeloan.credit.Violation;
import cn.computeloan.workspace.QueryParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Filters, sort and page of a task list, read from request parameters with every bound checked:
 * {@code mine} (all, assigned, unassigned, groups), {@code state}, {@code process},
 * {@code application}, {@code overdue}, {@code sort} (dueDate, creationDate), {@code order}
 * (asc, desc), {@code page}, {@code size}.
 */
public record TaskQuery(Scope scope, String state, String process, String applicationId, boolean overdue,
    Sort sort, boolean descending, int page, int size) {

  public static final int MAX_SIZE = 100;
  /** No list reaches deeper than this: beyond it, filters narrow better than paging. */
  public static final int MAX_DEPTH = 10_000;
  private static final List<String> STATES = List.of("CREATED", "COMPLETED", "CANCELED");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

  /** Whose tasks. */
  public enum Scope {
    /** Tasks of my groups and tasks assigned to me. */
    ALL,
    ASSIGNED,
    UNASSIGNED,
    /** Tasks of my groups, whoever holds them. */
    GROUPS
  }

  public enum Sort { DUE_DATE, CREATION_DATE }

  public static TaskQuery defaults() {
    return new TaskQuery(Scope.ALL, "CREATED", null, null, false, Sort.DUE_DATE, false, 0, 25);
  }

  /** Reads the parameters; any bad one is an {@link InvalidRequestException} naming it. */
  public static TaskQuery from(Map<String, String> params) {
    List<Violation> problems = new ArrayList<>();
    Scope scope = choice(params, "mine", Scope.ALL, Map.of("all", Scope.ALL, "assigned", Scope.ASSIGNED,
        "unassigned", Scope.UNASSIGNED, "groups", Scope.GROUPS), problems);
    String state = params.getOrDefault("state", "CREATED").toUpperCase(Locale.ROOT);
    if (!STATES.contains(state)) {
      problems.add(new Violation("state", "UNKNOWN_VALUE", "must be one of " + STATES));
    }
    String process = text(params, "process", problems);
    String application = text(params, "application", problems);
    String overdue = params.getOrDefault("overdue", "false");
    if (!overdue.equals("true") && !overdue.equals("false")) {
      problems.add(new Violation("overdue", "INVALID_VALUE", "must be true or false"));
    }
    Sort sort = choice(params, "sort", Sort.DUE_DATE, Map.of("dueDate", Sort.DUE_DATE, "creationDate",
        Sort.CREATION_DATE), problems);
    Boolean descending = choice(params, "order", false, Map.of("asc", false, "desc", true), problems);
    int page = QueryParams.number(params, "page", 0, problems);
    int size = QueryParams.number(params, "size", 25, problems);
    QueryParams.paging(page, size, MAX_SIZE, MAX_DEPTH, "tasks", problems);
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return new TaskQuery(scope, state, process, application, overdue.equals("true"), sort, descending, page, size);
  }

  private static <T> T choice(Map<String, String> params, String name, T fallback, Map<String, T> values,
      List<Violation> problems) {
    String given = params.get(name);
    if (given == null || given.isBlank()) {
      return fallback;
    }
    T value = values.get(given);
    if (value == null) {
      problems.add(new Violation(name, "UNKNOWN_VALUE", "must be one of " + values.keySet().stream().sorted().toList()));
      return fallback;
    }
    return value;
  }

  private static String text(Map<String, String> params, String name, List<Violation> problems) {
    String given = params.get(name);
    if (given == null || given.isBlank()) {
      return null;
    }
    if (!NAME.matcher(given.strip()).matches()) {
      problems.add(new Violation(name, "INVALID_VALUE", "1 to 100 letters, digits, '.', '_' or '-'"));
      return null;
    }
    return given.strip();
  }

  /** The same query as request parameters (for links and the inbox's refresh). */
  public String toQueryString() {
    StringBuilder q = new StringBuilder("mine=").append(scope.name().toLowerCase(Locale.ROOT))
        .append("&state=").append(state)
        .append("&sort=").append(sort == Sort.DUE_DATE ? "dueDate" : "creationDate")
        .append("&order=").append(descending ? "desc" : "asc");
    if (process != null) {
      q.append("&process=").append(process);
    }
    if (applicationId != null) {
      q.append("&application=").append(applicationId);
    }
    if (overdue) {
      q.append("&overdue=true");
    }
    return q.append("&page=").append(page).append("&size=").append(size).toString();
  }

  public TaskQuery withPage(int other) {
    return new TaskQuery(scope, state, process, applicationId, overdue, sort, descending, other, size);
  }
}
