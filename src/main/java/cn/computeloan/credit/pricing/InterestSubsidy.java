package cn.computeloan.credit.pricing;

import java.math.BigDecimal;

/**
 * An interest subsidy (贴息) the loan applies under, from the {@code InterestSubsidy} table: who pays,
 * how much of the interest, up to what and for how long; and whether this loan is eligible.
 *
 * @param programme the programme's code, as the application names it
 * @param eligible whether the loan's segment and product qualify
 * @param issuer who pays the subsidy (a government body)
 * @param shareOfInterest share of the interest the issuer pays (null when given in basis points)
 * @param basisPoints basis points of the outstanding principal the issuer pays (null when a share)
 * @param capCny the most the issuer pays over the loan, CNY
 * @param periodMonths months from the first day of the loan during which the subsidy runs
 * @param subsidyBp what the subsidy takes off the contract rate, basis points (0 if not eligible)
 * @param ruleId the table rule
 * @param reasonZh reason in Chinese
 * @param reasonEn reason in English
 */
public record InterestSubsidy(
    String programme,
    boolean eligible,
    String issuer,
    BigDecimal shareOfInterest,
    Integer basisPoints,
    BigDecimal capCny,
    Integer periodMonths,
    int subsidyBp,
    String ruleId,
    String reasonZh,
    String reasonEn) {}
