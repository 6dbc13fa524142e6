package cn.computeloan.credit;

import cn.computeloan.credit.decision.DecisionOutcome;
import cn.computeloan.credit.decision.MatchedRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A policy rule that fired, with its reason in Chinese and English, for approvers and auditors.
 *
 * @param decisionId the DMN decision (or {@code JAVA} for a rule coded in Java)
 * @param ruleId the DMN rule id (or a code for Java rules)
 * @param ruleIndex 1-based table row, 0 for Java rules
 * @param code the rule's finding code where the table has one (else null)
 * @param reasonZh reason in Chinese
 * @param reasonEn reason in English
 * @param outputs all outputs of the rule
 */
public record FiredRule(
    String decisionId,
    String ruleId,
    int ruleIndex,
    String code,
    String reasonZh,
    String reasonEn,
    Map<String, Object> outputs) {

  /** Decision id used for rules implemented in Java rather than DMN. */
  public static final String JAVA = "JAVA";

  /** A rule implemented in Java (structural, not tunable), with its reason texts. */
  public static FiredRule java(String code, String reasonZh, String reasonEn) {
    return new FiredRule(JAVA, code, 0, code, reasonZh, reasonEn, Map.of());
  }

  /** Converts every matched rule of an outcome; {@code codeOutput} names the finding column. */
  public static List<FiredRule> from(DecisionOutcome outcome, String codeOutput) {
    List<FiredRule> rules = new ArrayList<>();
    for (MatchedRule rule : outcome.matchedRules()) {
      rules.add(
          new FiredRule(
              outcome.decisionId(),
              rule.ruleId(),
              rule.ruleIndex(),
              codeOutput == null ? null : rule.text(codeOutput),
              rule.text("reasonZh"),
              rule.text("reasonEn"),
              rule.outputs()));
    }
    return rules;
  }
}
