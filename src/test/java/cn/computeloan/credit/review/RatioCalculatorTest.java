package cn.computeloan.credit.review;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.TestData;
import cn.computeloan.credit.model.LoanApplication;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class RatioCalculatorTest {

  @Test
  void profitableDataCentreRatios() {
    LoanApplication app = TestData.sample(TestData.DATA_CENTRE);
    YearRatios r = RatioCalculator.compute(app.statements().get(2), app.statements().get(1));
    // 2024: TA 319M, TL 110M, TCA 76M, TCL 43M, inventory 2M, OP 34M, interest 4M, D&A 28M.
    assertThat(r.fiscalYear()).isEqualTo(2024);
    assertThat(r.debtToAsset()).isEqualByComparingTo("0.3448");
    assertThat(r.currentRatio()).isEqualByComparingTo("1.7674");
    assertThat(r.quickRatio()).isEqualByComparingTo("1.7209");
    assertThat(r.interestCoverage()).isEqualByComparingTo("8.5000");
    assertThat(r.ebitda()).isEqualByComparingTo("62000000.00");
    assertThat(r.interestBearingDebt()).isEqualByComparingTo("80000000.00");
    assertThat(r.debtToEbitda()).isEqualByComparingTo("1.2903");
    assertThat(r.debtServiceCoverage()).isEqualByComparingTo("3.2632"); // 62 / (4 + 15)
    assertThat(r.netMargin()).isEqualByComparingTo("0.1889"); // 25.5 / 135
    assertThat(r.grossMargin()).isEqualByComparingTo("0.4074"); // 55 / 135
    assertThat(r.revenueGrowth()).isEqualByComparingTo("0.2273"); // 135 / 110 - 1
    assertThat(r.receivablesGrowth()).isEqualByComparingTo("0.1667"); // 28 / 24 - 1
    assertThat(r.rdIntensity()).isEqualByComparingTo("0.0593");
    assertThat(r.operatingCashFlowToCurrentLiabilities()).isEqualByComparingTo("1.2093");
    assertThat(r.cashRunwayMonths()).as("profitable: no runway").isNull();
  }

  @Test
  void lossMakingChipStartUpHasRunwayAndNoLeverageRatio() {
    LoanApplication app = TestData.sample(TestData.CHIP);
    YearRatios r = RatioCalculator.compute(app.statements().get(2), app.statements().get(1));
    // EBITDA = -11.85 - ... : operating profit -12M + D&A 2M = -10M: debt/EBITDA not meaningful.
    assertThat(r.ebitda()).isEqualByComparingTo("-10000000.00");
    assertThat(r.debtToEbitda()).isNull();
    assertThat(r.interestCoverage()).isEqualByComparingTo("-80.0000");
    // Burn = capex 3.5M - OCF (-12M) = 15.5M a year; cash 34M -> 26.3 months.
    assertThat(r.cashRunwayMonths()).isEqualByComparingTo("26.3");
    assertThat(r.revenueGrowth()).isEqualByComparingTo("0.7778");
  }

  @Test
  void zeroDenominatorsAndGapsGiveNull() {
    LoanApplication app = TestData.sample(TestData.CHIP, a -> {
      ObjectNode is = TestData.statement(a, 2, "incomeStatement");
      is.put("revenue", 0).put("costOfRevenue", 0).put("grossProfit", 0);
      TestData.statement(a, 2, "cashFlowStatement").put("debtPrincipalRepaid", 0);
      TestData.statement(a, 2, "incomeStatement").put("interestExpense", 0);
    });
    YearRatios r = RatioCalculator.compute(app.statements().get(2), app.statements().get(0));
    assertThat(r.netMargin()).isNull();
    assertThat(r.rdIntensity()).isNull();
    assertThat(r.interestCoverage()).isNull();
    assertThat(r.debtServiceCoverage()).isNull();
    assertThat(r.revenueGrowth()).as("2022 is not the year before 2024").isNull();
    assertThat(RatioCalculator.compute(app.statements().get(0), null).revenueGrowth()).isNull();
  }
}
