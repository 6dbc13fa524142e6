package cn.computeloan.credit.guarantee;

import cn.computeloan.credit.FiredRule;
import java.math.BigDecimal;
import java.util.List;

/**
 * The selected guarantees re-valued during the loan against the cover the outstanding principal
 * requires: GPU equipment moves along its depreciation curve and takes the rental market's current
 * haircut; other guarantees keep the cover they were approved with.
 *
 * @param outstanding principal outstanding, CNY
 * @param requiredCoverRatio the cover ratio the loan was approved with
 * @param requiredCover {@code outstanding x requiredCoverRatio}, CNY
 * @param cover the selected guarantees' cover now, CNY
 * @param coverRatio {@code cover / requiredCover} (null when nothing is required)
 * @param valuations the GPU equipment's valuations now
 * @param firedRules the valuation rules that fired
 * @param policyVersions the valuation tables' versions
 */
public record CollateralCheck(
    BigDecimal outstanding,
    BigDecimal requiredCoverRatio,
    BigDecimal requiredCover,
    BigDecimal cover,
    BigDecimal coverRatio,
    List<EquipmentValuation> valuations,
    List<FiredRule> firedRules,
    List<String> policyVersions) {

  /**
   * A guarantee the loan was approved with.
   *
   * @param offerIndex its index in the application's offers (negotiated offers come after them)
   * @param coverValue the cover it counted at approval, CNY
   */
  public record Selected(int offerIndex, BigDecimal coverValue) {}
}
