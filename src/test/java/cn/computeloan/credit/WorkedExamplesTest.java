package cn.computeloan.credit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.evaluation.CreditPolicy;
import cn.computeloan.credit.evaluation.PolicyEvaluation;
import cn.computeloan.credit.guarantee.OfferValuation;
import cn.computeloan.credit.limit.LimitCap;
import cn.computeloan.credit.review.YearRatios;
import cn.computeloan.credit.score.FactorScore;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The figures docs/policy.md quotes for its worked examples, beyond those in CreditPolicyTest. */
class WorkedExamplesTest {

  private final CreditPolicy policy = new CreditPolicy(TestData.DECISIONS, TestData.CLOCK);

  private static List<String> points(PolicyEvaluation e) {
    return e.score().factors().stream()
        .map(f -> f.factor() + "=" + f.points().stripTrailingZeros().toPlainString()).toList();
  }

  private static List<String> rows(List<FiredRule> rules) {
    return rules.stream().map(r -> r.decisionId() + "#" + r.ruleIndex()).toList();
  }

  @Test
  void chipStartUpFigures() {
    PolicyEvaluation e = policy.evaluateAll(TestData.sample(TestData.CHIP));
    YearRatios r = e.review().latestRatios();
    assertThat(r.debtToAsset()).isEqualByComparingTo("0.1475");
    assertThat(r.debtServiceCoverage()).isEqualByComparingTo("-4.6512");
    assertThat(r.revenueGrowth()).isEqualByComparingTo("0.7778");
    assertThat(r.rdIntensity()).isEqualByComparingTo("0.6250");
    assertThat(e.review().ratios()).extracting(YearRatios::cashRunwayMonths)
        .extracting(BigDecimal::toPlainString).containsExactly("18.4", "29.1", "26.3");
    assertThat(e.review().crossChecks().receivablesGrowthGap()).isEqualByComparingTo("-0.2778");
    assertThat(rows(e.review().firedRules())).containsExactly("ReviewThresholds#11");
    assertThat(points(e)).containsExactly("COMPUTE_SCALE=7", "COMPUTE_UTILISATION=6",
        "COMPUTE_PUE=3", "TEAM_RD_STAFF=8", "TEAM_TENURE=5", "RD_INTENSITY=15", "IP_PATENTS=8",
        "IP_COPYRIGHTS=3", "MARKET_GROWTH=8", "CUSTOMER_CONCENTRATION=5", "ORDER_BACKLOG=15");
    assertThat(e.score().inputs()).containsEntry("rdStaffShare", new BigDecimal("0.6526"))
        .containsEntry("backlogCoverage", new BigDecimal("2.4000"));
    assertThat(e.limit().caps()).extracting(LimitCap::amount).extracting(BigDecimal::toPlainString)
        .containsExactly("10000000.00", "20000000.00", "12000000.00");
    assertThat(e.guarantee().requiredCover()).isEqualByComparingTo("8000000");
    assertThat(e.guarantee().offers()).extracting(OfferValuation::coverValue)
        .extracting(BigDecimal::toPlainString).containsExactly("7000000.00", "2100000.00");
    assertThat(e.guarantee().selectedCost()).isEqualByComparingTo("189000");
    assertThat(e.guarantee().achievedCoverRatio()).isEqualByComparingTo("0.91");
    assertThat(e.pricing().baseRateBp()).isEqualTo(300);
    assertThat(e.pricing().riskPremiumBp()).isEqualTo(120);
    assertThat(e.pricing().esgDiscountBp()).isZero();
    assertThat(rows(e.pricing().firedRules())).containsExactly("RiskPremium#5", "EsgDiscount#1");
    assertThat(rows(e.authority().firedRules())).containsExactly("ApprovalAuthority#5");
  }

  @Test
  void dataCentreFigures() {
    PolicyEvaluation e = policy.evaluateAll(TestData.sample(TestData.DATA_CENTRE));
    YearRatios r = e.review().latestRatios();
    assertThat(r.debtServiceCoverage()).isEqualByComparingTo("3.2632");
    assertThat(r.debtToEbitda()).isEqualByComparingTo("1.2903");
    assertThat(r.ebitda()).isEqualByComparingTo("62000000");
    assertThat(r.cashRunwayMonths()).isNull();
    assertThat(e.review().firedRules()).isEmpty();
    assertThat(points(e)).containsExactly("COMPUTE_SCALE=10", "COMPUTE_UTILISATION=8",
        "COMPUTE_PUE=7", "TEAM_RD_STAFF=3", "TEAM_TENURE=7", "RD_INTENSITY=3", "IP_PATENTS=10",
        "IP_COPYRIGHTS=5", "MARKET_GROWTH=6", "CUSTOMER_CONCENTRATION=5", "ORDER_BACKLOG=15");
    assertThat(rows(e.score().firedRules())).last().isEqualTo("ComputeTier#2");
    assertThat(e.limit().caps()).extracting(LimitCap::code)
        .containsExactly("REQUESTED", "PROJECT_INVESTMENT_SHARE", "TIER_SHARE");
    assertThat(e.limit().caps().get(1).amount()).isEqualByComparingTo("64000000");
    assertThat(e.guarantee().offers()).extracting(OfferValuation::cost)
        .extracting(BigDecimal::toPlainString).containsExactly("85000.00", "183000.00", "13000.00");
    // GPU servers: Hopper, 6 months old, valued 12 months ahead on its 48-month line, 70% haircut for the rental trend
    assertThat(e.guarantee().equipmentValuations()).singleElement().satisfies(v -> {
      assertThat(v.residualAtAppraisal()).isEqualByComparingTo("0.875");
      assertThat(v.residualAtHorizon()).isEqualByComparingTo("0.625");
      assertThat(v.depreciationFactor()).isEqualByComparingTo("0.7143");
      assertThat(v.marketTrend()).isEqualByComparingTo("-0.2353");
      assertThat(v.borrowerGap()).isEqualByComparingTo("-0.1154");
      assertThat(v.haircut()).isEqualByComparingTo("0.70");
      assertThat(v.coverValue()).isEqualByComparingTo("12857400");
    });
    assertThat(e.guarantee().offers()).extracting(OfferValuation::coverValue)
        .extracting(BigDecimal::toPlainString).containsExactly("28000000.00", "12857400.00", "10800000.00");
    assertThat(e.guarantee().selectedCover()).isEqualByComparingTo("51657400");
    assertThat(e.guarantee().selectedCost()).isEqualByComparingTo("281000");
    assertThat(e.guarantee().achievedCoverRatio()).isEqualByComparingTo("0.9291");
    assertThat(e.pricing().riskPremiumBp()).isEqualTo(60);
    assertThat(e.pricing().esgNotchChange()).isEqualTo(1);
    assertThat(rows(e.pricing().firedRules())).containsExactly("RiskPremium#2", "EsgDiscount#2",
        "InterestSubsidy#1");
    // the sci-tech compute subsidy pays half the interest: 385 bp contract rate, 193 bp off, 192 bp paid
    assertThat(e.pricing().subsidy().eligible()).isTrue();
    assertThat(e.pricing().subsidy().subsidyBp()).isEqualTo(193);
    assertThat(e.pricing().effectiveRateBp()).isEqualTo(192);
    assertThat(e.authority().requiredApprovals()).isEqualTo(5);
    assertThat(rows(e.authority().firedRules())).containsExactly("ApprovalAuthority#2");
  }

  @Test
  void aigcFigures() {
    PolicyEvaluation e = policy.evaluateAll(TestData.sample(TestData.AIGC));
    YearRatios r = e.review().latestRatios();
    assertThat(r.cashRunwayMonths()).isEqualByComparingTo("30.0");
    assertThat(r.debtServiceCoverage()).isEqualByComparingTo("-2.5455");
    assertThat(rows(e.review().firedRules())).containsExactly("ReviewThresholds#11");
    assertThat(e.score().factors()).extracting(FactorScore::factor, f -> f.points().intValue())
        .contains(org.assertj.core.groups.Tuple.tuple("CUSTOMER_CONCENTRATION", 2));
    assertThat(e.limit().caps()).extracting(LimitCap::amount).extracting(BigDecimal::toPlainString)
        .containsExactly("30000000.00", "32000000.00", "19200000.00");
    assertThat(rows(e.limit().firedRules()))
        .containsExactly("ProductLimits#5", "TierLimitShare#2");
    assertThat(e.guarantee().requiredCover()).isEqualByComparingTo("15360000");
    assertThat(e.guarantee().offers()).extracting(OfferValuation::cost)
        .extracting(BigDecimal::toPlainString)
        .containsExactly("145000.00", "75000.00", "180000.00", "21000.00");
    assertThat(e.guarantee().selectedCost()).isEqualByComparingTo("21000");
    assertThat(e.guarantee().achievedCoverRatio()).isEqualByComparingTo("0.9375");
    assertThat(e.pricing().esgDiscountBp()).isEqualTo(10);
    assertThat(rows(e.pricing().firedRules())).containsExactly("RiskPremium#5", "EsgDiscount#7");
    assertThat(e.authority().level()).isEqualTo("BRANCH_RISK_DIRECTOR");
  }

  @Test
  void everyFigureNamesItsInputsRulesAndDmnVersion() {
    for (String sample : List.of(TestData.CHIP, TestData.DATA_CENTRE, TestData.AIGC)) {
      PolicyEvaluation e = policy.evaluateAll(TestData.sample(sample));
      record Step(String name, java.util.Map<String, Object> inputs, List<FiredRule> fired,
          List<String> versions) {}
      List<Step> steps = List.of(
          new Step("review", e.review().inputs(), e.review().firedRules(),
              e.review().policyVersions()),
          new Step("score", e.score().inputs(), e.score().firedRules(), e.score().policyVersions()),
          new Step("limit", e.limit().inputs(), e.limit().firedRules(), e.limit().policyVersions()),
          new Step("guarantee", e.guarantee().inputs(), e.guarantee().firedRules(),
              e.guarantee().policyVersions()),
          new Step("pricing", e.pricing().inputs(), e.pricing().firedRules(),
              e.pricing().policyVersions()),
          new Step("authority", e.authority().inputs(), e.authority().firedRules(),
              e.authority().policyVersions()));
      for (Step step : steps) {
        assertThat(step.inputs()).as(sample + " " + step.name()).isNotEmpty();
        assertThat(step.versions()).as(sample + " " + step.name()).isNotEmpty()
            .allMatch(v -> v.matches("\\w+:v[12]:[0-9a-f]{12}"));
        assertThat(e.policyVersions()).containsAll(step.versions());
        assertThat(step.fired()).as(sample + " " + step.name()).allSatisfy(f -> {
          assertThat(step.versions()).anyMatch(v -> v.startsWith(f.decisionId() + ":"));
          assertThat(f.ruleIndex()).isPositive();
          assertThat(f.reasonZh()).isNotBlank();
          assertThat(f.reasonEn()).isNotBlank();
        });
      }
    }
  }
}
