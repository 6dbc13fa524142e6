package cn.computeloan.credit.decision;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The explainable result of one DMN decision evaluation.
 *
 * @param decisionId DMN decision id, e.g. {@code ComputeScorecard}
 * @param decisionName DMN decision name
 * @param policyVersion decision id + version tag + first 12 hex chars of the SHA-256 of the DMN
 *     file, e.g. {@code ComputeScorecard:v1:3fa2c09b1d7e}
 * @param inputs the inputs the decision was evaluated with
 * @param matchedRules the rules that matched, in table order (for FIRST only the winning rule)
 */
public record DecisionOutcome(
    String decisionId,
    String decisionName,
    String policyVersion,
    Map<String, Object> inputs,
    List<MatchedRule> matchedRules) {

  /** Output rows (one per matched rule); a single-result table yields at most one row. */
  public List<Map<String, Object>> outputs() {
    return matchedRules.stream().map(MatchedRule::outputs).toList();
  }

  /** The single matched rule, or null if no rule matched. */
  public MatchedRule single() {
    return matchedRules.isEmpty() ? null : matchedRules.get(0);
  }

  /** A number output of the single matched rule, or null. */
  public BigDecimal number(String output) {
    MatchedRule rule = single();
    return rule == null ? null : (BigDecimal) rule.outputs().get(output);
  }

  /** A text output of the single matched rule, or null. */
  public String text(String output) {
    MatchedRule rule = single();
    return rule == null ? null : rule.text(output);
  }
}
