package cn.computeloan.workspace.memo;

import static cn.computeloan.workspace.web.CasePanel.list;
import static cn.computeloan.workspace.web.CasePanel.map;

import cn.computeloan.workspace.memo.Charts.Bar;
import cn.computeloan.workspace.memo.Charts.Bars;
import cn.computeloan.workspace.memo.Charts.Series;
import cn.computeloan.workspace.memo.Charts.Trend;
import cn.computeloan.workspace.web.CasePanel;
import cn.computeloan.workspace.web.Formats;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The credit memo (授信审批报告) of one application, as the case file recorded it: the submitted
 * application, every step's latest result with its policy versions, the votes. Nothing here applies
 * the policy again; it selects, orders and scales recorded figures for the page and the PDF.
 */
public final class CreditMemo {

  /** The statement lines the memo shows, as {@code statement.line} of the application's JSON. */
  static final List<String> STATEMENT_LINES = List.of("incomeStatement.revenue", "incomeStatement.grossProfit",
      "incomeStatement.netProfit", "incomeStatement.rdExpense", "incomeStatement.interestExpense",
      "cashFlowStatement.operatingCashFlow", "cashFlowStatement.capitalExpenditure", "balanceSheet.cash",
      "balanceSheet.totalAssets", "balanceSheet.totalLiabilities", "balanceSheet.totalEquity");

  /** The ratios charted as trends, and whether each is a share (shown in %) or a multiple. */
  static final Map<String, String> CHARTED_RATIOS = new java.util.LinkedHashMap<>();

  static {
    CHARTED_RATIOS.put("debtToAsset", "%");
    CHARTED_RATIOS.put("currentRatio", "×");
    CHARTED_RATIOS.put("interestCoverage", "×");
    CHARTED_RATIOS.put("netMargin", "%");
    CHARTED_RATIOS.put("grossMargin", "%");
    CHARTED_RATIOS.put("revenueGrowth", "%");
  }

  private static final BigDecimal MILLION = new BigDecimal(1_000_000);

  private final String applicationId;
  private final CasePanel c;

  CreditMemo(String applicationId, CasePanel c) {
    this.applicationId = applicationId;
    this.c = c;
  }

  public String applicationId() {
    return applicationId;
  }

  public CasePanel panel() {
    return c;
  }

  /** The submitted statements of the last three fiscal years, oldest first. */
  public List<Map<String, Object>> statementYears() {
    List<Map<String, Object>> years = new ArrayList<>(list(c.application().get("statements")));
    years.removeIf(y -> y == null || y.get("fiscalYear") == null);
    years.sort(Comparator.comparingInt(y -> Integer.parseInt(y.get("fiscalYear").toString())));
    return years.subList(Math.max(0, years.size() - 3), years.size());
  }

  public List<String> statementLines() {
    return STATEMENT_LINES;
  }

  /** One line ({@code incomeStatement.revenue}) of one year's statements. */
  public Object line(Map<String, Object> year, String line) {
    int dot = line.indexOf('.');
    return map(year.get(line.substring(0, dot))).get(line.substring(dot + 1));
  }

  /** Revenue, net profit and operating cash flow in CNY million, then each charted ratio. */
  public List<Trend> trends() {
    List<Trend> trends = new ArrayList<>();
    List<Map<String, Object>> statements = statementYears();
    List<Integer> years = statements.stream().map(y -> Integer.parseInt(y.get("fiscalYear").toString())).toList();
    List<Series> money = new ArrayList<>();
    for (String line : List.of("incomeStatement.revenue", "incomeStatement.netProfit",
        "cashFlowStatement.operatingCashFlow")) {
      money.add(new Series("memo.line." + line, statements.stream().map(y -> millions(line(y, line))).toList()));
    }
    trends.add(new Trend("financials", "memo.chart.financials", "", years, money));
    List<Map<String, Object>> ratioYears = c.years();
    List<Integer> reviewed = ratioYears.stream().map(y -> Integer.parseInt(y.get("fiscalYear").toString())).toList();
    CHARTED_RATIOS.forEach((ratio, unit) -> trends.add(new Trend(ratio, "ratio." + ratio, unit, reviewed,
        List.of(new Series("ratio." + ratio, ratioYears.stream().map(y -> scaled(y.get(ratio), unit)).toList())))));
    return trends;
  }

  /** Each scorecard factor's points out of its maximum; {@code label} names a factor. */
  public Bars factorChart(Function<String, String> label) {
    List<Bar> bars = c.factors().stream().map(f -> new Bar(label.apply(String.valueOf(f.get("factor"))),
        number(f.get("points")), number(f.get("maxPoints")))).toList();
    return new Bars("factors", "memo.chart.factors", bars);
  }

  /** The review's findings (rules that fired), as recorded. */
  public List<Map<String, Object>> findings() {
    return list(c.result("REVIEW").get("firedRules"));
  }

  /** Validation problems the review recorded in the statements. */
  public List<Map<String, Object>> reviewViolations() {
    return list(c.result("REVIEW").get("violations"));
  }

  /**
   * The repayment plan: the one the analyst chose in the latest proposal, else the one the policy
   * proposed; empty when none is recorded. Keys of a plan option plus {@code minimumDscr}.
   */
  public Map<String, Object> repayment() {
    Map<String, Object> preparation = c.result("PREPARATION");
    Map<String, Object> plan = new java.util.LinkedHashMap<>(map(preparation.get("repaymentPlan")));
    Object minimum = preparation.get("minimumDscr");
    if (plan.isEmpty()) {
      Map<String, Object> proposal = c.result("REPAYMENT_PLAN");
      Object method = proposal.get("proposedMethod");
      list(proposal.get("options")).stream().filter(o -> method != null && method.equals(o.get("method")))
          .findFirst().ifPresent(plan::putAll);
      minimum = proposal.get("minimumDscr");
    }
    if (!plan.isEmpty()) {
      plan.put("minimumDscr", minimum);
    }
    return plan;
  }

  /** The repayment plan's yearly debt service coverage (year, cash available, debt service, DSCR). */
  public List<Map<String, Object>> repaymentYears() {
    return list(repayment().get("yearly"));
  }

  /**
   * The approval authority the votes were cast under (level, seats required, voting group), from
   * the latest vote; empty before the first vote.
   */
  public Map<String, Object> authority() {
    Map<String, Object> latest = Map.of();
    for (Map<String, Object> step : list(c.get("steps"))) {
      if (String.valueOf(step.get("step")).startsWith("APPROVAL")) {
        latest = map(step.get("result"));
      }
    }
    return latest;
  }

  /** Every recorded step with the policy (DMN) versions behind it and the decisions that fired. */
  public List<PolicyRow> policies() {
    List<PolicyRow> rows = new ArrayList<>();
    for (Map.Entry<String, Object> e : map(c.get("results")).entrySet()) {
      Map<String, Object> step = map(e.getValue());
      if (step.get("policyVersion") == null) {
        continue;
      }
      LinkedHashSet<String> decisions = new LinkedHashSet<>();
      list(map(step.get("result")).get("firedRules")).forEach(r -> {
        if (r.get("decisionId") != null) {
          decisions.add(r.get("decisionId").toString());
        }
      });
      rows.add(new PolicyRow(e.getKey(), step.get("policyVersion").toString(), String.join(", ", decisions),
          step.get("actor") == null ? null : step.get("actor").toString(), step.get("recordedAt")));
    }
    return rows;
  }

  /** A step, its policy versions, the decisions that fired, who recorded it and when. */
  public record PolicyRow(String step, String versions, String decisions, String actor, Object recordedAt) {
  }

  private static BigDecimal millions(Object amount) {
    BigDecimal v = Formats.decimal(amount);
    return v == null ? null : v.divide(MILLION, 2, RoundingMode.HALF_UP);
  }

  private static BigDecimal scaled(Object ratio, String unit) {
    BigDecimal v = Formats.decimal(ratio);
    return v == null ? null : "%".equals(unit) ? v.movePointRight(2).setScale(2, RoundingMode.HALF_UP)
        : v.setScale(2, RoundingMode.HALF_UP);
  }

  private static double number(Object value) {
    BigDecimal v = Formats.decimal(value);
    return v == null ? 0 : v.doubleValue();
  }
}
