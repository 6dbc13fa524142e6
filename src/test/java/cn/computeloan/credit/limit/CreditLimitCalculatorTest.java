package cn.computeloan.credit.limit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.TestData;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.model.ReviewOutcome;
import cn.computeloan.credit.model.Tier;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreditLimitCalculatorTest {

  private final CreditLimitCalculator calculator = new CreditLimitCalculator(TestData.DECISIONS);

  private LimitResult limit(String sample, Tier tier, ReviewOutcome review,
      Consumer<ObjectNode> change) {
    LoanApplication app = TestData.sample(sample, change);
    return calculator.limit(app, review, tier);
  }

  @ParameterizedTest(name = "{0} requested {1}, tier {2} -> {3} bound by {4}")
  @CsvSource({
    "COMPUTE_OPERATING, 10000000, A, 10000000.00, REQUESTED",
    "COMPUTE_OPERATING, 30000000, A, 20000000.00, PRODUCT_MAX;TIER_SHARE",
    "COMPUTE_UPGRADE, 30000000, B, 12000000.00, TIER_SHARE",
    "WORKING_CAPITAL, 200000000, A, 150000000.00, PRODUCT_MAX;TIER_SHARE",
    "WORKING_CAPITAL, 200000000, C, 45000000.00, TIER_SHARE",
  })
  void fixedProductCaps(String product, long requested, Tier tier, String expected,
      String binding) {
    LimitResult r = limit(TestData.CHIP, tier, ReviewOutcome.PASS,
        a -> a.put("product", product).put("requestedAmount", requested));
    assertThat(r.approvedAmount()).isEqualByComparingTo(expected);
    assertThat(String.join(";", r.bindingCaps())).isEqualTo(binding);
  }

  @Test
  void projectLoanIsCappedAtEightyPercentOfInvestmentAndTenYears() {
    LimitResult r = limit(TestData.DATA_CENTRE, Tier.A, ReviewOutcome.PASS,
        a -> a.put("requestedAmount", 70_000_000).put("termMonths", 150));
    assertThat(r.approvedAmount()).isEqualByComparingTo("64000000.00");
    assertThat(r.bindingCaps()).containsExactly("PROJECT_INVESTMENT_SHARE", "TIER_SHARE", "TERM_MAX");
    assertThat(r.approvedTermMonths()).isEqualTo(120);
    assertThat(r.requestedTermMonths()).isEqualTo(150);
  }

  @Test
  void workingCapitalTermIsCappedAtFiveYears() {
    LimitResult r = limit(TestData.CHIP, Tier.A, ReviewOutcome.PASS,
        a -> a.put("product", "WORKING_CAPITAL").put("termMonths", 72));
    assertThat(r.approvedTermMonths()).isEqualTo(60);
    assertThat(r.bindingCaps()).contains("TERM_MAX");
  }

  @Test
  void orderFinancingIsCappedAtEightyPercentOfTheContract() {
    LimitResult r = limit(TestData.AIGC, Tier.A, ReviewOutcome.PASS,
        a -> a.put("requestedAmount", 35_000_000));
    assertThat(r.approvedAmount()).isEqualByComparingTo("32000000.00");
    assertThat(r.bindingCaps()).containsExactly("CONTRACT_SHARE", "TIER_SHARE");
    assertThat(r.caps()).extracting(LimitCap::code)
        .containsExactly("REQUESTED", "CONTRACT_SHARE", "TIER_SHARE");
  }

  @Test
  void shouldCapOrderFromOrdinaryBuyerAtHalfTheContract() {
    LimitResult r = limit(TestData.AIGC, Tier.A, ReviewOutcome.PASS,
        a -> ((ObjectNode) a.get("orderContract")).put("buyerLargeEnterprise", false));
    assertThat(r.approvedAmount()).isEqualByComparingTo("20000000.00");
    assertThat(r.bindingCaps()).containsExactly("CONTRACT_SHARE", "TIER_SHARE");
    assertThat(r.inputs()).containsEntry("buyerLargeEnterprise", false);
    assertThat(r.firedRules().get(0).ruleId()).isEqualTo("ProductLimits_r06");
    assertThat(r.caps().get(1).reasonEn()).contains("not a large enterprise");
  }

  @Test
  void shouldIgnoreLargeBuyerFlagOutsideOrderFinancing() {
    LimitResult r = limit(TestData.CHIP, Tier.A, ReviewOutcome.PASS, a -> {});
    assertThat(r.inputs()).containsEntry("buyerLargeEnterprise", null);
    assertThat(r.firedRules().get(0).ruleId()).isEqualTo("ProductLimits_r01");
  }

  @Test
  void tierBGetsSixtyPercentOfTheContractCeiling() {
    LimitResult r = limit(TestData.AIGC, Tier.B, ReviewOutcome.REFER, a -> {});
    assertThat(r.approvedAmount()).isEqualByComparingTo("19200000.00");
    assertThat(r.bindingCaps()).containsExactly("TIER_SHARE");
    assertThat(r.firedRules()).hasSize(2);
    assertThat(r.policyVersions()).allMatch(v -> v.matches("(ProductLimits|TierLimitShare):v1:\\w{12}"));
  }

  @Test
  void failedReviewGetsNoLimit() {
    LimitResult r = limit(TestData.DATA_CENTRE, Tier.C, ReviewOutcome.FAIL, a -> {});
    assertThat(r.approvedAmount()).isEqualByComparingTo("0");
    assertThat(r.bindingCaps()).containsExactly("REVIEW_FAILED");
  }

  @Test
  void missingBasisGivesZero() {
    assertThat(limit(TestData.DATA_CENTRE, Tier.A, ReviewOutcome.PASS,
        a -> a.putNull("projectTotalInvestment")).bindingCaps()).contains("MISSING_BASIS");
    assertThat(limit(TestData.AIGC, Tier.A, ReviewOutcome.PASS,
        a -> a.putNull("orderContract")).approvedAmount()).isEqualByComparingTo("0");
    assertThat(limit(TestData.AIGC, Tier.A, ReviewOutcome.PASS,
        a -> a.putNull("product")).approvedAmount()).isEqualByComparingTo("0");
  }
}
