package cn.computeloan.credit.properties;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.TestData;
import cn.computeloan.credit.limit.CreditLimitCalculator;
import cn.computeloan.credit.limit.LimitCap;
import cn.computeloan.credit.limit.LimitResult;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.model.OrderContract;
import cn.computeloan.credit.model.Product;
import cn.computeloan.credit.model.ReviewOutcome;
import cn.computeloan.credit.model.Tier;
import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The limit never exceeds any cap, whatever the request, product, tier and review. */
class LimitPropertiesTest {

  private final CreditLimitCalculator calculator = new CreditLimitCalculator(TestData.DECISIONS);

  @Provide
  Arbitrary<BigDecimal> amounts() {
    return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("500000000"))
        .ofScale(2).injectNull(0.05);
  }

  @Property(tries = 400)
  void limitNeverExceedsAnyCap(@ForAll Product product, @ForAll Tier tier,
      @ForAll ReviewOutcome review, @ForAll("amounts") BigDecimal requested,
      @ForAll("amounts") BigDecimal investment, @ForAll("amounts") BigDecimal contract,
      @ForAll @IntRange(min = -12, max = 400) int term, @ForAll boolean largeBuyer) {
    LoanApplication base = TestData.sample(TestData.CHIP);
    LoanApplication app = new LoanApplication(null, base.applicant(), product, requested, term,
        investment, contract == null ? null : new OrderContract("buyer", contract, largeBuyer),
        base.statements(), base.computeProfile(), base.guaranteeOffers(), null, null);
    LimitResult r = calculator.limit(app, review, tier);

    assertThat(r.approvedAmount().signum()).isGreaterThanOrEqualTo(0);
    for (LimitCap cap : r.caps()) {
      assertThat(r.approvedAmount()).isLessThanOrEqualTo(cap.amount());
    }
    assertThat(r.approvedAmount()).isLessThanOrEqualTo(requested == null ? BigDecimal.ZERO : requested);
    if (product == Product.COMPUTE_OPERATING || product == Product.COMPUTE_UPGRADE) {
      assertThat(r.approvedAmount()).isLessThanOrEqualTo(new BigDecimal("20000000"));
    }
    if (product == Product.WORKING_CAPITAL) {
      assertThat(r.approvedAmount()).isLessThanOrEqualTo(new BigDecimal("150000000"));
      assertThat(r.approvedTermMonths()).isLessThanOrEqualTo(60);
    }
    if (product == Product.PROJECT) {
      BigDecimal cap = investment == null ? BigDecimal.ZERO : investment.multiply(new BigDecimal("0.8"));
      assertThat(r.approvedAmount()).isLessThanOrEqualTo(cap.setScale(2, java.math.RoundingMode.HALF_UP));
      assertThat(r.approvedTermMonths()).isLessThanOrEqualTo(120);
    }
    if (product == Product.ORDER_FINANCING) {
      BigDecimal share = new BigDecimal(largeBuyer ? "0.8" : "0.5");
      BigDecimal cap = contract == null ? BigDecimal.ZERO : contract.multiply(share);
      assertThat(r.approvedAmount()).isLessThanOrEqualTo(cap.setScale(2, java.math.RoundingMode.HALF_UP));
    }
    if (review == ReviewOutcome.FAIL) {
      assertThat(r.approvedAmount().signum()).isZero();
    }
    assertThat(r.bindingCaps()).isNotEmpty();
  }
}
