package cn.computeloan.engine.query.projection;

import cn.computeloan.engine.record.DecisionEvaluationValue.EvaluatedDecision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The REST shape of an evaluated decision's inputs and matched rules (values as JSON text). */
public final class DecisionJson {

  private DecisionJson() {}

  public static List<Map<String, Object>> inputs(EvaluatedDecision decision) {
    if (decision.evaluatedInputs() == null) {
      return List.of();
    }
    return decision.evaluatedInputs().stream().map(input -> {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("inputId", input.inputId());
      json.put("inputName", input.inputName());
      json.put("inputValue", input.inputValue());
      return json;
    }).toList();
  }

  public static List<Map<String, Object>> rules(EvaluatedDecision decision) {
    if (decision.matchedRules() == null) {
      return List.of();
    }
    return decision.matchedRules().stream().map(rule -> {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("ruleId", rule.ruleId());
      json.put("ruleIndex", rule.ruleIndex());
      json.put("evaluatedOutputs", rule.evaluatedOutputs() == null ? List.of() : rule.evaluatedOutputs().stream().map(output -> {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("outputId", output.outputId());
        out.put("outputName", output.outputName());
        out.put("outputValue", output.outputValue());
        return out;
      }).toList());
      return json;
    }).toList();
  }
}
