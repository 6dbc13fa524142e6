package cn.computeloan.credit.review;

import cn.computeloan.credit.FiredRule;
import cn.computeloan.credit.PolicyParameters;
import cn.computeloan.credit.Violation;
import cn.computeloan.credit.decision.DecisionOutcome;
import cn.computeloan.credit.decision.PolicyDecisions;
import cn.computeloan.credit.model.FiscalYearStatements;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.model.ReviewOutcome;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Traditional review: validates the statements, computes ratios for valid years, runs the
 * cross-statement checks and lets the {@code ReviewThresholds} DMN table decide the findings.
 */
public final class ThreeStatementReview {

  /** DMN decision id of the threshold table. */
  public static final String DECISION = "ReviewThresholds";

  private final PolicyDecisions decisions;

  /** Creates the review on the given decisions. */
  public ThreeStatementReview(PolicyDecisions decisions) {
    this.decisions = decisions;
  }

  /** Reviews the application; {@code today} bounds date checks. */
  public ReviewResult review(LoanApplication app, PolicyParameters parameters, LocalDate today) {
    List<Violation> applicationViolations = ApplicationValidator.validate(app, today);
    StatementValidator validator = new StatementValidator(parameters);
    List<Violation> violations = new ArrayList<>(applicationViolations);
    List<FiscalYearStatements> valid = new ArrayList<>();
    Set<Integer> years = new HashSet<>();
    int invalid = 0;
    // Only the first MAX_YEARS are reviewed; more is already a violation.
    int count = Math.min(app.statements().size(), ApplicationValidator.MAX_YEARS);
    for (int i = 0; i < count; i++) {
      FiscalYearStatements year = app.statements().get(i);
      List<Violation> yearViolations = new ArrayList<>(validator.validate(year, i));
      yearViolations.addAll(
          ApplicationValidator.fiscalYearDating(year, i, app.applicant(), today));
      violations.addAll(yearViolations);
      if (yearViolations.isEmpty() && years.add(year.fiscalYear())) {
        valid.add(year);
      } else {
        invalid++;
      }
    }
    valid.sort(Comparator.comparingInt(FiscalYearStatements::fiscalYear));
    List<YearRatios> ratios = new ArrayList<>();
    for (int i = 0; i < valid.size(); i++) {
      ratios.add(RatioCalculator.compute(valid.get(i), i == 0 ? null : valid.get(i - 1)));
    }
    FiscalYearStatements latest = valid.isEmpty() ? null : valid.get(valid.size() - 1);
    YearRatios latestRatios = ratios.isEmpty() ? null : ratios.get(ratios.size() - 1);
    CrossStatementChecks cross = crossChecks(latest, latestRatios);

    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("applicationViolations", applicationViolations.size());
    inputs.put("validYears", valid.size());
    inputs.put("invalidYears", invalid);
    inputs.put("negativeEquity", cross.negativeEquity());
    inputs.put("debtToAsset", latestRatios == null ? null : latestRatios.debtToAsset());
    inputs.put("currentRatio", latestRatios == null ? null : latestRatios.currentRatio());
    inputs.put("quickRatio", latestRatios == null ? null : latestRatios.quickRatio());
    inputs.put("profitable",
        latest == null ? null : latest.incomeStatement().netProfit().signum() > 0);
    inputs.put("interestCoverage", latestRatios == null ? null : latestRatios.interestCoverage());
    inputs.put("debtToEbitda", latestRatios == null ? null : latestRatios.debtToEbitda());
    inputs.put("dscr", latestRatios == null ? null : latestRatios.debtServiceCoverage());
    inputs.put("cashRunwayMonths", latestRatios == null ? null : latestRatios.cashRunwayMonths());
    inputs.put("profitNotBackedByCash", cross.profitNotBackedByCash());
    inputs.put("receivablesGrowthGap", cross.receivablesGrowthGap());

    DecisionOutcome outcome = decisions.evaluate(DECISION, inputs);
    List<FiredRule> fired = FiredRule.from(outcome, "code");
    ReviewOutcome result = ReviewOutcome.PASS;
    for (FiredRule rule : fired) {
      ReviewOutcome severity = ReviewOutcome.valueOf(String.valueOf(rule.outputs().get("severity")));
      if (severity.ordinal() > result.ordinal()) {
        result = severity;
      }
    }
    return new ReviewResult(result, List.copyOf(violations), List.copyOf(ratios), cross,
        outcome.inputs(), fired, List.of(parameters.policyVersion(), outcome.policyVersion()));
  }

  private static CrossStatementChecks crossChecks(FiscalYearStatements latest, YearRatios r) {
    if (latest == null) {
      return new CrossStatementChecks(null, false, false, null);
    }
    boolean negativeEquity = latest.balanceSheet().totalEquity().signum() < 0;
    boolean notBacked = latest.incomeStatement().netProfit().signum() > 0
        && latest.cashFlowStatement().operatingCashFlow().signum() < 0;
    BigDecimal gap = r.receivablesGrowth() == null || r.revenueGrowth() == null
        ? null
        : r.receivablesGrowth().subtract(r.revenueGrowth());
    return new CrossStatementChecks(latest.fiscalYear(), negativeEquity, notBacked, gap);
  }
}
