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
        p.repaymentGraceDays(), p.gpuValuationHorizonMonths(), "test");
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

  private PricingResult priceWithSubsidy(String programme, String segment, String product) {
    var app = TestData.sample(TestData.DATA_CENTRE, n -> {
      n.put("interestSubsidyProgramme", programme).put("product", product);
      ((com.fasterxml.jackson.databind.node.ObjectNode) n.get("applicant")).put("segment", segment);
    });
    var policy = new cn.computeloan.credit.evaluation.CreditPolicy(TestData.DECISIONS, TestData.CLOCK);
    var e = policy.evaluateAll(app);
    return e.pricing();
  }

  @Test
  void shouldShowTheBanksRateTheSubsidyAndTheBorrowersEffectiveRate() {
    // given: a data-centre project loan under the sci-tech compute programme (half the interest)
    PricingResult r = priceWithSubsidy("SCI_TECH_COMPUTE", "DATA_CENTER", "PROJECT");

    // then: the bank's rate stays 385 bp; the issuer pays 193 bp of it; the borrower pays 192 bp
    assertThat(r.finalRateBp()).isEqualTo(385);
    assertThat(r.subsidy().eligible()).isTrue();
    assertThat(r.subsidy().issuer()).isNotBlank();
    assertThat(r.subsidy().shareOfInterest()).isEqualByComparingTo("0.5");
    assertThat(r.subsidy().capCny()).isEqualByComparingTo("3000000");
    assertThat(r.subsidy().periodMonths()).isEqualTo(36);
    assertThat(r.subsidy().subsidyBp()).isEqualTo(193);
    assertThat(r.effectiveRateBp()).isEqualTo(192);
    assertThat(r.policyVersions()).anyMatch(v -> v.startsWith("InterestSubsidy:v1:"));
  }

  @Test
  void shouldTakeBasisPointsOffUnderABasisPointProgramme() {
    PricingResult r = priceWithSubsidy("GREEN_COMPUTE_BP", "DATA_CENTER", "PROJECT");

    assertThat(r.subsidy().basisPoints()).isEqualTo(100);
    assertThat(r.effectiveRateBp()).isEqualTo(r.finalRateBp() - 100);
  }

  @Test
  void shouldRefuseTheSubsidyToASegmentOrProductTheProgrammeDoesNotCover() {
    // an AIGC model firm is not a compute-infrastructure builder
    PricingResult aigc = priceWithSubsidy("SCI_TECH_COMPUTE", "AIGC_MODEL", "PROJECT");
    PricingResult unknown = priceWithSubsidy("NO_SUCH_PROGRAMME", "DATA_CENTER", "PROJECT");

    assertThat(aigc.subsidy().eligible()).isFalse();
    assertThat(aigc.subsidy().subsidyBp()).isZero();
    assertThat(aigc.effectiveRateBp()).isEqualTo(aigc.finalRateBp());
    assertThat(aigc.subsidy().reasonEn()).contains("only compute-infrastructure");
    assertThat(unknown.subsidy().eligible()).isFalse();
    assertThat(unknown.subsidy().reasonEn()).contains("Not a subsidy programme");
  }

  @Test
  void shouldEvaluateNoSubsidyTableWhenTheApplicationNamesNoProgramme() {
    var e = new cn.computeloan.credit.evaluation.CreditPolicy(TestData.DECISIONS, TestData.CLOCK)
        .evaluateAll(TestData.sample(TestData.CHIP));

    assertThat(e.pricing().subsidy()).isNull();
    assertThat(e.pricing().effectiveRateBp()).isEqualTo(e.pricing().finalRateBp());
    assertThat(e.pricing().policyVersions()).noneMatch(v -> v.startsWith("InterestSubsidy"));
  }
}
