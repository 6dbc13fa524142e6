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
  static CasePanel of(Detail detail, ObjectMapper mapper) {
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
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("kind", "PREPARATION");
        e.put("actor", step.get("actor"));
        e.put("at", step.get("recordedAt"));
        e.put("round", r.get("round"));
        e.put("decision", r.get("recommendation"));
        e.put("comment", r.get("proposalSummary"));
        entries.add(e);
      }
    }
    for (Map<String, Object> vote : list(detail.get("approvals"))) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("kind", "VOTE");
      e.put("actor", vote.get("approver"));
      e.put("at", vote.get("decidedAt"));
      e.put("round", vote.get("round"));
      e.put("seat", vote.get("seat"));
      e.put("decision", vote.get("decision"));
      e.put("comment", vote.get("comment"));
      e.put("approvedAmount", vote.get("approvedAmount"));
      entries.add(e);
    }
    entries.sort(Comparator.comparing(e -> e.get("at") == null ? java.time.Instant.EPOCH
        : java.time.Instant.parse(e.get("at").toString())));
    return entries;
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
