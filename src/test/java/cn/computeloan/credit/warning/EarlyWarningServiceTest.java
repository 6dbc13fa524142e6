package cn.computeloan.credit.warning;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.TestData;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.model.WarningLevel;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EarlyWarningServiceTest {

  private final EarlyWarningService service = new EarlyWarningService(TestData.DECISIONS);

  /** Current snapshot = the sample's latest year and profile, changed. */
  private EarlyWarningResult assess(String sample, Consumer<ObjectNode> change) {
    LoanApplication approved = TestData.sample(sample);
    LoanApplication refreshed = TestData.sample(sample, change);
    MonitoringSnapshot baseline = EarlyWarningService.baseline(approved, LocalDate.of(2025, 6, 30));
    MonitoringSnapshot current = EarlyWarningService.baseline(refreshed, LocalDate.of(2026, 6, 30));
    return service.assess(TestData.PARAMETERS, baseline, current);
  }

  @Test
  void unchangedHealthyBorrowerIsNormal() {
    EarlyWarningResult r = assess(TestData.DATA_CENTRE, a -> {});
    assertThat(r.level()).isEqualTo(WarningLevel.NORMAL);
    assertThat(r.signals()).isEmpty();
    assertThat(r.inputs()).containsEntry("debtToAsset", new BigDecimal("0.3448"));
  }

  @Test
  void computeOperatorUnderPressure() {
    EarlyWarningResult r = assess(TestData.DATA_CENTRE, a -> {
      ObjectNode p = (ObjectNode) a.get("computeProfile");
      p.put("averageUtilisation", 0.70).put("rentalPricePerGpuHour", 9.0)
          .put("orderBacklog", 110_000_000);
    });
    // Utilisation -8 points (WATCH), rental price -21.7% (WARNING), backlog -15.4% (WATCH).
    assertThat(r.level()).isEqualTo(WarningLevel.WARNING);
    assertThat(r.signals()).extracting(WarningSignal::signal)
        .containsExactlyInAnyOrder("UTILISATION_DROP", "RENTAL_PRICE_DROP", "ORDERS_FALL");
    assertThat(r.policyVersions()).hasSize(2).last().asString().startsWith("EarlyWarning:v2:");
  }

  @Test
  void coreTeamTurnoverAndRdCut() {
    EarlyWarningResult r = assess(TestData.CHIP, a -> {
      ((ObjectNode) a.get("computeProfile")).put("coreTeamSize", 6);
      ObjectNode is = TestData.statement(a, 2, "incomeStatement");
      is.put("rdExpense", 12_000_000).put("operatingProfit", -4_000_000)
          .put("netProfit", -3_850_000);
    });
    assertThat(r.signals()).extracting(s -> s.signal() + ":" + s.severity())
        .contains("CORE_TEAM_TURNOVER:WARNING", "RD_CUT:WARNING");
  }

  @Test
  void lossMakerIsWatchedOnRunwayNotOnDscr() {
    EarlyWarningResult unchanged = assess(TestData.AIGC, a -> {});
    assertThat(unchanged.level()).isEqualTo(WarningLevel.NORMAL);
    // Cash 75M -> 20M at a 30M yearly burn: 8 months left.
    EarlyWarningResult r = assess(TestData.AIGC, a -> {
      ObjectNode bs = TestData.statement(a, 1, "balanceSheet");
      bs.put("cash", 20_000_000).put("totalCurrentAssets", 41_000_000)
          .put("totalAssets", 80_000_000).put("totalEquity", 49_000_000);
      TestData.statement(a, 1, "cashFlowStatement").put("netChangeInCash", -70_000_000)
          .put("financingCashFlow", -40_000_000);
    });
    assertThat(r.violations()).isEmpty();
    assertThat(r.signals()).extracting(s -> s.signal() + ":" + s.severity())
        .containsExactly("CASH_RUNWAY_SHORT:WATCH");
  }

  @Test
  void invalidRefreshedStatementsAreReportedNotCompared() {
    EarlyWarningResult r = assess(TestData.CHIP,
        a -> TestData.statement(a, 2, "balanceSheet").put("totalEquity", 1));
    assertThat(r.violations()).singleElement()
        .satisfies(v -> assertThat(v.field()).isEqualTo("current.statements.balanceSheet.totalAssets"));
    assertThat(r.inputs().get("revenueChange")).isNull();
    assertThat(r.inputs().get("debtToAsset")).isNull();
  }

  @ParameterizedTest(name = "{0}={1} -> {2} {3}")
  @CsvSource({
    "orderBacklogChange, -0.31, ORDERS_FALL, WARNING", "orderBacklogChange, -0.1, ORDERS_FALL, WATCH",
    "revenueChange, -0.21, REVENUE_FALL, WARNING", "revenueChange, -0.05, REVENUE_FALL, WATCH",
    "netMarginChange, -0.11, PROFITABILITY_FALL, WARNING",
    "netMarginChange, -0.03, PROFITABILITY_FALL, WATCH",
    "rdExpenseChange, -0.31, RD_CUT, WARNING", "rdExpenseChange, -0.1, RD_CUT, WATCH",
    "coreTeamChange, -0.26, CORE_TEAM_TURNOVER, WARNING",
    "coreTeamChange, -0.1, CORE_TEAM_TURNOVER, WATCH",
    "utilisationChange, -0.16, UTILISATION_DROP, WARNING",
    "utilisationChange, -0.05, UTILISATION_DROP, WATCH",
    "rentalPriceChange, -0.21, RENTAL_PRICE_DROP, WARNING",
    "rentalPriceChange, -0.1, RENTAL_PRICE_DROP, WATCH",
    "debtToAsset, 0.76, COVENANT_DEBT_TO_ASSET, WARNING",
    "currentRatio, 0.99, COVENANT_CURRENT_RATIO, WARNING",
    "dscr, 1.24, COVENANT_DSCR, WARNING",
    "cashRunwayMonths, 5.9, CASH_RUNWAY_SHORT, WARNING",
    "cashRunwayMonths, 11.9, CASH_RUNWAY_SHORT, WATCH",
  })
  void everyWarningRule(String input, String value, String signal, String severity) {
    Map<String, Object> in = new HashMap<>();
    in.put(input, new BigDecimal(value));
    // Covenant DSCR applies to profitable borrowers, runway to loss-makers.
    in.put("profitable", !input.equals("cashRunwayMonths"));
    var outcome = TestData.DECISIONS.evaluate("EarlyWarning", in);
    assertThat(outcome.matchedRules()).singleElement().satisfies(r -> {
      assertThat(r.text("signal")).isEqualTo(signal);
      assertThat(r.text("severity")).isEqualTo(severity);
    });
  }

  @ParameterizedTest
  @CsvSource({"orderBacklogChange, -0.09", "revenueChange, -0.04", "netMarginChange, -0.02",
      "rdExpenseChange, 0.5", "coreTeamChange, -0.09", "utilisationChange, -0.04",
      "rentalPriceChange, -0.09", "debtToAsset, 0.75", "currentRatio, 1", "dscr, 1.25",
      "cashRunwayMonths, 12"})
  void justInsideTheThresholdsIsNormal(String input, String value) {
    Map<String, Object> in = new HashMap<>();
    in.put(input, new BigDecimal(value));
    in.put("profitable", !input.equals("cashRunwayMonths"));
    assertThat(TestData.DECISIONS.evaluate("EarlyWarning", in).matchedRules()).isEmpty();
  }

  @Test
  void shouldWarnWhenAnInstalmentIsOverdueBeyondTheGrace() {
    EarlyWarningResult overdue = service.assess(TestData.PARAMETERS, new LoanStanding(1, new BigDecimal("2011021.11"), null));
    EarlyWarningResult current = service.assess(TestData.PARAMETERS, new LoanStanding(0, BigDecimal.ZERO, null));

    assertThat(overdue.level()).isEqualTo(WarningLevel.WARNING);
    assertThat(overdue.signals()).extracting(WarningSignal::signal).containsExactly("REPAYMENT_OVERDUE");
    assertThat(current.level()).isEqualTo(WarningLevel.NORMAL);
  }

  @Test
  void shouldDemandMoreCollateralWhenTheRevaluedCoverFallsShort() {
    EarlyWarningResult shortfall = service.assess(TestData.PARAMETERS, new LoanStanding(null, null,
        new BigDecimal("0.95")));
    EarlyWarningResult thin = service.assess(TestData.PARAMETERS, new LoanStanding(null, null, new BigDecimal("1.05")));
    EarlyWarningResult ample = service.assess(TestData.PARAMETERS, new LoanStanding(null, null, new BigDecimal("1.3")));

    assertThat(shortfall.signals()).singleElement().satisfies(s -> {
      assertThat(s.signal()).isEqualTo("COLLATERAL_SHORTFALL");
      assertThat(s.severity()).isEqualTo(WarningLevel.WARNING);
      assertThat(s.reasonEn()).contains("demand more collateral");
    });
    assertThat(thin.level()).isEqualTo(WarningLevel.WATCH);
    assertThat(ample.level()).isEqualTo(WarningLevel.NORMAL);
  }

  @Test
  void shouldCombineTheLoansStandingWithTheBorrowersFigures() {
    LoanApplication approved = TestData.sample(TestData.DATA_CENTRE);
    MonitoringSnapshot baseline = EarlyWarningService.baseline(approved, LocalDate.of(2025, 6, 30));

    EarlyWarningResult r = service.assess(TestData.PARAMETERS, baseline, baseline, new LoanStanding(12,
        new BigDecimal("100"), new BigDecimal("0.8")));

    assertThat(r.signals()).extracting(WarningSignal::signal)
        .containsExactlyInAnyOrder("REPAYMENT_OVERDUE", "COLLATERAL_SHORTFALL");
    assertThat(r.inputs()).containsEntry("daysOverdue", 12);
  }
}
