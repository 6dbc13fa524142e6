package cn.computeloan.credit.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.FiredRule;
import cn.computeloan.credit.PolicyParameters;
import cn.computeloan.credit.TestData;
import cn.computeloan.credit.model.EsgRating;
import cn.computeloan.credit.model.Tier;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PricingServiceTest {

  private final PricingService pricing = new PricingService(TestData.DECISIONS);

  private PricingResult price(Tier tier, int term, String cover, EsgRating esg, EsgRating prev) {
    return pricing.price(TestData.PARAMETERS, tier, term, new BigDecimal(cover), esg, prev);
  }

  @Test
  void componentsAddUp() {
    PricingResult r = price(Tier.A, 96, "0.9353", EsgRating.AA, EsgRating.A);
    assertThat(r.baseRateName()).isEqualTo("LPR_5Y");
    assertThat(r.baseRateBp()).isEqualTo(350);
    assertThat(r.riskPremiumBp()).isEqualTo(60);
    assertThat(r.esgDiscountBp()).isEqualTo(25);
    assertThat(r.esgNotchChange()).isEqualTo(1);
    assertThat(r.finalRateBp()).isEqualTo(385);
    assertThat(r.policyVersions()).hasSize(3);
  }

  @Test
  void lprTenorSwitchesAboveFiveYears() {
    assertThat(price(Tier.B, 60, "0", null, null).baseRateName()).isEqualTo("LPR_1Y");
    assertThat(price(Tier.B, 61, "0", null, null).baseRateBp()).isEqualTo(350);
  }

  @ParameterizedTest(name = "tier {0} cover {1} -> {2} bp")
  @CsvSource({"A, 1, 40", "A, 0.5, 60", "A, 0, 80", "B, 1.2, 90", "B, 0.5, 120", "B, 0.49, 150",
      "C, 1, 160", "C, 0.99, 250"})
  void riskPremiumByTierAndCover(Tier tier, String cover, int bp) {
    assertThat(price(tier, 12, cover, null, null).riskPremiumBp()).isEqualTo(bp);
  }

  @ParameterizedTest(name = "{0} from {1} -> {2} bp")
  @CsvSource({"AAA, AA, 25", "AA, AA, 20", "AA, AAA, 10", "AA, , 20", "A, BBB, 15", "BBB, BBB, 10",
      "BBB, A, 0", "BB, B, 5", "BB, BB, 0", "B, BB, 0", "C, CC, 0", ", , 0", ", AA, 0"})
  void esgDiscountByRatingAndChange(EsgRating rating, EsgRating previous, int bp) {
    PricingResult r = price(Tier.B, 12, "0.8", rating, previous);
    assertThat(r.esgDiscountBp()).isEqualTo(bp);
    assertThat(r.finalRateBp()).isEqualTo(r.baseRateBp() + r.riskPremiumBp() - bp);
  }

  @Test
  void discountIsCappedByTheParameterAndNeverAbove25() {
    PolicyParameters p = TestData.PARAMETERS;
    PolicyParameters tight = new PolicyParameters(p.lprOneYearBp(), p.lprFiveYearBp(),
        p.lprFiveYearAboveTermMonths(), p.balanceToleranceCny(), p.balanceToleranceRatio(), 15,
        "test");
    PricingResult r = pricing.price(tight, Tier.A, 12, BigDecimal.ONE, EsgRating.AAA, EsgRating.AA);
    assertThat(r.esgDiscountBp()).isEqualTo(15);
    assertThat(r.firedRules()).extracting(FiredRule::code).contains("ESG_DISCOUNT_CAPPED");
  }

  @Test
  void notchesAreMeasuredOnTheRatingScale() {
    assertThat(EsgRating.AA.notchesSince(EsgRating.BBB)).isEqualTo(2);
    assertThat(EsgRating.B.notchesSince(EsgRating.BB)).isEqualTo(-1);
    assertThat(EsgRating.A.notchesSince(null)).isZero();
  }
}
