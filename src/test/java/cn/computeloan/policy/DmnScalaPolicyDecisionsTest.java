package cn.computeloan.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.computeloan.credit.decision.DecisionOutcome;
import cn.computeloan.credit.decision.PolicyDecisionException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DmnScalaPolicyDecisionsTest {

  static final DmnScalaPolicyDecisions DECISIONS = new DmnScalaPolicyDecisions();

  @Test
  void loadsEveryPolicyDecision() {
    assertThat(DECISIONS.decisionIds())
        .containsExactlyInAnyOrder(
            "PolicyParameters", "ReviewThresholds", "ComputeScorecard", "ComputeTier",
            "ProductLimits", "TierLimitShare", "GuaranteeRequirement", "CollateralHaircut",
            "RiskPremium", "EsgDiscount", "ApprovalAuthority", "EarlyWarning", "RepaymentMethods",
            "MinimumDscr", "InterestSubsidy", "GpuCollateral", "GpuRentalHaircut");
  }

  @Test
  void policyVersionIsIdTagAndContentHash() {
    assertThat(DECISIONS.policyVersion("ComputeTier")).matches("ComputeTier:v1:[0-9a-f]{12}");
    // Two decisions in one file share the file hash.
    String a = DECISIONS.policyVersion("ProductLimits");
    String b = DECISIONS.policyVersion("TierLimitShare");
    assertThat(a.substring(a.lastIndexOf(':'))).isEqualTo(b.substring(b.lastIndexOf(':')));
  }

  @Test
  void firstHitReportsWinningRuleWithIndexAndOutputs() {
    DecisionOutcome outcome =
        DECISIONS.evaluate("ComputeTier", Map.of("score", new BigDecimal("80"), "reviewOutcome", "REFER"));
    assertThat(outcome.matchedRules()).hasSize(1);
    assertThat(outcome.single().ruleId()).isEqualTo("ComputeTier_r03");
    assertThat(outcome.single().ruleIndex()).isEqualTo(3);
    assertThat(outcome.text("tier")).isEqualTo("B");
    assertThat(outcome.text("reasonEn")).contains("capped at B");
    assertThat(outcome.inputs()).containsEntry("reviewOutcome", "REFER");
    assertThat(outcome.decisionName()).isEqualTo("Compute tier (A/B/C)");
  }

  @Test
  void collectReturnsEveryMatchedRuleAndNullInputsMatchNullBands() {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("segment", "AI_CHIP");
    DecisionOutcome outcome = DECISIONS.evaluate("ComputeScorecard", inputs);
    // One band per factor: 11 factors, each matched by its "not reported" or neutral row.
    assertThat(outcome.matchedRules()).hasSize(11);
    assertThat(outcome.outputs()).allSatisfy(row -> assertThat(row).containsKeys("factor", "points"));
  }

  @Test
  void nullOutputEntriesBecomeJavaNull() {
    DecisionOutcome outcome = DECISIONS.evaluate("ProductLimits", Map.of("product", "PROJECT"));
    assertThat(outcome.number("maxAmount")).isNull();
    assertThat(outcome.number("maxTermMonths")).isEqualByComparingTo("120");
    assertThat(outcome.number("maxShareOfProjectInvestment")).isEqualByComparingTo("0.8");
  }

  @Test
  void unknownDecisionIsAPolicyDefect() {
    assertThatThrownBy(() -> DECISIONS.evaluate("Nope", Map.of()))
        .isInstanceOf(PolicyDecisionException.class);
  }
}
