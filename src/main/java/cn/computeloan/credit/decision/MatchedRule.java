package cn.computeloan.credit.decision;

import java.util.Map;

/**
 * One decision-table rule that matched.
 *
 * @param ruleId the rule's id in the DMN file
 * @param ruleIndex 1-based row number in the table, as Camunda Modeler shows it
 * @param outputs the rule's output values by output name
 */
public record MatchedRule(String ruleId, int ruleIndex, Map<String, Object> outputs) {

  /** Output as text, or null. */
  public String text(String output) {
    Object value = outputs.get(output);
    return value == null ? null : value.toString();
  }
}
