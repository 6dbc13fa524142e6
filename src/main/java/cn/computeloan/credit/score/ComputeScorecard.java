package cn.computeloan.credit.score;

import static cn.computeloan.credit.Money.ratio;

import cn.computeloan.credit.FiredRule;
import cn.computeloan.credit.decision.DecisionOutcome;
import cn.computeloan.credit.decision.MatchedRule;
import cn.computeloan.credit.decision.PolicyDecisions;
import cn.computeloan.credit.model.ComputeProfile;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.model.ReviewOutcome;
import cn.computeloan.credit.model.Tier;
import cn.computeloan.credit.review.ReviewResult;
import cn.computeloan.credit.review.YearRatios;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compute-specific scorecard on top of the traditional review: the {@code ComputeScorecard} table
 * gives points per factor band (its weights are the project's own v1 proposal), the {@code
 * ComputeTier} table turns score and review outcome into A / B / C.
 */
public final class ComputeScorecard {

  /** DMN decision id of the scorecard bands. */
  public static final String SCORECARD = "ComputeScorecard";

  /** DMN decision id of the tier bands and caps. */
  public static final String TIER = "ComputeTier";

  private final PolicyDecisions decisions;

  /** Creates the scorecard on the given decisions. */
  public ComputeScorecard(PolicyDecisions decisions) {
    this.decisions = decisions;
  }

  /** Scores the application; the review supplies ratios and caps the tier. */
  public ScoreResult score(LoanApplication app, ReviewResult review) {
    Map<String, Object> inputs = inputs(app, review.latestRatios());
    DecisionOutcome card = decisions.evaluate(SCORECARD, inputs);
    List<FactorScore> factors = new ArrayList<>();
    BigDecimal score = BigDecimal.ZERO;
    for (MatchedRule rule : card.matchedRules()) {
      BigDecimal points = (BigDecimal) rule.outputs().get("points");
      factors.add(new FactorScore(rule.text("factor"), points,
          (BigDecimal) rule.outputs().get("maxPoints"), rule.text("reasonZh"),
          rule.text("reasonEn")));
      score = score.add(points);
    }
    // The scale is 0..100 whatever a table edit does, so tiers stay comparable.
    score = score.max(BigDecimal.ZERO).min(BigDecimal.valueOf(100));
    TierDecision tier = tier(score, review.outcome());
    List<FiredRule> fired = new ArrayList<>(FiredRule.from(card, "factor"));
    fired.addAll(tier.firedRules());
    Map<String, Object> allInputs = new LinkedHashMap<>(card.inputs());
    allInputs.put("reviewOutcome", review.outcome().name());
    return new ScoreResult(score, tier.tier(), List.copyOf(factors), allInputs, List.copyOf(fired),
        List.of(card.policyVersion(), tier.policyVersion()));
  }

  /** Tier for a score and a review outcome, with the rule that decided it. */
  public TierDecision tier(BigDecimal score, ReviewOutcome reviewOutcome) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("score", score);
    inputs.put("reviewOutcome", reviewOutcome.name());
    DecisionOutcome outcome = decisions.evaluate(TIER, inputs);
    Tier tier = outcome.single() == null ? Tier.C : Tier.valueOf(outcome.text("tier"));
    List<FiredRule> fired = new ArrayList<>(FiredRule.from(outcome, "tier"));
    // Knock-out kept in code as well: a failed review is never tier A or B, even if a table
    // edit forgets the rule.
    if (reviewOutcome == ReviewOutcome.FAIL && tier != Tier.C) {
      tier = Tier.C;
      fired.add(FiredRule.java("REVIEW_FAIL_CAP", "传统审查未通过，等级强制为C",
          "Traditional review failed: tier forced to C"));
    }
    return new TierDecision(tier, List.copyOf(fired), outcome.policyVersion());
  }

  static Map<String, Object> inputs(LoanApplication app, YearRatios latest) {
    ComputeProfile p = app.computeProfile();
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("segment", app.applicant() == null || app.applicant().segment() == null
        ? null : app.applicant().segment().name());
    in.put("computePflops", p == null ? null : p.operatedComputePflops());
    in.put("utilisation", p == null ? null : p.averageUtilisation());
    in.put("pue", p == null ? null : p.pue());
    in.put("rdStaffShare", p == null || p.rdStaff() == null || p.totalStaff() == null
        ? null : ratio(BigDecimal.valueOf(p.rdStaff()), BigDecimal.valueOf(p.totalStaff())));
    in.put("coreTeamTenureYears", p == null ? null : p.coreTeamTenureYears());
    in.put("rdIntensity", latest == null ? null : latest.rdIntensity());
    in.put("patents", p == null ? null : p.patents());
    in.put("softwareCopyrights", p == null ? null : p.softwareCopyrights());
    in.put("revenueGrowth", latest == null ? null : latest.revenueGrowth());
    in.put("largestCustomerShare", p == null ? null : p.largestCustomerRevenueShare());
    in.put("backlogCoverage", p == null || p.orderBacklog() == null
        ? null : ratio(p.orderBacklog(), app.requestedAmount()));
    return in;
  }

  /**
   * A tier with its explanation.
   *
   * @param tier the tier
   * @param firedRules the tier rule(s) that fired
   * @param policyVersion version of {@code ComputeTier}
   */
  public record TierDecision(Tier tier, List<FiredRule> firedRules, String policyVersion) {}
}
