package cn.computeloan.workspace.cases;

import cn.computeloan.application.api.ApplicationProblems.InvalidRequestException;
import cn.computeloan.credit.InputLimits;
import cn.computeloan.credit.Violation;
import cn.computeloan.workspace.QueryParams;
import cn.computeloan.credit.model.Product;
import cn.computeloan.credit.model.Tier;
import cn.computeloan.process.ApplicationStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The filters of the applications search, read from request parameters; every bad one is named in
 * an {@link InvalidRequestException} (the page answers 400). Dates are calendar days in
 * Asia/Shanghai, both ends inclusive.
 *
 * @param task BPMN element id of an open user task (current task)
 * @param assignee who holds an open task of the application
 */
public record ApplicationQuery(ApplicationStatus status, Product product, Tier tier, String applicant,
    LocalDate from, LocalDate to, String task, String assignee, int page, int size) {

  public static final int MAX_SIZE = 100;
  /** Deeper pages cost an OFFSET scan: filter instead. */
  public static final int MAX_DEPTH = 10_000;
  public static final int MAX_APPLICANT = 200;
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final Pattern ELEMENT_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,199}");

  public static ApplicationQuery from(Map<String, String> params) {
    List<Violation> problems = new ArrayList<>();
    ApplicationStatus status = choice(params, "status", ApplicationStatus.class, problems);
    Product product = choice(params, "product", Product.class, problems);
    Tier tier = choice(params, "tier", Tier.class, problems);
    String applicant = text(params, "applicant", MAX_APPLICANT, problems);
    LocalDate from = date(params, "from", problems);
    LocalDate to = date(params, "to", problems);
    if (from != null && to != null && to.isBefore(from)) {
      problems.add(new Violation("to", "OUT_OF_RANGE", "must not be before 'from'"));
    }
    String task = text(params, "task", 200, problems);
    if (task != null && !ELEMENT_ID.matcher(task).matches()) {
      problems.add(new Violation("task", "INVALID_VALUE", "a BPMN element id: letters, digits, '_', '.', '-'"));
    }
    String assignee = text(params, "assignee", 100, problems);
    int page = QueryParams.number(params, "page", 0, problems);
    int size = QueryParams.number(params, "size", 25, problems);
    QueryParams.paging(page, size, MAX_SIZE, MAX_DEPTH, "rows", problems);
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return new ApplicationQuery(status, product, tier, applicant, from, to, task, assignee, page, size);
  }

  /** Start of {@link #from}'s day in Shanghai (inclusive). */
  public Instant submittedFrom() {
    return from == null ? null : from.atStartOfDay(SHANGHAI).toInstant();
  }

  /** Start of the day after {@link #to} in Shanghai (exclusive). */
  public Instant submittedBefore() {
    return to == null ? null : to.plusDays(1).atStartOfDay(SHANGHAI).toInstant();
  }

  /** Whether the engine must be asked which applications have a matching open task. */
  public boolean byTask() {
    return task != null || assignee != null;
  }

  public int offset() {
    return page * size;
  }

  public ApplicationQuery withPage(int other) {
    return new ApplicationQuery(status, product, tier, applicant, from, to, task, assignee, other, size);
  }

  public ApplicationQuery withStatus(ApplicationStatus other) {
    return new ApplicationQuery(other, product, tier, applicant, from, to, task, assignee, 0, size);
  }

  /** The same query as request parameters, for paging links and the language switch. */
  public String toQueryString() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("status", status);
    p.put("product", product);
    p.put("tier", tier);
    p.put("applicant", applicant);
    p.put("from", from);
    p.put("to", to);
    p.put("task", task);
    p.put("assignee", assignee);
    p.put("page", page);
    p.put("size", size);
    StringBuilder q = new StringBuilder();
    p.forEach((k, v) -> {
      if (v != null) {
        q.append(q.isEmpty() ? "" : "&").append(k).append('=')
            .append(URLEncoder.encode(v.toString(), StandardCharsets.UTF_8));
      }
    });
    return q.toString();
  }

  private static <E extends Enum<E>> E choice(Map<String, String> params, String name, Class<E> type,
      List<Violation> problems) {
    String given = params.get(name);
    if (given == null || given.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, given.strip());
    } catch (IllegalArgumentException e) {
      problems.add(new Violation(name, "UNKNOWN_VALUE", "must be one of "
          + Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
      return null;
    }
  }

  private static String text(Map<String, String> params, String name, int max, List<Violation> problems) {
    String given = params.get(name);
    if (given == null || given.isBlank()) {
      return null;
    }
    String text = given.strip();
    if (text.length() > max || !InputLimits.printable(text)) {
      problems.add(new Violation(name, "INVALID_VALUE", "at most " + max + " characters, no control characters"));
      return null;
    }
    return text;
  }

  private static LocalDate date(Map<String, String> params, String name, List<Violation> problems) {
    String given = params.get(name);
    if (given == null || given.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(given.strip());
    } catch (DateTimeParseException e) {
      problems.add(new Violation(name, "INVALID_VALUE", "a date as yyyy-MM-dd"));
      return null;
    }
  }
}
