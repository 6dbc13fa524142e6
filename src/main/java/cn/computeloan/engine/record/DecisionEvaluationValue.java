package cn.computeloan.engine.record;

import java.util.List;

/**
 * Value of a DECISION_EVALUATION record. Intents: EVALUATED, FAILED.
 *
 * @param decisionOutput the output of the called decision as JSON text
 * @param elementInstanceKey the business rule task, -1 for a standalone evaluation
 */
public record DecisionEvaluationValue(
    long decisionKey,
    String decisionId,
    String decisionName,
    int decisionVersion,
    String decisionRequirementsId,
    long decisionRequirementsKey,
    String decisionOutput,
    String bpmnProcessId,
    long processDefinitionKey,
    long processInstanceKey,
    String elementId,
    long elementInstanceKey,
    String evaluationFailureMessage,
    String failedDecisionId,
    List<EvaluatedDecision> evaluatedDecisions,
    String tenantId)
    implements RecordValue {

  /** One decision of the evaluated requirements graph. */
  public record EvaluatedDecision(
      String decisionId,
      String decisionName,
      long decisionKey,
      int decisionVersion,
      String decisionType,
      String decisionOutput,
      List<EvaluatedInput> evaluatedInputs,
      List<MatchedRule> matchedRules) {}

  /** @param inputValue JSON text */
  public record EvaluatedInput(String inputId, String inputName, String inputValue) {}

  /** A rule that matched, with its outputs. */
  public record MatchedRule(String ruleId, int ruleIndex, List<EvaluatedOutput> evaluatedOutputs) {}

  /** @param outputValue JSON text */
  public record EvaluatedOutput(String outputId, String outputName, String outputValue) {}
}
