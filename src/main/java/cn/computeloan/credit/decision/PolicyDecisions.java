package cn.computeloan.credit.decision;

import java.util.Map;

/**
 * Port to the DMN decisions that hold the tunable policy (bands, weights, caps, thresholds). The
 * domain never knows which engine evaluates them; the adapter in {@code cn.computeloan.policy} uses
 * DMN-Scala, the engine Zeebe uses.
 */
public interface PolicyDecisions {

  /**
   * Evaluates a decision.
   *
   * @param decisionId DMN decision id
   * @param inputs input variables (BigDecimal, Integer, String, Boolean or null values)
   * @return the outcome with matched rules and the policy version
   * @throws PolicyDecisionException if the decision is unknown or the DMN evaluation fails: a
   *     defect of the policy tables, not of the business data
   */
  DecisionOutcome evaluate(String decisionId, Map<String, Object> inputs);
}
