package cn.computeloan.credit;

import cn.computeloan.credit.decision.DecisionOutcome;
import cn.computeloan.credit.decision.MatchedRule;
import cn.computeloan.credit.decision.PolicyDecisions;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Scalar policy parameters that are not natural decision tables. Their values live in the DMN
 * decision {@code PolicyParameters} so risk managers can change them without a Java change.
 *
 * @param lprOneYearBp 1-year loan prime rate, basis points
 * @param lprFiveYearBp 5-year-plus loan prime rate, basis points
 * @param lprFiveYearAboveTermMonths terms above this are priced off the 5-year LPR
 * @param balanceToleranceCny absolute tolerance for statement identities, CNY
 * @param balanceToleranceRatio tolerance as a share of total assets (the larger tolerance applies)
 * @param maxEsgDiscountBp maximum ESG discount; never above {@link #ESG_DISCOUNT_CEILING_BP}
 * @param repaymentGraceDays days after a due date before an unpaid instalment is overdue
 * @param gpuValuationHorizonMonths GPU collateral counts the value it keeps over this many months
 * @param policyVersion version of the decision the values came from
 */
public record PolicyParameters(
    int lprOneYearBp,
    int lprFiveYearBp,
    int lprFiveYearAboveTermMonths,
    BigDecimal balanceToleranceCny,
    BigDecimal balanceToleranceRatio,
    int maxEsgDiscountBp,
    int repaymentGraceDays,
    int gpuValuationHorizonMonths,
    String policyVersion) {

  /** DMN decision id. */
  public static final String DECISION = "PolicyParameters";

  /** The product promises at most 25 bp off for ESG: a contract term, so it is fixed in code. */
  public static final int ESG_DISCOUNT_CEILING_BP = 25;

  /** Defaults from the domain reference, for tests that run without DMN. */
  public static PolicyParameters defaults() {
    return new PolicyParameters(
        300, 350, 60, new BigDecimal("1000"), new BigDecimal("0.001"), 25, 3, 12, "defaults");
  }

  /** Reads the parameters from the {@code PolicyParameters} decision; missing rows keep defaults. */
  public static PolicyParameters load(PolicyDecisions decisions) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("scope", "default");
    DecisionOutcome outcome = decisions.evaluate(DECISION, inputs);
    Map<String, BigDecimal> values = new HashMap<>();
    for (MatchedRule rule : outcome.matchedRules()) {
      values.put(rule.text("parameter"), (BigDecimal) rule.outputs().get("value"));
    }
    PolicyParameters d = defaults();
    return new PolicyParameters(
        intOr(values, "lprOneYearBp", d.lprOneYearBp()),
        intOr(values, "lprFiveYearBp", d.lprFiveYearBp()),
        intOr(values, "lprFiveYearAboveTermMonths", d.lprFiveYearAboveTermMonths()),
        values.getOrDefault("balanceToleranceCny", d.balanceToleranceCny()),
        values.getOrDefault("balanceToleranceRatio", d.balanceToleranceRatio()),
        Math.min(ESG_DISCOUNT_CEILING_BP, intOr(values, "maxEsgDiscountBp", d.maxEsgDiscountBp())),
        Math.max(0, intOr(values, "repaymentGraceDays", d.repaymentGraceDays())),
        Math.max(0, intOr(values, "gpuValuationHorizonMonths", d.gpuValuationHorizonMonths())),
        outcome.policyVersion());
  }

  private static int intOr(Map<String, BigDecimal> values, String key, int fallback) {
    BigDecimal value = values.get(key);
    return value == null ? fallback : value.intValue();
  }
}
