package cn.computeloan.credit.guarantee;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.FiredRule;
import cn.computeloan.credit.TestData;
import cn.computeloan.credit.model.GuaranteeType;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.model.Tier;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GuaranteeSelectorTest {

  private final GuaranteeSelector selector = new GuaranteeSelector(TestData.DECISIONS);

  private GuaranteeResult assess(String sample, Tier tier, long limit, Consumer<ObjectNode> c) {
    LoanApplication app = TestData.sample(sample, c);
    return selector.assess(app, tier, BigDecimal.valueOf(limit));
  }

  private static Consumer<ObjectNode> offers(Object... typeAndValue) {
    return a -> {
      ArrayNode arr = a.putArray("guaranteeOffers");
      for (int i = 0; i < typeAndValue.length; i += 2) {
        arr.addObject().put("type", (String) typeAndValue[i]).put("provider", "P" + i)
            .put("appraisedValue", ((Number) typeAndValue[i + 1]).longValue());
      }
    };
  }

  @ParameterizedTest(name = "tier {0} {1} {2} -> cover {3}, pure credit {4}")
  @CsvSource({
    "A, COMPUTE_OPERATING, 5000000, 0, true",
    "A, COMPUTE_OPERATING, 5000001, 0.5, false",
    "A, PROJECT, 1000000, 0.8, false",
    "B, WORKING_CAPITAL, 3000000, 0.5, false",
    "B, WORKING_CAPITAL, 3000001, 0.8, false",
    "C, COMPUTE_UPGRADE, 1000000, 1.0, false",
    "C, COMPUTE_UPGRADE, 0, 0, true",
  })
  void requirementByTierProductAndAmount(Tier tier, String product, long amount, String ratio,
      boolean pure) {
    GuaranteeResult r = assess(TestData.CHIP, tier, amount, a -> a.put("product", product));
    assertThat(r.requiredCoverRatio()).isEqualByComparingTo(ratio);
    assertThat(r.pureCreditAllowed()).isEqualTo(pure);
    assertThat(r.firedRules().get(0).decisionId()).isEqualTo("GuaranteeRequirement");
  }

  @Test
  void pureCreditNeedsNoCollateralAndSelectsNothing() {
    GuaranteeResult r = assess(TestData.CHIP, Tier.A, 4_000_000, a -> {});
    assertThat(r.requirementMet()).isTrue();
    assertThat(r.selectedOffers()).isEmpty();
    assertThat(r.selectedCost()).isEqualByComparingTo("0");
  }

  @Test
  void chipStartUpNeedsTheGuaranteePlusTheIpPledge() {
    GuaranteeResult r = assess(TestData.CHIP, Tier.B, 10_000_000, a -> {});
    assertThat(r.requiredCover()).isEqualByComparingTo("8000000.00");
    assertThat(r.offers()).extracting(OfferValuation::coverValue)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(new BigDecimal("7000000"), new BigDecimal("2100000"));
    assertThat(r.offers()).extracting(OfferValuation::cost)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(new BigDecimal("150000"), new BigDecimal("39000"));
    assertThat(r.selectedOffers()).hasSize(2);
    assertThat(r.selectedCover()).isEqualByComparingTo("9100000");
    assertThat(r.achievedCoverRatio()).isEqualByComparingTo("0.91");
    assertThat(r.firedRules()).extracting(FiredRule::decisionId)
        .containsExactly("GuaranteeRequirement", "CollateralHaircut", "CollateralHaircut");
  }

  @Test
  void picksTheCheapestSufficientCombination() {
    // Need 15,360,000 of cover. Receivable pledge alone (18.0M cover, 21,000 cost) beats any mix.
    GuaranteeResult r = assess(TestData.AIGC, Tier.B, 19_200_000, a -> {});
    assertThat(r.selectedOffers()).extracting(OfferValuation::type)
        .containsExactly(GuaranteeType.PLEDGE);
    assertThat(r.selectedCost()).isEqualByComparingTo("21000");
  }

  @Test
  void cheaperPairBeatsDearerSingle() {
    // Need 10M. Guarantee 15M -> 10.5M cover, cost 225,000. Mortgage 10M (7M, 25,000) + pledge
    // 4M (3.6M, 5,000) -> 10.6M for 30,000.
    GuaranteeResult r = assess(TestData.CHIP, Tier.C, 10_000_000,
        offers("THIRD_PARTY_GUARANTEE", 15_000_000, "MORTGAGE", 10_000_000, "PLEDGE", 4_000_000));
    assertThat(r.selectedOffers()).extracting(OfferValuation::offerIndex).containsExactly(1, 2);
    assertThat(r.selectedCost()).isEqualByComparingTo("30000");
    assertThat(r.requirementMet()).isTrue();
  }

  @Test
  void shortfallSaysWhatIsMissing() {
    // Tier C needs 10M; equipment 10M (4M) + data 5M (1.5M) = 5.5M -> 4.5M short.
    GuaranteeResult r = assess(TestData.CHIP, Tier.C, 10_000_000,
        offers("EQUIPMENT_MORTGAGE", 10_000_000, "DATA_ASSET_PLEDGE", 5_000_000, "CREDIT", 0));
    assertThat(r.requirementMet()).isFalse();
    assertThat(r.shortfall()).isEqualByComparingTo("4500000");
    assertThat(r.selectedOffers()).hasSize(2);
    assertThat(r.shortfallOptions()).extracting(ShortfallOption::type)
        .doesNotContain(GuaranteeType.CREDIT).contains(GuaranteeType.MORTGAGE);
    ShortfallOption pledge = r.shortfallOptions().stream()
        .filter(o -> o.type() == GuaranteeType.PLEDGE).findFirst().orElseThrow();
    assertThat(pledge.appraisedValueNeeded()).isEqualByComparingTo("5000000"); // 4.5M / 0.9
    ShortfallOption mortgage = r.shortfallOptions().stream()
        .filter(o -> o.type() == GuaranteeType.MORTGAGE).findFirst().orElseThrow();
    assertThat(mortgage.appraisedValueNeeded()).isEqualByComparingTo("6428571.43"); // rounded up
  }

  @Test
  void noOffersAtAll() {
    GuaranteeResult r = assess(TestData.CHIP, Tier.C, 1_000_000, a -> a.putArray("guaranteeOffers"));
    assertThat(r.requirementMet()).isFalse();
    assertThat(r.shortfall()).isEqualByComparingTo("1000000");
    assertThat(r.offers()).isEmpty();
  }

  @ParameterizedTest(name = "{0}: haircut {1}")
  @CsvSource({"CREDIT, 1", "THIRD_PARTY_GUARANTEE, 0.3", "MORTGAGE, 0.3",
      "EQUIPMENT_MORTGAGE, 0.6", "PLEDGE, 0.1", "DATA_ASSET_PLEDGE, 0.7", "IP_PLEDGE, 0.65"})
  void haircutTableHasOneRulePerType(GuaranteeType type, String haircut) {
    var outcome = TestData.DECISIONS.evaluate("CollateralHaircut",
        java.util.Map.of("guaranteeType", type.name()));
    assertThat(outcome.number("haircut")).isEqualByComparingTo(haircut);
    assertThat(outcome.text("reasonZh")).isNotBlank();
  }
}
