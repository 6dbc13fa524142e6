package cn.computeloan.credit.guarantee;

import static cn.computeloan.credit.Money.cny;

import cn.computeloan.credit.FiredRule;
import cn.computeloan.credit.Money;
import cn.computeloan.credit.decision.DecisionOutcome;
import cn.computeloan.credit.decision.PolicyDecisions;
import cn.computeloan.credit.model.EquipmentCollateral;
import cn.computeloan.credit.model.GuaranteeOffer;
import cn.computeloan.credit.model.GuaranteeType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * Values an equipment mortgage on GPU servers (GPUs lose value fast, and rental prices have been
 * falling since the second half of 2024): the generation's curve ({@code GpuCollateral}: residual
 * share of the new value = max(floor, 1 - age / usefulLife)) projects the appraised value over the
 * horizon, so older hardware keeps a smaller part of what it is worth today, and the haircut ({@code GpuRentalHaircut}) grows with the worse of the market
 * rental trend and the borrower's price against the market. At approval the appraisal is the
 * starting point; post-loan the same offer is re-valued each quarter, months later.
 */
public final class GpuCollateralValuer {

  /** DMN decision id of the depreciation curve and market price table. */
  public static final String CURVE = "GpuCollateral";
  /** DMN decision id of the haircut by rental signal. */
  public static final String HAIRCUT = "GpuRentalHaircut";

  private final PolicyDecisions decisions;

  public GpuCollateralValuer(PolicyDecisions decisions) {
    this.decisions = decisions;
  }

  /** A valuation, the rules that fired and the table versions. */
  public record Result(EquipmentValuation valuation, List<FiredRule> firedRules, List<String> policyVersions) {}

  /** Whether the offer is a GPU equipment mortgage this valuer values (else the flat haircut applies). */
  public static boolean applies(GuaranteeOffer offer) {
    EquipmentCollateral e = offer == null ? null : offer.equipment();
    return offer != null && offer.type() == GuaranteeType.EQUIPMENT_MORTGAGE && e != null
        && e.gpuGeneration() != null && e.ageMonths() != null && e.ageMonths() >= 0
        && offer.appraisedValue() != null && offer.appraisedValue().signum() >= 0;
  }

  /**
   * Values {@code offer} ({@link #applies} must hold) {@code monthsSinceAppraisal} after its appraisal.
   *
   * @param borrowerPrice the rental price the borrower earns now, CNY per GPU-hour (null: unknown)
   */
  public Result value(int offerIndex, GuaranteeOffer offer, BigDecimal borrowerPrice, int monthsSinceAppraisal,
      int horizonMonths) {
    EquipmentCollateral e = offer.equipment();
    DecisionOutcome curve = decisions.evaluate(CURVE, Map.of("gpuGeneration", e.gpuGeneration().name()));
    int life = orDefault(curve.number("usefulLifeMonths"), BigDecimal.valueOf(36)).intValue();
    BigDecimal floor = orDefault(curve.number("floorShare"), BigDecimal.ZERO);
    int age = e.ageMonths();
    BigDecimal atAppraisal = residual(life, floor, age);
    BigDecimal atHorizon = residual(life, floor, age + Math.max(0, monthsSinceAppraisal) + Math.max(0, horizonMonths));
    BigDecimal factor = atAppraisal.signum() == 0 ? BigDecimal.ZERO
        : atHorizon.divide(atAppraisal, 4, RoundingMode.HALF_UP).min(BigDecimal.ONE);

    BigDecimal market = curve.number("marketPricePerGpuHour");
    BigDecimal yearAgo = curve.number("yearAgoPricePerGpuHour");
    BigDecimal trend = Money.change(market, yearAgo);
    BigDecimal gap = borrowerPrice == null ? null : Money.change(borrowerPrice, market);
    BigDecimal signal = trend == null ? gap : gap == null ? trend : trend.min(gap);
    java.util.Map<String, Object> in = new java.util.HashMap<>();
    in.put("rentalPriceSignal", signal);
    DecisionOutcome cut = decisions.evaluate(HAIRCUT, in);
    BigDecimal haircut = orDefault(cut.number("haircut"), BigDecimal.ONE).min(BigDecimal.ONE).max(BigDecimal.ZERO);

    BigDecimal appraised = offer.appraisedValue();
    BigDecimal kept = factor.multiply(BigDecimal.ONE.subtract(haircut));
    EquipmentValuation v = new EquipmentValuation(offerIndex, cny(appraised), e.gpuGeneration(), age,
        monthsSinceAppraisal, horizonMonths, atAppraisal, atHorizon, factor, market, yearAgo, borrowerPrice, trend,
        gap, signal, haircut, BigDecimal.ONE.subtract(kept).setScale(4, RoundingMode.HALF_UP),
        cny(appraised.multiply(kept)));
    List<FiredRule> fired = new java.util.ArrayList<>(FiredRule.from(curve, null));
    fired.addAll(FiredRule.from(cut, null));
    return new Result(v, List.copyOf(fired), List.of(curve.policyVersion(), cut.policyVersion()));
  }

  /** max(floor, 1 - months / life) at scale 4: a factor, not money. */
  static BigDecimal residual(int lifeMonths, BigDecimal floor, int months) {
    BigDecimal used = lifeMonths <= 0 ? BigDecimal.ONE
        : BigDecimal.valueOf(months).divide(BigDecimal.valueOf(lifeMonths), 4, RoundingMode.HALF_UP);
    return BigDecimal.ONE.subtract(used).max(floor).setScale(4, RoundingMode.HALF_UP);
  }

  private static BigDecimal orDefault(BigDecimal value, BigDecimal fallback) {
    return value == null ? fallback : value;
  }
}
