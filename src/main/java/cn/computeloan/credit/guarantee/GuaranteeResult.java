package cn.computeloan.credit.guarantee;

import cn.computeloan.credit.FiredRule;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Guarantee requirement and the proposed least-cost combination of the offers.
 *
 * @param securedAmount the limit to be secured, CNY
 * @param requiredCoverRatio required cover after haircut as a share of the limit
 * @param requiredCover required cover, CNY
 * @param pureCreditAllowed whether the loan may go on pure credit
 * @param offers every offer with haircut, cover value and cost; selected ones flagged
 * @param selectedCover cover of the selected offers, CNY
 * @param selectedCost cost of the selected offers, CNY
 * @param achievedCoverRatio selected cover / limit (0 when there is no limit)
 * @param requirementMet whether the selection covers the requirement
 * @param shortfall missing cover, CNY (0 when met)
 * @param shortfallOptions how much of each type would close the shortfall
 * @param equipmentValuations how each GPU equipment mortgage was valued (depreciation curve, rental
 *     prices); other offers use their type's flat haircut
 * @param inputs inputs used
 * @param firedRules requirement and haircut rules that fired
 * @param policyVersions versions of {@code GuaranteeRequirement} and {@code CollateralHaircut}
 */
public record GuaranteeResult(
    BigDecimal securedAmount,
    BigDecimal requiredCoverRatio,
    BigDecimal requiredCover,
    boolean pureCreditAllowed,
    List<OfferValuation> offers,
    BigDecimal selectedCover,
    BigDecimal selectedCost,
    BigDecimal achievedCoverRatio,
    boolean requirementMet,
    BigDecimal shortfall,
    List<ShortfallOption> shortfallOptions,
    List<EquipmentValuation> equipmentValuations,
    Map<String, Object> inputs,
    List<FiredRule> firedRules,
    List<String> policyVersions) {

  /** The offers the proposal uses. */
  public List<OfferValuation> selectedOffers() {
    return offers.stream().filter(OfferValuation::selected).toList();
  }
}
