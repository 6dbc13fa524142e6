package cn.computeloan.credit.repayment;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.TestData;
import cn.computeloan.credit.evaluation.CreditPolicy;
import cn.computeloan.credit.evaluation.PolicyEvaluation;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.model.Tier;
import cn.computeloan.credit.repayment.DebtServiceCoverage.YearCoverage;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Plan selection on the samples, evaluated on 2025-06-30 (docs/policy.md, "Repayment plans"). */
class RepaymentPlannerTest {

  private static final LocalDate VALUE_DATE = LocalDate.of(2025, 6, 30);
  private final CreditPolicy policy = new CreditPolicy(TestData.DECISIONS, TestData.CLOCK);
  private final RepaymentPlanner planner = new RepaymentPlanner(TestData.DECISIONS, BusinessCalendarTest.shipped());

  private PlanProposal propose(String sample, Consumer<ObjectNode> change) {
    LoanApplication app = TestData.sample(sample, change);
    PolicyEvaluation e = policy.evaluateAll(app);
    return planner.propose(app, e.review(), e.tier(), e.approvedAmount(), e.limit().approvedTermMonths(),
        e.finalRateBp(), e.pricing().subsidy(), VALUE_DATE);
  }

  @Test
  void shouldProposeTheLeastFlexiblePlanThatMeetsTheMinimumCoverage() {
    // given: the data-centre project loan, tier A: every year must reach DSCR 1.25
    PlanProposal p = propose(TestData.DATA_CENTRE, n -> {});

    // then: equal principal, quarterly, is the least flexible and fits
    assertThat(p.minimumDscr()).isEqualByComparingTo("1.25");
    assertThat(p.options()).extracting(PlanOption::method).containsExactly(RepaymentMethod.EQUAL_PRINCIPAL,
        RepaymentMethod.EQUAL_INSTALMENT, RepaymentMethod.INTEREST_ONLY_GRACE, RepaymentMethod.BALLOON);
    assertThat(p.proposedMethod()).isEqualTo(RepaymentMethod.EQUAL_PRINCIPAL);
    assertThat(p.fits()).isTrue();
    PlanOption ep = p.option(RepaymentMethod.EQUAL_PRINCIPAL).orElseThrow();
    assertThat(ep.periods()).isEqualTo(32);
    assertThat(ep.lowestDscr()).isEqualByComparingTo("1.7464");
    assertThat(ep.firstPayment()).isEqualByComparingTo("2011021.11");
    assertThat(p.option(RepaymentMethod.EQUAL_INSTALMENT).orElseThrow().lowestDscr()).isEqualByComparingTo("1.8119");
    assertThat(p.option(RepaymentMethod.INTEREST_ONLY_GRACE).orElseThrow().lowestDscr()).isEqualByComparingTo("2.2581");
    // the 30% balloon would leave 2033 at 1.1969: below the minimum
    assertThat(p.option(RepaymentMethod.BALLOON).orElseThrow().lowestDscr()).isEqualByComparingTo("1.1969");
    assertThat(p.option(RepaymentMethod.BALLOON).orElseThrow().meetsMinimum()).isFalse();
    assertThat(p.reasonEn()).contains("EQUAL_PRINCIPAL", "1.7464");
    assertThat(p.policyVersions()).allMatch(v -> v.matches("(RepaymentMethods|MinimumDscr):v1:\\w{12}"));
  }

  @Test
  void shouldComputeEachYearsCoverageFromTheStatementsAndTheProjectsCashFlow() {
    PlanProposal p = propose(TestData.DATA_CENTRE, n -> {});

    // 2025: the loan runs 185 of 365 days; cash = (52m operating + -5m project) x 185/365; debt
    // service = the 19m existing (4m interest + 15m principal) x 185/365 + the two quarterly payments
    YearCoverage y2025 = p.option(RepaymentMethod.EQUAL_PRINCIPAL).orElseThrow().yearly().get(0);
    assertThat(y2025.year()).isEqualTo(2025);
    assertThat(y2025.shareOfYear()).isEqualByComparingTo("0.5068");
    assertThat(y2025.cashAvailable()).isEqualByComparingTo("23821917.81");
    // 19m x 185 / 365 = 9,630,136.99, plus 2,011,021.11 (30 Sep: 1,737,500 principal + 547,042.22
    // interest - half of it subsidised) and 1,999,593.43 (30 Dec)
    assertThat(y2025.debtService()).isEqualByComparingTo("13640751.53");
    assertThat(y2025.dscr()).isEqualByComparingTo("1.7464");
    assertThat(p.basis().fiscalYear()).isEqualTo(2024);
    assertThat(p.basis().existingDebtService()).isEqualByComparingTo("19000000");
  }

  @Test
  void shouldProposeAMoreFlexiblePlanWhenTheLeastFlexibleFallsShort() {
    // given: building the facility costs 20m of cash in 2025
    PlanProposal p = propose(TestData.DATA_CENTRE,
        n -> ((ObjectNode) n.withArray("projectCashFlows").get(0)).put("operatingCashFlow", -20_000_000));

    // then: equal principal (1.1890) and equal instalments (1.2336) fall short in 2025; interest only
    // until the facility operates (30 September 2026: 15 months) fits
    assertThat(p.option(RepaymentMethod.EQUAL_PRINCIPAL).orElseThrow().lowestDscr()).isEqualByComparingTo("1.1890");
    assertThat(p.option(RepaymentMethod.EQUAL_INSTALMENT).orElseThrow().lowestDscr()).isEqualByComparingTo("1.2336");
    assertThat(p.proposedMethod()).isEqualTo(RepaymentMethod.INTEREST_ONLY_GRACE);
    PlanOption grace = p.option(RepaymentMethod.INTEREST_ONLY_GRACE).orElseThrow();
    assertThat(grace.terms().graceMonths()).isEqualTo(15);
    assertThat(grace.lowestDscr()).isEqualByComparingTo("1.5941");
  }

  @Test
  void shouldCapTheGraceAt24MonthsAndOfferNoneWithoutAnOperationDate() {
    PlanProposal late = propose(TestData.DATA_CENTRE, n -> n.put("projectOperationDate", "2028-06-30"));
    PlanProposal unknown = propose(TestData.DATA_CENTRE, n -> n.remove("projectOperationDate"));

    assertThat(late.option(RepaymentMethod.INTEREST_ONLY_GRACE).orElseThrow().terms().graceMonths()).isEqualTo(24);
    assertThat(unknown.options()).filteredOn(o -> o.method() == RepaymentMethod.INTEREST_ONLY_GRACE).singleElement()
        .satisfies(o -> {
          assertThat(o.available()).isFalse();
          assertThat(o.unavailableEn()).contains("operation date");
        });
  }

  @Test
  void shouldSendTheCaseToTheAnalystWithTheReasonWhenNoPlanMeetsTheMinimum() {
    // given: the chip start-up burns cash (operating cash flow -12m): no plan is covered
    PlanProposal p = propose(TestData.CHIP, n -> {});

    assertThat(p.proposedMethod()).isNull();
    assertThat(p.fits()).isFalse();
    assertThat(p.options()).extracting(PlanOption::method).containsExactly(RepaymentMethod.EQUAL_PRINCIPAL,
        RepaymentMethod.EQUAL_INSTALMENT, RepaymentMethod.INTEREST_ONLY_GRACE);
    assertThat(p.options()).allSatisfy(o -> assertThat(o.lowestDscr()).isNegative());
    assertThat(p.reasonEn()).contains("minimum DSCR 1.25", "best: EQUAL_INSTALMENT -2.1218", "the analyst must choose");
    assertThat(p.reasonZh()).contains("请经办人员选择方案");
  }

  @Test
  void shouldRepayOrderFinancingInOneBulletThirtyDaysAfterTheOrderIsPaid() {
    // given: the buyer pays on 31 March 2026
    PlanProposal p = propose(TestData.AIGC, n -> {});

    PlanOption bullet = p.option(RepaymentMethod.BALLOON).orElseThrow();
    assertThat(bullet.terms().bulletDate()).isEqualTo(LocalDate.of(2026, 4, 30));
    assertThat(bullet.maturity()).isEqualTo(LocalDate.of(2026, 4, 30));
    assertThat(bullet.largestPayment()).isGreaterThan(new BigDecimal("19200000"));
    // the order's 40m receipt counts in 2026: the year of the bullet is covered
    assertThat(bullet.yearly()).filteredOn(y -> y.year() == 2026).singleElement()
        .satisfies(y -> assertThat(y.dscr()).isEqualByComparingTo("1.6056"));
    // but a loss-making 2025 covers no interest: no plan fits, the analyst decides
    assertThat(p.proposedMethod()).isNull();
  }

  @Test
  void shouldOfferNoBulletWithoutTheOrdersPaymentDateOrWhenTheOrderPaysAfterTheTerm() {
    PlanProposal noDate = propose(TestData.AIGC, n -> ((ObjectNode) n.get("orderContract")).remove("paymentDate"));
    PlanProposal tooLate = propose(TestData.AIGC,
        n -> ((ObjectNode) n.get("orderContract")).put("paymentDate", "2026-06-15"));

    assertThat(noDate.option(RepaymentMethod.BALLOON)).isEmpty();
    assertThat(noDate.options()).filteredOn(o -> o.method() == RepaymentMethod.BALLOON).singleElement()
        .satisfies(o -> assertThat(o.unavailableEn()).contains("no payment date"));
    assertThat(tooLate.options()).filteredOn(o -> o.method() == RepaymentMethod.BALLOON).singleElement()
        .satisfies(o -> assertThat(o.unavailableEn()).contains("after the loan's term"));
  }

  @Test
  void shouldPermitOnlyTheTablesMethodsForTheProductAndTier() {
    LoanApplication chip = TestData.sample(TestData.CHIP);
    PolicyEvaluation e = policy.evaluateAll(chip);

    // tier C operating loans: no grace, no balloon
    PlanProposal c = planner.propose(chip, e.review(), Tier.C, new BigDecimal("3000000"), 36, 550, null, VALUE_DATE);

    assertThat(c.options()).extracting(PlanOption::method)
        .containsExactly(RepaymentMethod.EQUAL_PRINCIPAL, RepaymentMethod.EQUAL_INSTALMENT);
    assertThat(c.minimumDscr()).isEqualByComparingTo("1.40");
  }

  @Test
  void shouldProposeNothingWithoutALimit() {
    LoanApplication chip = TestData.sample(TestData.CHIP);
    PolicyEvaluation e = policy.evaluateAll(chip);

    PlanProposal none = planner.propose(chip, e.review(), Tier.B, BigDecimal.ZERO, 36, 420, null, VALUE_DATE);

    assertThat(none.options()).isEmpty();
    assertThat(none.proposedMethod()).isNull();
    assertThat(none.reasonEn()).contains("No repayment method is available");
  }
}
