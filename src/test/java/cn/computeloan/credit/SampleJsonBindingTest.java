package cn.computeloan.credit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.evaluation.CreditPolicy;
import cn.computeloan.credit.evaluation.PolicyEvaluation;
import cn.computeloan.credit.model.EsgRating;
import cn.computeloan.credit.model.FundingStage;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.model.Product;
import cn.computeloan.credit.model.Segment;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The samples bind with a plain ObjectMapper + JavaTimeModule, as the REST API will use them. */
class SampleJsonBindingTest {

  @Test
  void samplesBindToRecords() {
    LoanApplication chip = TestData.sample(TestData.CHIP);
    assertThat(chip.applicant().segment()).isEqualTo(Segment.AI_CHIP);
    assertThat(chip.applicant().fundingStage()).isEqualTo(FundingStage.SERIES_A);
    assertThat(chip.applicant().foundingDate()).isEqualTo(LocalDate.of(2021, 3, 15));
    assertThat(chip.statements()).hasSize(3);
    assertThat(chip.computeProfile().pue()).isNull();
    assertThat(chip.esgRating()).isNull();

    LoanApplication dc = TestData.sample(TestData.DATA_CENTRE);
    assertThat(dc.product()).isEqualTo(Product.PROJECT);
    assertThat(dc.projectTotalInvestment()).isEqualByComparingTo("80000000");
    assertThat(dc.esgRating()).isEqualTo(EsgRating.AA);

    LoanApplication aigc = TestData.sample(TestData.AIGC);
    assertThat(aigc.orderContract().buyerLargeEnterprise()).isTrue();
    assertThat(aigc.guaranteeOffers()).hasSize(4);
  }

  @Test
  void recordsRoundTrip() throws Exception {
    for (String s : List.of(TestData.CHIP, TestData.DATA_CENTRE, TestData.AIGC)) {
      LoanApplication app = TestData.sample(s);
      String json = TestData.MAPPER.writeValueAsString(app);
      assertThat(TestData.MAPPER.readValue(json, LoanApplication.class)).isEqualTo(app);
    }
  }

  @Test
  void evaluationSerialisesForStorageAndTheApi() throws Exception {
    PolicyEvaluation e = new CreditPolicy(TestData.DECISIONS, TestData.CLOCK)
        .evaluateAll(TestData.sample(TestData.DATA_CENTRE));
    JsonNode json = TestData.MAPPER.readTree(TestData.MAPPER.writeValueAsString(e));
    assertThat(json.at("/score/tier").asText()).isEqualTo("A");
    assertThat(json.at("/pricing/finalRateBp").asInt()).isEqualTo(385);
    assertThat(json.at("/limit/caps/0/code").asText()).isEqualTo("REQUESTED");
    assertThat(json.at("/review/firedRules").isArray()).isTrue();
  }

  @Test
  void missingListsBecomeEmpty() throws Exception {
    LoanApplication app = TestData.MAPPER.readValue("{\"product\":\"COMPUTE_OPERATING\"}",
        LoanApplication.class);
    assertThat(app.statements()).isEmpty();
    assertThat(app.guaranteeOffers()).isEmpty();
  }
}
