package cn.computeloan.credit.score;

import cn.computeloan.credit.FiredRule;
import cn.computeloan.credit.model.Tier;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Compute scorecard (算力打分卡) result.
 *
 * @param score total points, 0..100
 * @param tier tier after the review's knock-out and cap rules
 * @param factors points per factor
 * @param inputs the scorecard inputs (and the review outcome used for the tier)
 * @param firedRules scorecard bands and the tier rule that fired
 * @param policyVersions versions of {@code ComputeScorecard} and {@code ComputeTier}
 */
public record ScoreResult(
    BigDecimal score,
    Tier tier,
    List<FactorScore> factors,
    Map<String, Object> inputs,
    List<FiredRule> firedRules,
    List<String> policyVersions) {}
