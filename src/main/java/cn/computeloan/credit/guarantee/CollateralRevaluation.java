package cn.computeloan.credit.guarantee;

import static cn.computeloan.credit.Money.cny;

import cn.computeloan.credit.FiredRule;
import cn.computeloan.credit.decision.PolicyDecisions;
import cn.computeloan.credit.model.GuaranteeOffer;
import cn.computeloan.credit.model.LoanApplication;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** Post-loan re-valuation of the selected guarantees (each quarter), see {@link CollateralCheck}. */
public final class CollateralRevaluation {

  private final GpuCollateralValuer gpu;

  public CollateralRevaluation(PolicyDecisions decisions) {
    this.gpu = new GpuCollateralValuer(decisions);
  }

  /**
   * @param selected the guarantees the loan was approved with
   * @param monthsSinceApproval months from approval (the appraisal) to now
   * @param rentalPrice the rental price the borrower earns now (null: unknown)
   */
  public CollateralCheck revalue(LoanApplication app, List<CollateralCheck.Selected> selected,
      BigDecimal requiredCoverRatio, BigDecimal outstanding, int monthsSinceApproval, BigDecimal rentalPrice,
      int horizonMonths) {
    BigDecimal cover = BigDecimal.ZERO;
    List<EquipmentValuation> valuations = new ArrayList<>();
    List<FiredRule> fired = new ArrayList<>();
    List<String> versions = new ArrayList<>();
    for (CollateralCheck.Selected s : selected) {
      GuaranteeOffer offer = s.offerIndex() >= 0 && s.offerIndex() < app.guaranteeOffers().size()
          ? app.guaranteeOffers().get(s.offerIndex()) : null;
      if (GpuCollateralValuer.applies(offer)) {
        GpuCollateralValuer.Result r = gpu.value(s.offerIndex(), offer, rentalPrice, monthsSinceApproval,
            horizonMonths);
        valuations.add(r.valuation());
        fired.addAll(r.firedRules());
        r.policyVersions().stream().filter(v -> !versions.contains(v)).forEach(versions::add);
        cover = cover.add(r.valuation().coverValue());
      } else {
        cover = cover.add(s.coverValue() == null ? BigDecimal.ZERO : s.coverValue());
      }
    }
    BigDecimal ratio = requiredCoverRatio == null ? BigDecimal.ZERO : requiredCoverRatio;
    BigDecimal required = cny(outstanding.multiply(ratio));
    BigDecimal coverRatio = required.signum() > 0 ? cover.divide(required, 4, RoundingMode.HALF_UP) : null;
    return new CollateralCheck(cny(outstanding), ratio, required, cny(cover), coverRatio, List.copyOf(valuations),
        List.copyOf(fired), List.copyOf(versions));
  }
}
