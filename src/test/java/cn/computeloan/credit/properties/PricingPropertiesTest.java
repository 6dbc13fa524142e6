package cn.computeloan.credit.properties;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.TestData;
import cn.computeloan.credit.model.EsgRating;
import cn.computeloan.credit.model.Tier;
import cn.computeloan.credit.pricing.PricingResult;
import cn.computeloan.credit.pricing.PricingService;
import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The ESG discount never exceeds 25 bp and the components always add up. */
class PricingPropertiesTest {

  private final PricingService pricing = new PricingService(TestData.DECISIONS);

  @Provide
  Arbitrary<EsgRating> ratings() {
    return Arbitraries.of(EsgRating.class).injectNull(0.2);
  }

  @Property(tries = 500)
  void esgDiscountNeverExceeds25bp(@ForAll Tier tier, @ForAll("ratings") EsgRating rating,
      @ForAll("ratings") EsgRating previous, @ForAll @IntRange(min = 1, max = 120) int term,
      @ForAll @IntRange(min = 0, max = 200) int coverPercent) {
    PricingResult r = pricing.price(TestData.PARAMETERS, tier, term,
        BigDecimal.valueOf(coverPercent, 2), rating, previous);
    assertThat(r.esgDiscountBp()).isBetween(0, 25);
    assertThat(r.finalRateBp())
        .isEqualTo(r.baseRateBp() + r.riskPremiumBp() - r.esgDiscountBp());
    assertThat(r.riskPremiumBp()).isPositive();
  }

  @Property(tries = 200)
  void anUpgradeNeverEarnsLessDiscountThanADowngrade(@ForAll EsgRating rating,
      @ForAll("ratings") EsgRating better, @ForAll("ratings") EsgRating worse) {
    // previous worse than current = upgrade; previous better = downgrade.
    if (better == null || worse == null || better.ordinal() >= rating.ordinal()
        || worse.ordinal() <= rating.ordinal()) {
      return;
    }
    int afterDowngrade = pricing.price(TestData.PARAMETERS, Tier.B, 12, BigDecimal.ONE, rating,
        better).esgDiscountBp();
    int afterUpgrade = pricing.price(TestData.PARAMETERS, Tier.B, 12, BigDecimal.ONE, rating,
        worse).esgDiscountBp();
    assertThat(afterUpgrade).isGreaterThanOrEqualTo(afterDowngrade);
  }
}
