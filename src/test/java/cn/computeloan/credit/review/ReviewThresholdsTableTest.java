package cn.computeloan.credit.review;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.TestData;
import cn.computeloan.credit.decision.DecisionOutcome;
import cn.computeloan.credit.decision.MatchedRule;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule of the ReviewThresholds table, evaluated with DMN-Scala as Zeebe would. */
class ReviewThresholdsTableTest {

  /** A healthy baseline where no rule fires. */
  static Map<String, Object> healthy() {
    Map<String, Object> in = new HashMap<>();
    in.put("applicationViolations", 0);
    in.put("validYears", 3);
    in.put("invalidYears", 0);
    in.put("negativeEquity", false);
    in.put("debtToAsset", new BigDecimal("0.40"));
    in.put("currentRatio", new BigDecimal("1.5"));
    in.put("quickRatio", new BigDecimal("1.1"));
    in.put("profitable", true);
    in.put("interestCoverage", new BigDecimal("5"));
    in.put("debtToEbitda", new BigDecimal("2"));
    in.put("dscr", new BigDecimal("2"));
    in.put("cashRunwayMonths", null);
    in.put("profitNotBackedByCash", false);
    in.put("receivablesGrowthGap", new BigDecimal("0.1"));
    return in;
  }

  @ParameterizedTest(name = "{0}={1} -> {2} {3}")
  @CsvSource({
    "applicationViolations, 2, APPLICATION_DATA_INVALID, REFER",
    "validYears, 0, NO_VALID_STATEMENTS, FAIL",
    "invalidYears, 1, STATEMENTS_INVALID, REFER",
    "negativeEquity, true, NEGATIVE_EQUITY, FAIL",
    "debtToAsset, 0.86, DEBT_TO_ASSET_CRITICAL, FAIL",
    "debtToAsset, 0.85, DEBT_TO_ASSET_HIGH, REFER",
    "debtToAsset, 0.71, DEBT_TO_ASSET_HIGH, REFER",
    "currentRatio, 0.99, CURRENT_RATIO_LOW, REFER",
    "quickRatio, 0.79, QUICK_RATIO_LOW, REFER",
    "interestCoverage, 1.9, INTEREST_COVERAGE_LOW, REFER",
    "debtToEbitda, 3.6, LEVERAGE_HIGH, REFER",
    "dscr, 1.2, DSCR_LOW, REFER",
    "profitNotBackedByCash, true, PROFIT_NOT_CASH_BACKED, REFER",
    "receivablesGrowthGap, 0.31, RECEIVABLES_OUTPACE_REVENUE, REFER",
  })
  void eachThresholdFiresAlone(String input, String value, String code, String severity) {
    Map<String, Object> in = healthy();
    in.put(input, parse(value));
    DecisionOutcome outcome = TestData.DECISIONS.evaluate("ReviewThresholds", in);
    assertThat(outcome.matchedRules()).extracting(r -> r.text("code")).containsExactly(code);
    assertThat(outcome.single().text("severity")).isEqualTo(severity);
    assertThat(outcome.single().text("reasonZh")).isNotBlank();
    assertThat(outcome.single().text("reasonEn")).isNotBlank();
  }

  @ParameterizedTest(name = "runway {0} -> {1}")
  @CsvSource({"5.9, RUNWAY_CRITICAL", "6, RUNWAY_SHORT", "11.9, RUNWAY_SHORT", "12, NONE"})
  void runwayBandsApplyToLossMakers(String months, String code) {
    Map<String, Object> in = healthy();
    in.put("profitable", false);
    in.put("interestCoverage", new BigDecimal("-3")); // ignored for loss-makers
    in.put("cashRunwayMonths", new BigDecimal(months));
    DecisionOutcome outcome = TestData.DECISIONS.evaluate("ReviewThresholds", in);
    if (code.equals("NONE")) {
      assertThat(outcome.matchedRules()).isEmpty();
    } else {
      assertThat(outcome.matchedRules()).extracting(r -> r.text("code")).containsExactly(code);
    }
  }

  @ParameterizedTest
  @CsvSource({"debtToAsset, 0.70", "currentRatio, 1.0", "quickRatio, 0.8", "interestCoverage, 2",
      "debtToEbitda, 3.5", "dscr, 1.25", "receivablesGrowthGap, 0.30"})
  void boundaryValuesPass(String input, String value) {
    Map<String, Object> in = healthy();
    in.put(input, new BigDecimal(value));
    assertThat(TestData.DECISIONS.evaluate("ReviewThresholds", in).matchedRules()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"debtToAsset", "currentRatio", "quickRatio", "dscr", "debtToEbitda"})
  void missingRatiosDoNotFire(String input) {
    Map<String, Object> in = healthy();
    in.put(input, null);
    assertThat(TestData.DECISIONS.evaluate("ReviewThresholds", in).matchedRules())
        .extracting(MatchedRule::ruleId).isEmpty();
  }

  private static Object parse(String value) {
    if (value.equals("true") || value.equals("false")) {
      return Boolean.valueOf(value);
    }
    return new BigDecimal(value);
  }
}
