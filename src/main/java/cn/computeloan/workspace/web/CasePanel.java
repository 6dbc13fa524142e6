package cn.computeloan.workspace.web;

import cn.computeloan.application.api.ApplicationViews.Detail;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The case beside a task, as the workers recorded it (the same data as {@code GET
 * /api/applications/{id}}), arranged for the page: nothing here recomputes the policy; it only
 * picks, orders and sums for display.
 */
public final class CasePanel {

  static final List<String> RATIOS = List.of("debtToAsset", "currentRatio", "quickRatio", "interestCoverage",
      "debtToEbitda", "debtServiceCoverage", "netMargin", "grossMargin", "revenueGrowth", "rdIntensity",
      "cashRunwayMonths");

  private final Map<String, Object> detail;

  private CasePanel(Map<String, Object> detail) {
    this.detail = detail;
  }

  /** Reads the detail with decimals kept exact (money and ratios are BigDecimal). */
  public static CasePanel of(Detail detail, ObjectMapper mapper) {
    ObjectMapper exact = mapper.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = exact.readValue(mapper.writeValueAsBytes(detail), Map.class);
      return new CasePanel(map);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("case detail unreadable", e);
    }
  }

  public Object get(String key) {
    return detail.get(key);
  }

  /** The submitted application (applicant, product, amount, term, ...). */
  public Map<String, Object> application() {
    return map(detail.get("application"));
  }

  public Map<String, Object> applicant() {
    return map(application().get("applicant"));
  }

  /** The latest result of a step ({@code REVIEW}, {@code SCORE}, {@code LIMIT}, ...), empty if none yet. */
  public Map<String, Object> result(String step) {
    return map(map(map(detail.get("results")).get(step)).get("result"));
  }

  public String policyVersion(String step) {
    Object v = map(map(detail.get("results")).get(step)).get("policyVersion");
    return v == null ? null : v.toString();
  }

  /** The last three years of ratios the review computed, oldest first. */
  public List<Map<String, Object>> years() {
    List<Map<String, Object>> ratios = list(result("REVIEW").get("ratios"));
    return ratios.subList(Math.max(0, ratios.size() - 3), ratios.size());
  }

  public List<String> ratioNames() {
    return RATIOS;
  }

  /** Each factor's points with its share of the total score. */
  public List<Map<String, Object>> factors() {
    Map<String, Object> score = result("SCORE");
    BigDecimal total = Formats.decimal(score.get("score"));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> f : list(score.get("factors"))) {
      Map<String, Object> row = new LinkedHashMap<>(f);
      BigDecimal points = Formats.decimal(f.get("points"));
      row.put("share", total == null || points == null || total.signum() == 0 ? null
          : points.divide(total, 4, RoundingMode.HALF_UP));
      rows.add(row);
    }
    return rows;
  }

  /** The guarantee offers the proposal selected. */
  public List<Map<String, Object>> selectedGuarantees() {
    return list(result("GUARANTEE").get("offers")).stream().filter(o -> Boolean.TRUE.equals(o.get("selected")))
        .toList();
  }

  /**
   * Earlier decisions of this case, oldest first: each proposal (who prepared it, the
   * recommendation and summary) and each vote (who, decision, comment, amount), by round.
   */
  public List<Map<String, Object>> history() {
    List<Map<String, Object>> entries = new ArrayList<>();
    for (Map<String, Object> step : list(detail.get("steps"))) {
      if ("PREPARATION".equals(step.get("step"))) {
        Map<String, Object> r = map(step.get("result"));
        entries.add(entry("PREPARATION", step.get("actor"), step.get("recordedAt"), r.get("round"), null,
            r.get("recommendation"), r.get("proposalSummary"), null));
      }
    }
    for (Map<String, Object> vote : list(detail.get("approvals"))) {
      entries.add(entry("VOTE", vote.get("approver"), vote.get("decidedAt"), vote.get("round"), vote.get("seat"),
          vote.get("decision"), vote.get("comment"), vote.get("approvedAmount")));
    }
    entries.sort(Comparator.comparing(e -> e.get("at") == null ? java.time.Instant.EPOCH
        : java.time.Instant.parse(e.get("at").toString())));
    return entries;
  }

  /** Every key present (null when not applicable): the template reads them all. */
  private static Map<String, Object> entry(String kind, Object actor, Object at, Object round, Object seat,
      Object decision, Object comment, Object approvedAmount) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("kind", kind);
    e.put("actor", actor);
    e.put("at", at);
    e.put("round", round);
    e.put("seat", seat);
    e.put("decision", decision);
    e.put("comment", comment);
    e.put("approvedAmount", approvedAmount);
    return e;
  }

  public List<Map<String, Object>> documents() {
    return list(detail.get("documents"));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Object value) {
    return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
  }
}
