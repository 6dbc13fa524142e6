package cn.computeloan.credit.authority;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.TestData;
import cn.computeloan.credit.model.Product;
import cn.computeloan.credit.model.Tier;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApprovalAuthorityServiceTest {

  private final ApprovalAuthorityService service = new ApprovalAuthorityService(TestData.DECISIONS);

  @ParameterizedTest(name = "{0} {1} {2} -> {3} x{4}")
  @CsvSource({
    "5000000, A, COMPUTE_OPERATING, CREDIT_APPROVER, 1",
    "5000001, A, COMPUTE_OPERATING, BRANCH_RISK_DIRECTOR, 2",
    "20000000, B, WORKING_CAPITAL, BRANCH_RISK_DIRECTOR, 2",
    "20000001, A, WORKING_CAPITAL, BRANCH_CREDIT_COMMITTEE, 3",
    "1000000, C, COMPUTE_UPGRADE, BRANCH_CREDIT_COMMITTEE, 3",
    "50000000, A, PROJECT, BRANCH_CREDIT_COMMITTEE, 3",
    "50000001, A, PROJECT, HEAD_OFFICE_CREDIT_COMMITTEE, 5",
    "150000001, A, WORKING_CAPITAL, HEAD_OFFICE_CREDIT_COMMITTEE, 5",
  })
  void levelByAmountTierAndProduct(long amount, Tier tier, Product product, String level,
      int approvals) {
    AuthorityResult r = service.authority(product, tier, BigDecimal.valueOf(amount));
    assertThat(r.level()).isEqualTo(level);
    assertThat(r.requiredApprovals()).isEqualTo(approvals);
    assertThat(r.preparerMayApprove()).isFalse();
    assertThat(r.candidateGroups()).isNotEmpty();
    assertThat(r.firedRules()).singleElement().satisfies(f -> assertThat(f.reasonZh()).isNotBlank());
  }

  @Test
  void candidateGroupsAreSplit() {
    AuthorityResult r = service.authority(Product.COMPUTE_OPERATING, Tier.B,
        BigDecimal.valueOf(10_000_000));
    assertThat(r.candidateGroups()).containsExactly("credit-approver", "risk-director");
  }

  @Test
  void fourEyesPreparerAndRepeatsDoNotCount() {
    AuthorityResult r = service.authority(Product.COMPUTE_OPERATING, Tier.B,
        BigDecimal.valueOf(10_000_000));
    assertThat(ApprovalAuthorityService.approvalsSufficient(r, "li", List.of("li", "wang")))
        .isFalse();
    assertThat(ApprovalAuthorityService.approvalsSufficient(r, "li", List.of("wang", "wang")))
        .isFalse();
    assertThat(ApprovalAuthorityService.approvalsSufficient(r, "li", List.of("wang", "zhao")))
        .isTrue();
  }
}
