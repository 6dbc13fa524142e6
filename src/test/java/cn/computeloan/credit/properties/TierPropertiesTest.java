package cn.computeloan.credit.properties;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.TestData;
import cn.computeloan.credit.model.ReviewOutcome;
import cn.computeloan.credit.model.Tier;
import cn.computeloan.credit.score.ComputeScorecard;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A higher score never gives a worse tier; a failed review is never A or B; scores stay 0..100. */
class TierPropertiesTest {

  private final ComputeScorecard scorecard = new ComputeScorecard(TestData.DECISIONS);

  @Provide
  Arbitrary<BigDecimal> scores() {
    return Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.valueOf(100)).ofScale(1);
  }

  @Property(tries = 500)
  void higherScoreNeverGivesAWorseTier(@ForAll("scores") BigDecimal a,
      @ForAll("scores") BigDecimal b, @ForAll ReviewOutcome review) {
    BigDecimal low = a.min(b);
    BigDecimal high = a.max(b);
    Tier lowTier = scorecard.tier(low, review).tier();
    Tier highTier = scorecard.tier(high, review).tier();
    // Tier.A has the lowest ordinal: "not worse" means ordinal not greater.
    assertThat(highTier.ordinal()).isLessThanOrEqualTo(lowTier.ordinal());
  }

  @Property(tries = 200)
  void aBetterReviewNeverGivesAWorseTier(@ForAll("scores") BigDecimal score,
      @ForAll ReviewOutcome x, @ForAll ReviewOutcome y) {
    ReviewOutcome better = x.ordinal() <= y.ordinal() ? x : y;
    ReviewOutcome worse = better == x ? y : x;
    assertThat(scorecard.tier(score, better).tier().ordinal())
        .isLessThanOrEqualTo(scorecard.tier(score, worse).tier().ordinal());
  }

  @Property(tries = 200)
  void failedReviewIsNeverTierAOrB(@ForAll("scores") BigDecimal score) {
    assertThat(scorecard.tier(score, ReviewOutcome.FAIL).tier()).isEqualTo(Tier.C);
  }

  @Provide
  Arbitrary<BigDecimal> anyNumber() {
    return Arbitraries.bigDecimals().between(new BigDecimal("-10"), new BigDecimal("1000"))
        .ofScale(3).injectNull(0.15);
  }

  @Property(tries = 300)
  void scorecardGivesExactlyOneBandPerFactorWithinItsWeight(
      @ForAll("anyNumber") BigDecimal pflops, @ForAll("anyNumber") BigDecimal utilisation,
      @ForAll("anyNumber") BigDecimal pue, @ForAll("anyNumber") BigDecimal rdShare,
      @ForAll("anyNumber") BigDecimal tenure, @ForAll("anyNumber") BigDecimal rdIntensity,
      @ForAll("anyNumber") BigDecimal patents, @ForAll("anyNumber") BigDecimal growth,
      @ForAll("anyNumber") BigDecimal customer, @ForAll("anyNumber") BigDecimal backlog,
      @ForAll cn.computeloan.credit.model.Segment segment) {
    Map<String, Object> in = new HashMap<>();
    in.put("segment", segment.name());
    in.put("computePflops", pflops);
    in.put("utilisation", utilisation);
    in.put("pue", pue);
    in.put("rdStaffShare", rdShare);
    in.put("coreTeamTenureYears", tenure);
    in.put("rdIntensity", rdIntensity);
    in.put("patents", patents);
    in.put("softwareCopyrights", patents);
    in.put("revenueGrowth", growth);
    in.put("largestCustomerShare", customer);
    in.put("backlogCoverage", backlog);
    var outcome = TestData.DECISIONS.evaluate("ComputeScorecard", in);
    assertThat(outcome.matchedRules()).hasSize(11);
    assertThat(outcome.matchedRules().stream().map(r -> r.text("factor")).distinct()).hasSize(11);
    BigDecimal total = BigDecimal.ZERO;
    for (var rule : outcome.matchedRules()) {
      BigDecimal points = (BigDecimal) rule.outputs().get("points");
      assertThat(points).isBetween(BigDecimal.ZERO, (BigDecimal) rule.outputs().get("maxPoints"));
      total = total.add(points);
    }
    assertThat(total).isBetween(BigDecimal.ZERO, BigDecimal.valueOf(100));
  }
}
