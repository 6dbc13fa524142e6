package cn.computeloan.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.computeloan.process.casefile.InMemoryCaseFile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the agreement signs: nothing without the repayment plan the deciding round's proposal chose. */
class RecordedTermsTest {

  private final InMemoryCaseFile caseFile = new InMemoryCaseFile();

  private void approvedCase(String id, String chosenMethod) {
    caseFile.recordStep(id, "LIMIT", Map.of("approvedAmount", 10_000_000, "approvedTermMonths", 36), "v", "w", null);
    caseFile.recordStep(id, "PRICING", Map.of("finalRateBp", 420), "v", "w", null);
    caseFile.recordStep(id, "GUARANTEE", Map.of("offers", List.of()), "v", "w", null);
    caseFile.recordStep(id, RecordedPlans.PROPOSAL, Map.of("proposedMethod", "EQUAL_PRINCIPAL", "options", List.of(
        Map.of("method", "EQUAL_PRINCIPAL", "available", true, "terms", Map.of("method", "EQUAL_PRINCIPAL")),
        Map.of("method", "BALLOON", "available", false))), "RepaymentMethods:v1:x", "w", null);
    Map<String, Object> preparation = new HashMap<>(Map.of("recommendation", "APPROVE", "round", 1));
    if (chosenMethod != null) {
      preparation.put("repaymentMethod", chosenMethod);
    }
    caseFile.recordStep(id, "PREPARATION", preparation, null, "analyst.li", null);
    caseFile.recordStep(id, RecordedTerms.approvalStep(1), Map.of("decision", "APPROVE", "seats", 1,
        "approvedAmount", 9_000_000), null, "approver.wang", null);
  }

  @Test
  void shouldSignThePlanTheDecidingRoundsProposalChose() {
    approvedCase("A-1", "EQUAL_PRINCIPAL");

    RecordedTerms.Agreement agreement = RecordedTerms.agreement(caseFile, "A-1");

    assertThat(agreement.repaymentPlan()).containsEntry("method", "EQUAL_PRINCIPAL");
    assertThat(agreement.policyVersions()).containsEntry(RecordedPlans.PROPOSAL, "RepaymentMethods:v1:x");
    assertThat(agreement.amount()).isEqualByComparingTo("9000000");
  }

  @Test
  void shouldRefuseToSignWithoutARepaymentPlan() {
    approvedCase("A-2", null);

    assertThatThrownBy(() -> RecordedTerms.agreement(caseFile, "A-2")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nothing is signed without one");
  }

  @Test
  void shouldRefuseAPlanTheRecordedProposalDoesNotOffer() {
    // a balloon the proposal marked unavailable, as a variable or a tampered record could name it
    approvedCase("A-3", "BALLOON");

    assertThatThrownBy(() -> RecordedTerms.agreement(caseFile, "A-3")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("BALLOON");
  }
}
