package cn.computeloan.engine.processing.element;

import cn.computeloan.engine.expression.EvalResult;
import cn.computeloan.engine.processing.behavior.ElementProcessor;
import cn.computeloan.engine.processing.behavior.ProcessingContext;
import cn.computeloan.engine.state.ElementInstance;
import java.util.HashMap;
import java.util.Map;

/** A script task with a FEEL {@code zeebe:script}: its result is stored in the result variable. */
public final class ScriptTaskProcessor implements ElementProcessor {

  @Override
  public void onActivate(ElementInstance instance, ProcessingContext ctx) {
    EvalResult<Object> result = ctx.feel().evaluate(instance.element().expression(), ctx.variables().visible(instance));
    if (result.isFailure()) {
      ctx.incidents().raise(instance, "EXTRACT_VALUE_ERROR", result.failureMessage());
      return;
    }
    if (!ctx.activated(instance)) {
      return;
    }
    Map<String, Object> output = new HashMap<>();
    output.put(instance.element().resultVariable(), result.value());
    instance.pendingVariables(output);
    ctx.complete(instance);
  }
}
