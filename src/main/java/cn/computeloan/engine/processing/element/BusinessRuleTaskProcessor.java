package cn.computeloan.engine.processing.element;

import cn.computeloan.engine.expression.EvalResult;
import cn.computeloan.engine.processing.behavior.DecisionBehavior;
import cn.computeloan.engine.processing.behavior.ElementProcessor;
import cn.computeloan.engine.processing.behavior.ProcessingContext;
import cn.computeloan.engine.record.ValueType;
import cn.computeloan.engine.state.ElementInstance;
import cn.computeloan.engine.state.EngineState;
import java.util.HashMap;
import java.util.Map;

/**
 * A business rule task calling a deployed DMN decision ({@code zeebe:calledDecision}, latest
 * version); every evaluation is recorded with its inputs and matched rules.
 */
public final class BusinessRuleTaskProcessor implements ElementProcessor {

  @Override
  public void onActivate(ElementInstance instance, ProcessingContext ctx) {
    Map<String, Object> variables = ctx.variables().visible(instance);
    EvalResult<String> decisionId = ctx.feel().evaluateString(instance.element().calledDecisionId(), variables);
    if (decisionId.isFailure()) {
      ctx.incidents().raise(instance, "EXTRACT_VALUE_ERROR", decisionId.failureMessage());
      return;
    }
    EngineState.DecisionDef decision = ctx.state().latestDecision(decisionId.value());
    if (decision == null) {
      ctx.incidents().raise(instance, "CALLED_DECISION_ERROR",
          "Expected to evaluate decision '%s', but no decision found for id '%s'".formatted(decisionId.value(), decisionId.value()));
      return;
    }
    DecisionBehavior.Evaluation evaluation = ctx.decisions().evaluate(decision, variables, instance);
    ctx.writer().append(ctx.state().nextKey(), ValueType.DECISION_EVALUATION,
        evaluation.failed() ? "FAILED" : "EVALUATED", evaluation.value());
    if (evaluation.failed()) {
      ctx.incidents().raise(instance, "DECISION_EVALUATION_ERROR",
          "Expected to evaluate decision '%s', but %s".formatted(decision.decisionId(),
              evaluation.value().evaluationFailureMessage()));
      return;
    }
    if (!ctx.activated(instance)) {
      return;
    }
    Map<String, Object> output = new HashMap<>();
    output.put(instance.element().resultVariable(), evaluation.output());
    instance.pendingVariables(output);
    ctx.complete(instance);
  }
}
