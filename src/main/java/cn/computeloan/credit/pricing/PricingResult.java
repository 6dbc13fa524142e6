package cn.computeloan.credit.pricing;

import cn.computeloan.credit.FiredRule;
import java.util.List;
import java.util.Map;

/**
 * Interest rate with its components, all in basis points: {@code finalRateBp = baseRateBp +
 * riskPremiumBp - esgDiscountBp}.
 *
 * @param baseRateName {@code LPR_1Y} or {@code LPR_5Y}, by term
 * @param baseRateBp the LPR used (a policy parameter)
 * @param riskPremiumBp premium by tier and achieved guarantee cover
 * @param esgDiscountBp ESG-linked discount, 0..25
 * @param finalRateBp the proposed annual rate
 * @param esgNotchChange ESG notches gained since the previous rating (negative = downgrade)
 * @param inputs inputs used
 * @param firedRules premium and discount rules that fired
 * @param policyVersions versions of {@code PolicyParameters}, {@code RiskPremium}, {@code
 *     EsgDiscount}
 */
public record PricingResult(
    String baseRateName,
    int baseRateBp,
    int riskPremiumBp,
    int esgDiscountBp,
    int finalRateBp,
    int esgNotchChange,
    Map<String, Object> inputs,
    List<FiredRule> firedRules,
    List<String> policyVersions) {}
