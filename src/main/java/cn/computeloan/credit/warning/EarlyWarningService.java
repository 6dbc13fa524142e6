package cn.computeloan.credit.warning;

import static cn.computeloan.credit.Money.change;

import cn.computeloan.credit.FiredRule;
import cn.computeloan.credit.PolicyParameters;
import cn.computeloan.credit.Violation;
import cn.computeloan.credit.decision.DecisionOutcome;
import cn.computeloan.credit.decision.MatchedRule;
import cn.computeloan.credit.decision.PolicyDecisions;
import cn.computeloan.credit.model.ComputeProfile;
import cn.computeloan.credit.model.FiscalYearStatements;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.model.WarningLevel;
import cn.computeloan.credit.review.RatioCalculator;
import cn.computeloan.credit.review.StatementValidator;
import cn.computeloan.credit.review.YearRatios;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Post-loan early warning: compares a refreshed snapshot with the baseline (usually the one the
 * loan was approved on) and lets the {@code EarlyWarning} table raise signals: orders,
 * profitability, R&D, core team, utilisation, rental price, covenants and, for loss-making
 * borrowers, cash runway.
 */
public final class EarlyWarningService {

  /** DMN decision id. */
  public static final String DECISION = "EarlyWarning";

  /** The table's inputs that come from the borrower's figures (the others from the loan's standing). */
  static final List<String> SNAPSHOT_INPUTS = List.of("orderBacklogChange", "revenueChange", "netMarginChange",
      "rdExpenseChange", "coreTeamChange", "utilisationChange", "rentalPriceChange", "debtToAsset", "currentRatio",
      "profitable", "dscr", "cashRunwayMonths");

  private final PolicyDecisions decisions;

  /** Creates the service on the given decisions. */
  public EarlyWarningService(PolicyDecisions decisions) {
    this.decisions = decisions;
  }

  /** Baseline from an application: its latest fiscal year and its compute profile. */
  public static MonitoringSnapshot baseline(LoanApplication app, LocalDate asOf) {
    FiscalYearStatements latest = app.statements().stream()
        .filter(s -> s != null)
        .max(Comparator.comparingInt(FiscalYearStatements::fiscalYear)).orElse(null);
    return new MonitoringSnapshot(asOf, app.computeProfile(), latest);
  }

  /** Assesses the current snapshot against the baseline. */
  public EarlyWarningResult assess(PolicyParameters parameters, MonitoringSnapshot baseline,
      MonitoringSnapshot current) {
    return assess(parameters, baseline, current, LoanStanding.UNKNOWN);
  }

  /** The loan's standing alone (a repayment check between two quarterly assessments). */
  public EarlyWarningResult assess(PolicyParameters parameters, LoanStanding standing) {
    Map<String, Object> in = new LinkedHashMap<>();
    for (String input : SNAPSHOT_INPUTS) {
      in.put(input, null);
    }
    return evaluate(parameters, in, standing, List.of());
  }

  /** Assesses the current snapshot against the baseline, with the loan's repayments and collateral. */
  public EarlyWarningResult assess(PolicyParameters parameters, MonitoringSnapshot baseline,
      MonitoringSnapshot current, LoanStanding standing) {
    StatementValidator validator = new StatementValidator(parameters);
    List<Violation> violations = new ArrayList<>();
    FiscalYearStatements base = valid(validator, baseline.statements(), "baseline.statements",
        violations);
    FiscalYearStatements now = valid(validator, current.statements(), "current.statements",
        violations);
    YearRatios baseRatios = base == null ? null : RatioCalculator.compute(base, null);
    YearRatios nowRatios = now == null ? null : RatioCalculator.compute(now, null);
    ComputeProfile bp = baseline.computeProfile();
    ComputeProfile cp = current.computeProfile();

    Map<String, Object> in = new LinkedHashMap<>();
    in.put("orderBacklogChange", profileChange(bp, cp, ComputeProfile::orderBacklog));
    in.put("revenueChange", base == null || now == null ? null
        : change(now.incomeStatement().revenue(), base.incomeStatement().revenue()));
    in.put("netMarginChange", difference(baseRatios == null ? null : baseRatios.netMargin(),
        nowRatios == null ? null : nowRatios.netMargin()));
    in.put("rdExpenseChange", base == null || now == null ? null
        : change(now.incomeStatement().rdExpense(), base.incomeStatement().rdExpense()));
    in.put("coreTeamChange", profileChange(bp, cp,
        p -> p.coreTeamSize() == null ? null : BigDecimal.valueOf(p.coreTeamSize())));
    in.put("utilisationChange", bp == null || cp == null ? null
        : difference(bp.averageUtilisation(), cp.averageUtilisation()));
    in.put("rentalPriceChange", profileChange(bp, cp, ComputeProfile::rentalPricePerGpuHour));
    in.put("debtToAsset", nowRatios == null ? null : nowRatios.debtToAsset());
    in.put("currentRatio", nowRatios == null ? null : nowRatios.currentRatio());
    in.put("profitable", now == null ? null : now.incomeStatement().netProfit().signum() > 0);
    in.put("dscr", nowRatios == null ? null : nowRatios.debtServiceCoverage());
    in.put("cashRunwayMonths", nowRatios == null ? null : nowRatios.cashRunwayMonths());
    return evaluate(parameters, in, standing, violations);
  }

  private EarlyWarningResult evaluate(PolicyParameters parameters, Map<String, Object> in, LoanStanding standing,
      List<Violation> violations) {
    LoanStanding s = standing == null ? LoanStanding.UNKNOWN : standing;
    in.put("daysOverdue", s.daysOverdue());
    in.put("collateralCoverRatio", s.collateralCoverRatio());
    DecisionOutcome outcome = decisions.evaluate(DECISION, in);
    List<WarningSignal> signals = new ArrayList<>();
    WarningLevel level = WarningLevel.NORMAL;
    for (MatchedRule rule : outcome.matchedRules()) {
      WarningLevel severity = WarningLevel.valueOf(rule.text("severity"));
      signals.add(new WarningSignal(rule.text("signal"), severity, rule.text("reasonZh"),
          rule.text("reasonEn")));
      if (severity.ordinal() > level.ordinal()) {
        level = severity;
      }
    }
    return new EarlyWarningResult(level, List.copyOf(signals), List.copyOf(violations),
        outcome.inputs(), FiredRule.from(outcome, "signal"),
        List.of(parameters.policyVersion(), outcome.policyVersion()));
  }

  private static FiscalYearStatements valid(StatementValidator validator,
      FiscalYearStatements statements, String path, List<Violation> violations) {
    if (statements == null) {
      return null; // not refreshed yet: profile signals still work
    }
    List<Violation> found = validator.validate(statements, path);
    violations.addAll(found);
    return found.isEmpty() ? statements : null;
  }

  private static BigDecimal profileChange(ComputeProfile base, ComputeProfile now,
      Function<ComputeProfile, BigDecimal> field) {
    return base == null || now == null ? null : change(field.apply(now), field.apply(base));
  }

  private static BigDecimal difference(BigDecimal base, BigDecimal now) {
    return base == null || now == null ? null : now.subtract(base);
  }
}
