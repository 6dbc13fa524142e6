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
 * @param finalRateBp the proposed annual rate: the bank's contract rate
 * @param subsidy the interest subsidy (贴息) the application names, with its eligibility; null if none
 * @param effectiveRateBp what the borrower pays while an eligible subsidy runs: {@code finalRateBp -
 *     subsidy.subsidyBp}; {@code finalRateBp} without one
 * @param esgNotchChange ESG notches gained since the previous rating (negative = downgrade)
 * @param inputs inputs used
 * @param firedRules premium and discount rules that fired
 * @param policyVersions versions of {@code PolicyParameters}, {@code RiskPremium}, {@code
 *     EsgDiscount} and, with a subsidy, {@code InterestSubsidy}
 */
public record PricingResult(
    String baseRateName,
    int baseRateBp,
    int riskPremiumBp,
    int esgDiscountBp,
    int finalRateBp,
    InterestSubsidy subsidy,
    int effectiveRateBp,
    int esgNotchChange,
    Map<String, Object> inputs,
    List<FiredRule> firedRules,
    List<String> policyVersions) {}
