package cn.computeloan.credit.review;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.FiredRule;
import cn.computeloan.credit.TestData;
import cn.computeloan.credit.Violation;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.model.ReviewOutcome;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ThreeStatementReviewTest {

  private final ThreeStatementReview review = new ThreeStatementReview(TestData.DECISIONS);

  private ReviewResult review(String sample, Consumer<ObjectNode> change) {
    LoanApplication app = TestData.sample(sample, change);
    return review.review(app, TestData.PARAMETERS, TestData.TODAY);
  }

  @Test
  void profitableDataCentrePasses() {
    ReviewResult r = review(TestData.DATA_CENTRE, a -> {});
    assertThat(r.outcome()).isEqualTo(ReviewOutcome.PASS);
    assertThat(r.violations()).isEmpty();
    assertThat(r.ratios()).extracting(YearRatios::fiscalYear).containsExactly(2022, 2023, 2024);
    assertThat(r.firedRules()).isEmpty();
    assertThat(r.policyVersions()).hasSize(2)
        .anyMatch(v -> v.startsWith("PolicyParameters:v2:"))
        .anyMatch(v -> v.startsWith("ReviewThresholds:v1:"));
    assertThat(r.inputs()).containsEntry("validYears", 3).containsEntry("profitable", true);
  }

  @Test
  void lossMakerWithDebtServiceIsReferredOnDscr() {
    ReviewResult r = review(TestData.CHIP, a -> {});
    assertThat(r.outcome()).isEqualTo(ReviewOutcome.REFER);
    assertThat(r.firedRules()).extracting(FiredRule::code).containsExactly("DSCR_LOW");
    assertThat(r.firedRules().get(0).ruleIndex()).isEqualTo(11);
    assertThat(r.latestRatios().cashRunwayMonths()).isEqualByComparingTo("26.3");
  }

  @Test
  void invalidYearGetsNoRatiosAndIsReferred() {
    ReviewResult r = review(TestData.DATA_CENTRE,
        a -> TestData.statement(a, 0, "balanceSheet").put("totalEquity", 1));
    assertThat(r.ratios()).extracting(YearRatios::fiscalYear).containsExactly(2023, 2024);
    assertThat(r.violations()).extracting(Violation::field)
        .containsExactly("statements[0].balanceSheet.totalAssets");
    assertThat(r.outcome()).isEqualTo(ReviewOutcome.REFER);
    assertThat(r.firedRules()).extracting(FiredRule::code).containsExactly("STATEMENTS_INVALID");
  }

  @Test
  void shouldRejectYearBeforeFoundingOrNotYetEndedAsInvalid() {
    // Chip start-up founded 2021-03-15, reviewed on 2025-06-30.
    ReviewResult r = review(TestData.CHIP, a -> {
      ((ObjectNode) a.withArray("statements").get(0)).put("fiscalYear", 2020);
      ((ObjectNode) a.withArray("statements").get(2)).put("fiscalYear", 2025);
    });
    assertThat(r.violations()).extracting(v -> v.field() + ":" + v.code())
        .containsExactly("statements[0].fiscalYear:BEFORE_FOUNDING",
            "statements[2].fiscalYear:NOT_ENDED");
    assertThat(r.ratios()).extracting(YearRatios::fiscalYear).containsExactly(2023);
    assertThat(r.inputs()).containsEntry("invalidYears", 2).containsEntry("validYears", 1);
    assertThat(r.firedRules()).extracting(FiredRule::code).contains("STATEMENTS_INVALID");
  }

  @Test
  void noValidYearFails() {
    ReviewResult r = review(TestData.AIGC, a -> {
      TestData.statement(a, 0, "incomeStatement").putNull("revenue");
      TestData.statement(a, 1, "cashFlowStatement").put("netChangeInCash", 0);
    });
    assertThat(r.ratios()).isEmpty();
    assertThat(r.latestRatios()).isNull();
    assertThat(r.outcome()).isEqualTo(ReviewOutcome.FAIL);
    assertThat(r.firedRules()).extracting(FiredRule::code)
        .contains("NO_VALID_STATEMENTS", "STATEMENTS_INVALID");
  }

  @Test
  void negativeEquityFails() {
    ReviewResult r = review(TestData.CHIP, a -> {
      ObjectNode bs = TestData.statement(a, 2, "balanceSheet");
      bs.put("longTermDebt", 60_000_000).put("totalLiabilities", 69_000_000)
          .put("totalEquity", -8_000_000);
    });
    assertThat(r.crossChecks().negativeEquity()).isTrue();
    assertThat(r.outcome()).isEqualTo(ReviewOutcome.FAIL);
    assertThat(r.firedRules()).extracting(FiredRule::code)
        .contains("NEGATIVE_EQUITY", "DEBT_TO_ASSET_CRITICAL");
  }

  @Test
  void profitWithoutOperatingCashIsReferred() {
    ReviewResult r = review(TestData.DATA_CENTRE, a -> {
      ObjectNode cf = TestData.statement(a, 2, "cashFlowStatement");
      cf.put("operatingCashFlow", -5_000_000).put("financingCashFlow", 54_000_000);
    });
    assertThat(r.crossChecks().profitNotBackedByCash()).isTrue();
    assertThat(r.firedRules()).extracting(FiredRule::code).contains("PROFIT_NOT_CASH_BACKED");
  }

  @Test
  void receivablesRunningAheadOfRevenueIsReferred() {
    // 2024 receivables 28M -> 40M (+66.7%) while revenue grows 22.7%: gap 0.44.
    ReviewResult r = review(TestData.DATA_CENTRE, a -> {
      ObjectNode bs = TestData.statement(a, 2, "balanceSheet");
      bs.put("accountsReceivable", 40_000_000).put("totalCurrentAssets", 88_000_000)
          .put("totalAssets", 331_000_000).put("totalEquity", 221_000_000);
    });
    assertThat(r.crossChecks().receivablesGrowthGap()).isEqualByComparingTo("0.4394");
    assertThat(r.firedRules()).extracting(FiredRule::code)
        .containsExactly("RECEIVABLES_OUTPACE_REVENUE");
  }

  @Test
  void applicationErrorsAreReportedAndReferred() {
    ReviewResult r = review(TestData.CHIP, a -> ((ObjectNode) a.get("applicant"))
        .put("unifiedSocialCreditCode", "91440606MA55K3XQ21"));
    assertThat(r.violations()).extracting(Violation::code).containsExactly("INVALID_CHECK_DIGIT");
    assertThat(r.violations().get(0).message()).endsWith("0");
    assertThat(r.firedRules()).extracting(FiredRule::code).contains("APPLICATION_DATA_INVALID");
  }

  @Test
  void duplicateYearsCountOnce() {
    ReviewResult r = review(TestData.AIGC,
        a -> ((ObjectNode) a.withArray("statements").get(0)).put("fiscalYear", 2024));
    assertThat(r.violations()).extracting(Violation::code).contains("DUPLICATE_YEAR");
    assertThat(r.ratios()).hasSize(1);
  }
}
