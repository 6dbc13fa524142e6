package cn.computeloan.credit.evaluation;

import cn.computeloan.credit.PolicyParameters;
import cn.computeloan.credit.authority.AuthorityResult;
import cn.computeloan.credit.guarantee.GuaranteeResult;
import cn.computeloan.credit.limit.LimitResult;
import cn.computeloan.credit.model.ReviewOutcome;
import cn.computeloan.credit.model.Tier;
import cn.computeloan.credit.pricing.PricingResult;
import cn.computeloan.credit.review.ReviewResult;
import cn.computeloan.credit.score.ScoreResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The whole credit-policy chain for one application, every step explainable.
 *
 * @param applicationId the application's reference
 * @param evaluatedAt when the policy ran (UTC)
 * @param parameters the policy parameters used
 * @param review three-statement review
 * @param score compute scorecard and tier
 * @param limit credit limit and term
 * @param guarantee guarantee requirement and proposal
 * @param pricing interest rate and components
 * @param authority who must approve
 * @param policyVersions every DMN decision version involved, without duplicates
 */
public record PolicyEvaluation(
    String applicationId,
    Instant evaluatedAt,
    PolicyParameters parameters,
    ReviewResult review,
    ScoreResult score,
    LimitResult limit,
    GuaranteeResult guarantee,
    PricingResult pricing,
    AuthorityResult authority,
    List<String> policyVersions) {

  /** Review outcome. */
  public ReviewOutcome reviewOutcome() {
    return review.outcome();
  }

  /** Tier. */
  public Tier tier() {
    return score.tier();
  }

  /** Proposed limit, CNY. */
  public BigDecimal approvedAmount() {
    return limit.approvedAmount();
  }

  /** Proposed rate, basis points. */
  public int finalRateBp() {
    return pricing.finalRateBp();
  }
}
