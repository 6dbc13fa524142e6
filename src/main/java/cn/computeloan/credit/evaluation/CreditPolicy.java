package cn.computeloan.credit.evaluation;

import cn.computeloan.credit.PolicyParameters;
import cn.computeloan.credit.authority.ApprovalAuthorityService;
import cn.computeloan.credit.authority.AuthorityResult;
import cn.computeloan.credit.decision.PolicyDecisions;
import cn.computeloan.credit.guarantee.CollateralCheck;
import cn.computeloan.credit.guarantee.CollateralRevaluation;
import cn.computeloan.credit.guarantee.GuaranteeResult;
import cn.computeloan.credit.guarantee.GuaranteeSelector;
import cn.computeloan.credit.limit.CreditLimitCalculator;
import cn.computeloan.credit.limit.LimitResult;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.pricing.PricingResult;
import cn.computeloan.credit.pricing.PricingService;
import cn.computeloan.credit.review.ReviewResult;
import cn.computeloan.credit.review.ThreeStatementReview;
import cn.computeloan.credit.score.ComputeScorecard;
import cn.computeloan.credit.score.ScoreResult;
import cn.computeloan.credit.warning.EarlyWarningResult;
import cn.computeloan.credit.warning.EarlyWarningService;
import cn.computeloan.credit.warning.LoanStanding;
import cn.computeloan.credit.warning.MonitoringSnapshot;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The credit policy for compute loans: one method per approval step, plus {@link #evaluateAll}.
 * Stateless and thread-safe; the tunable figures live in the DMN decisions behind {@link
 * PolicyDecisions}, read at every call so that a redeployed table takes effect at once.
 */
public final class CreditPolicy {

  private final PolicyDecisions decisions;
  private final Clock clock;
  private final ThreeStatementReview review;
  private final ComputeScorecard scorecard;
  private final CreditLimitCalculator limits;
  private final GuaranteeSelector guarantees;
  private final PricingService pricing;
  private final ApprovalAuthorityService authority;
  private final EarlyWarningService earlyWarning;

  /** Creates the policy on the given decisions, with the UTC system clock. */
  public CreditPolicy(PolicyDecisions decisions) {
    this(decisions, Clock.systemUTC());
  }

  /** Creates the policy on the given decisions and clock (dates are taken in UTC). */
  public CreditPolicy(PolicyDecisions decisions, Clock clock) {
    this.decisions = decisions;
    this.clock = clock;
    this.review = new ThreeStatementReview(decisions);
    this.scorecard = new ComputeScorecard(decisions);
    this.limits = new CreditLimitCalculator(decisions);
    this.guarantees = new GuaranteeSelector(decisions);
    this.pricing = new PricingService(decisions);
    this.authority = new ApprovalAuthorityService(decisions);
    this.earlyWarning = new EarlyWarningService(decisions);
  }

  /** Current policy parameters (from the {@code PolicyParameters} decision). */
  public PolicyParameters parameters() {
    return PolicyParameters.load(decisions);
  }

  /** Step 1: three-statement review with field-by-field validation. */
  public ReviewResult review(LoanApplication app) {
    return review.review(app, parameters(), today());
  }

  /** Step 2: compute scorecard and tier (capped by the review). */
  public ScoreResult score(LoanApplication app, ReviewResult review) {
    return scorecard.score(app, review);
  }

  /** Step 3: credit limit and term. */
  public LimitResult limit(LoanApplication app, ReviewResult review, ScoreResult score) {
    return limits.limit(app, review, score);
  }

  /** Step 4: guarantee requirement and least-cost proposal. */
  public GuaranteeResult guarantee(LoanApplication app, ScoreResult score, LimitResult limit) {
    return guarantees.assess(app, score, limit, parameters());
  }

  /** Step 5: pricing. */
  public PricingResult price(LoanApplication app, ScoreResult score, LimitResult limit,
      GuaranteeResult guarantee) {
    return pricing.price(parameters(), app, score, limit, guarantee);
  }

  /** Step 6: approval authority. */
  public AuthorityResult authority(LoanApplication app, ScoreResult score, LimitResult limit) {
    return authority.authority(app.product(), score, limit);
  }

  /** Post-loan: early warning for a refreshed snapshot against a baseline. */
  public EarlyWarningResult earlyWarning(MonitoringSnapshot baseline, MonitoringSnapshot current) {
    return earlyWarning.assess(parameters(), baseline, current);
  }

  /** Post-loan: early warning with the loan's repayments and re-valued collateral. */
  public EarlyWarningResult earlyWarning(MonitoringSnapshot baseline, MonitoringSnapshot current,
      LoanStanding standing) {
    return earlyWarning.assess(parameters(), baseline, current, standing);
  }

  /** Post-loan: early warning on the loan's standing alone (a repayment check). */
  public EarlyWarningResult earlyWarning(LoanStanding standing) {
    return earlyWarning.assess(parameters(), standing);
  }

  /**
   * Post-loan: the selected guarantees re-valued {@code monthsSinceApproval} after approval against
   * the cover {@code outstanding} requires (GPU equipment on its curve, at today's rental market).
   */
  public CollateralCheck revalueCollateral(LoanApplication app, List<CollateralCheck.Selected> selected,
      BigDecimal requiredCoverRatio, BigDecimal outstanding, int monthsSinceApproval, BigDecimal rentalPrice) {
    return new CollateralRevaluation(decisions).revalue(app, selected, requiredCoverRatio, outstanding,
        monthsSinceApproval, rentalPrice, parameters().gpuValuationHorizonMonths());
  }

  /** Post-loan: early warning against the data the loan was approved on. */
  public EarlyWarningResult earlyWarning(LoanApplication approved, MonitoringSnapshot current) {
    return earlyWarning(EarlyWarningService.baseline(approved, null), current);
  }

  /** Runs review, score, limit, guarantee, pricing and authority in one explainable result. */
  public PolicyEvaluation evaluateAll(LoanApplication app) {
    PolicyParameters parameters = parameters();
    ReviewResult r = review.review(app, parameters, today());
    ScoreResult s = scorecard.score(app, r);
    LimitResult l = limits.limit(app, r, s);
    GuaranteeResult g = guarantees.assess(app, s, l, parameters);
    PricingResult p = pricing.price(parameters, app, s, l, g);
    AuthorityResult a = authority.authority(app.product(), s, l);
    Set<String> versions = new LinkedHashSet<>();
    versions.add(parameters.policyVersion());
    for (List<String> v : List.of(r.policyVersions(), s.policyVersions(), l.policyVersions(),
        g.policyVersions(), p.policyVersions(), a.policyVersions())) {
      versions.addAll(v);
    }
    return new PolicyEvaluation(app.applicationId(), clock.instant(), parameters, r, s, l, g, p,
        a, List.copyOf(versions));
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
  }
}
