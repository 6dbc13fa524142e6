package cn.computeloan.credit.properties;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.TestData;
import cn.computeloan.credit.authority.ApprovalAuthorityService;
import cn.computeloan.credit.authority.AuthorityResult;
import cn.computeloan.credit.model.Product;
import cn.computeloan.credit.model.Tier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** More money or a worse tier never needs fewer approvers; the preparer never counts. */
class AuthorityPropertiesTest {

  private final ApprovalAuthorityService service = new ApprovalAuthorityService(TestData.DECISIONS);

  @Property(tries = 300)
  void largerAmountOrWorseTierNeverNeedsFewerApprovers(@ForAll Product product,
      @ForAll Tier tier, @ForAll Tier worse,
      @ForAll @LongRange(min = 0, max = 300_000_000) long a,
      @ForAll @LongRange(min = 0, max = 300_000_000) long b) {
    BigDecimal small = BigDecimal.valueOf(Math.min(a, b));
    BigDecimal large = BigDecimal.valueOf(Math.max(a, b));
    AuthorityResult base = service.authority(product, tier, small);
    assertThat(service.authority(product, tier, large).requiredApprovals())
        .isGreaterThanOrEqualTo(base.requiredApprovals());
    if (worse.ordinal() >= tier.ordinal()) {
      assertThat(service.authority(product, worse, small).requiredApprovals())
          .isGreaterThanOrEqualTo(base.requiredApprovals());
    }
    assertThat(base.requiredApprovals()).isPositive();
    assertThat(base.preparerMayApprove()).isFalse();
    assertThat(base.candidateGroups()).isNotEmpty();
  }

  @Property(tries = 200)
  void preparerAndRepeatsNeverCountAsApprovals(@ForAll Product product, @ForAll Tier tier,
      @ForAll @LongRange(min = 0, max = 300_000_000) long amount) {
    AuthorityResult result = service.authority(product, tier, BigDecimal.valueOf(amount));
    int needed = result.requiredApprovals();
    List<String> approvers = new ArrayList<>();
    approvers.add("preparer");
    for (int i = 0; i < needed - 1; i++) {
      approvers.add("approver-" + i);
      approvers.add("approver-" + i);
    }
    assertThat(ApprovalAuthorityService.approvalsSufficient(result, "preparer", approvers))
        .isFalse();
    approvers.add("approver-last");
    assertThat(ApprovalAuthorityService.approvalsSufficient(result, "preparer", approvers))
        .isTrue();
  }
}
