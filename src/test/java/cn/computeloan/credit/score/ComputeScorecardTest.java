package cn.computeloan.credit.score;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.FiredRule;
import cn.computeloan.credit.TestData;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.model.ReviewOutcome;
import cn.computeloan.credit.model.Tier;
import cn.computeloan.credit.review.ReviewResult;
import cn.computeloan.credit.review.ThreeStatementReview;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComputeScorecardTest {

  private final ComputeScorecard scorecard = new ComputeScorecard(TestData.DECISIONS);

  private ScoreResult score(String sample, Consumer<ObjectNode> change) {
    LoanApplication app = TestData.sample(sample, change);
    ReviewResult review = new ThreeStatementReview(TestData.DECISIONS)
        .review(app, TestData.PARAMETERS, TestData.TODAY);
    return scorecard.score(app, review);
  }

  private static BigDecimal points(ScoreResult r, String factor) {
    return r.factors().stream().filter(f -> f.factor().equals(factor)).findFirst().orElseThrow()
        .points();
  }

  @Test
  void dataCentreScoresSeventyNineAndTierA() {
    ScoreResult r = score(TestData.DATA_CENTRE, a -> {});
    assertThat(r.score()).isEqualByComparingTo("79");
    assertThat(r.tier()).isEqualTo(Tier.A);
    assertThat(r.factors()).hasSize(11);
    assertThat(r.factors().stream().mapToInt(f -> f.maxPoints().intValue()).sum()).isEqualTo(100);
    assertThat(points(r, "RD_INTENSITY")).isEqualByComparingTo("3");
    assertThat(r.policyVersions()).hasSize(2);
    assertThat(r.inputs()).containsEntry("segment", "DATA_CENTER").containsEntry("reviewOutcome", "PASS");
    assertThat(r.firedRules()).last().extracting(FiredRule::decisionId).isEqualTo("ComputeTier");
  }

  @Test
  void referredReviewCapsAHighScoreAtB() {
    ScoreResult r = score(TestData.AIGC, a -> {});
    assertThat(r.score()).isEqualByComparingTo("87");
    assertThat(r.tier()).isEqualTo(Tier.B);
    assertThat(r.firedRules()).last().extracting(FiredRule::reasonEn).asString()
        .contains("capped at B");
  }

  @Test
  void segmentChangesTheComputeScaleBands() {
    // 60 PFLOPS is top of the band for a model developer, low for a data centre.
    assertThat(points(score(TestData.AIGC, a -> {}), "COMPUTE_SCALE")).isEqualByComparingTo("10");
    assertThat(points(score(TestData.AIGC, a -> ((ObjectNode) a.get("applicant"))
        .put("segment", "DATA_CENTER")), "COMPUTE_SCALE")).isEqualByComparingTo("4");
  }

  @Test
  void missingProfileScoresOnlyNeutralBands() {
    ScoreResult r = score(TestData.CHIP, a -> a.putNull("computeProfile"));
    // Neutral PUE for a chip designer 3 + R&D intensity 15 (from the statements) + growth 8.
    assertThat(r.score()).isEqualByComparingTo("26");
    assertThat(r.tier()).isEqualTo(Tier.C);
  }

  @ParameterizedTest(name = "{0}={1} -> {2} points for {3}")
  @CsvSource({
    "utilisation, 0.75, 8, COMPUTE_UTILISATION", "utilisation, 0.6, 6, COMPUTE_UTILISATION",
    "utilisation, 0.4, 3, COMPUTE_UTILISATION", "utilisation, 0.39, 0, COMPUTE_UTILISATION",
    "pue, 1.25, 7, COMPUTE_PUE", "pue, 1.4, 5, COMPUTE_PUE", "pue, 1.6, 2, COMPUTE_PUE",
    "pue, 1.61, 0, COMPUTE_PUE", "rdStaffShare, 0.5, 8, TEAM_RD_STAFF",
    "rdStaffShare, 0.3, 6, TEAM_RD_STAFF", "rdStaffShare, 0.15, 3, TEAM_RD_STAFF",
    "rdStaffShare, 0.1, 0, TEAM_RD_STAFF", "coreTeamTenureYears, 5, 7, TEAM_TENURE",
    "coreTeamTenureYears, 3, 5, TEAM_TENURE", "coreTeamTenureYears, 1, 2, TEAM_TENURE",
    "coreTeamTenureYears, 0.5, 0, TEAM_TENURE", "rdIntensity, 0.3, 15, RD_INTENSITY",
    "rdIntensity, 0.15, 11, RD_INTENSITY", "rdIntensity, 0.08, 7, RD_INTENSITY",
    "rdIntensity, 0.03, 3, RD_INTENSITY", "rdIntensity, 0.02, 0, RD_INTENSITY",
    "patents, 20, 10, IP_PATENTS", "patents, 10, 8, IP_PATENTS", "patents, 5, 6, IP_PATENTS",
    "patents, 1, 3, IP_PATENTS", "patents, 0, 0, IP_PATENTS",
    "softwareCopyrights, 20, 5, IP_COPYRIGHTS", "softwareCopyrights, 5, 3, IP_COPYRIGHTS",
    "softwareCopyrights, 1, 1, IP_COPYRIGHTS", "softwareCopyrights, 0, 0, IP_COPYRIGHTS",
    "revenueGrowth, 0.5, 8, MARKET_GROWTH", "revenueGrowth, 0.2, 6, MARKET_GROWTH",
    "revenueGrowth, 0, 3, MARKET_GROWTH", "revenueGrowth, -0.01, 0, MARKET_GROWTH",
    "largestCustomerShare, 0.2, 7, CUSTOMER_CONCENTRATION",
    "largestCustomerShare, 0.4, 5, CUSTOMER_CONCENTRATION",
    "largestCustomerShare, 0.6, 2, CUSTOMER_CONCENTRATION",
    "largestCustomerShare, 0.61, 0, CUSTOMER_CONCENTRATION",
    "backlogCoverage, 2, 15, ORDER_BACKLOG", "backlogCoverage, 1, 11, ORDER_BACKLOG",
    "backlogCoverage, 0.5, 6, ORDER_BACKLOG", "backlogCoverage, 0.2, 3, ORDER_BACKLOG",
    "backlogCoverage, 0.1, 0, ORDER_BACKLOG", "computePflops, 500, 10, COMPUTE_SCALE",
    "computePflops, 100, 7, COMPUTE_SCALE", "computePflops, 20, 4, COMPUTE_SCALE",
    "computePflops, 19, 1, COMPUTE_SCALE",
  })
  void everyBandOfTheScorecardTable(String input, String value, int points, String factor) {
    Map<String, Object> in = new HashMap<>();
    in.put("segment", "DATA_CENTER");
    in.put(input, new BigDecimal(value));
    var outcome = TestData.DECISIONS.evaluate("ComputeScorecard", in);
    assertThat(outcome.matchedRules()).hasSize(11);
    assertThat(outcome.matchedRules()).filteredOn(r -> r.text("factor").equals(factor))
        .singleElement()
        .satisfies(r -> assertThat((BigDecimal) r.outputs().get("points"))
            .isEqualByComparingTo(BigDecimal.valueOf(points)));
  }

  @ParameterizedTest(name = "score {0}, review {1} -> {2}")
  @CsvSource({"75, PASS, A", "74.9, PASS, B", "55, PASS, B", "54, PASS, C", "100, REFER, B",
      "60, REFER, B", "40, REFER, C", "100, FAIL, C", "0, PASS, C"})
  void tierBandsAndCaps(String score, ReviewOutcome review, Tier tier) {
    assertThat(scorecard.tier(new BigDecimal(score), review).tier()).isEqualTo(tier);
  }
}
