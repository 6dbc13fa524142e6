package cn.computeloan.credit.score;

import java.math.BigDecimal;

/**
 * Points of one scorecard factor.
 *
 * @param factor factor code, e.g. {@code COMPUTE_UTILISATION}
 * @param points points earned
 * @param maxPoints the factor's weight (maximum points)
 * @param reasonZh band reason in Chinese
 * @param reasonEn band reason in English
 */
public record FactorScore(
    String factor, BigDecimal points, BigDecimal maxPoints, String reasonZh, String reasonEn) {}
