package cn.computeloan.credit.properties;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.TestData;
import cn.computeloan.credit.guarantee.GuaranteeResult;
import cn.computeloan.credit.guarantee.GuaranteeSelector;
import cn.computeloan.credit.guarantee.OfferValuation;
import cn.computeloan.credit.model.GuaranteeOffer;
import cn.computeloan.credit.model.GuaranteeType;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.model.Tier;
import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A met requirement is really covered; an unmet one really cannot be; shortfall adds up. */
class GuaranteePropertiesTest {

  private final GuaranteeSelector selector = new GuaranteeSelector(TestData.DECISIONS);

  @Provide
  Arbitrary<List<GuaranteeOffer>> offers() {
    Arbitrary<GuaranteeOffer> offer = Combinators.combine(Arbitraries.of(GuaranteeType.class),
        Arbitraries.longs().between(0, 30_000).map(v -> BigDecimal.valueOf(v * 1000)))
        .as((t, v) -> new GuaranteeOffer(t, "provider", v));
    return offer.list().ofMaxSize(8);
  }

  @Property(tries = 200)
  void selectionCoversTheRequirementOrReportsTheGap(@ForAll("offers") List<GuaranteeOffer> offers,
      @ForAll Tier tier) {
    LoanApplication base = TestData.sample(TestData.CHIP);
    LoanApplication app = new LoanApplication(null, base.applicant(), base.product(),
        base.requestedAmount(), base.termMonths(), null, null, base.statements(),
        base.computeProfile(), offers, null, null);
    GuaranteeResult r = selector.assess(app, tier, new BigDecimal("10000000"));
    BigDecimal all = r.offers().stream().map(OfferValuation::coverValue)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    if (r.requirementMet()) {
      assertThat(r.selectedCover()).isGreaterThanOrEqualTo(r.requiredCover());
      assertThat(r.shortfall().signum()).isZero();
    } else {
      assertThat(all).isLessThan(r.requiredCover());
      assertThat(r.shortfall()).isEqualByComparingTo(r.requiredCover().subtract(all));
      assertThat(r.shortfallOptions()).isNotEmpty();
    }
    assertThat(r.selectedCost()).isEqualByComparingTo(r.selectedOffers().stream()
        .map(OfferValuation::cost).reduce(BigDecimal.ZERO, BigDecimal::add));
  }

  @Property(tries = 200)
  void proposalIsTheCheapestCombinationThatMeetsTheRequirement(
      @ForAll("offers") List<GuaranteeOffer> offers, @ForAll Tier tier) {
    LoanApplication base = TestData.sample(TestData.CHIP);
    LoanApplication app = new LoanApplication(null, base.applicant(), base.product(),
        base.requestedAmount(), base.termMonths(), null, null, base.statements(),
        base.computeProfile(), offers, null, null);
    GuaranteeResult r = selector.assess(app, tier, new BigDecimal("10000000"));
    List<OfferValuation> valued = r.offers();
    // Independent brute force over every subset of the valued offers.
    BigDecimal cheapest = null;
    for (int mask = 0; mask < (1 << valued.size()); mask++) {
      BigDecimal cover = BigDecimal.ZERO;
      BigDecimal cost = BigDecimal.ZERO;
      for (int i = 0; i < valued.size(); i++) {
        if ((mask & (1 << i)) != 0) {
          cover = cover.add(valued.get(i).coverValue());
          cost = cost.add(valued.get(i).cost());
        }
      }
      if (cover.compareTo(r.requiredCover()) >= 0 && (cheapest == null || cost.compareTo(cheapest) < 0)) {
        cheapest = cost;
      }
    }
    assertThat(r.requirementMet()).isEqualTo(cheapest != null);
    if (cheapest != null) {
      assertThat(r.selectedCost()).isEqualByComparingTo(cheapest);
    }
  }
}
