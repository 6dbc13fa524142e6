package cn.computeloan.engine.processing.element;

import cn.computeloan.engine.expression.EvalResult;
import cn.computeloan.engine.expression.FeelEvaluator;
import cn.computeloan.engine.model.MultiInstanceDefinition;
import cn.computeloan.engine.processing.behavior.ElementProcessor;
import cn.computeloan.engine.processing.behavior.ProcessingContext;
import cn.computeloan.engine.state.ElementInstance;
import cn.computeloan.engine.state.ProcessorState.Loop;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The multi-instance body: one inner instance per item of the input collection (all at once, or
 * one after the other), each with local {@code loopCounter} and input element; outputs collected
 * by index into the output collection, which is merged into the flow scope when the body
 * completes. A true completion condition terminates the remaining instances.
 */
public final class MultiInstanceProcessor implements ElementProcessor {

  @Override
  public void onActivate(ElementInstance body, ProcessingContext ctx) {
    MultiInstanceDefinition mi = body.element().multiInstance();
    EvalResult<Object> collection = ctx.feel().evaluate(mi.inputCollection(), ctx.variables().visible(body));
    if (collection.isFailure() || !(collection.value() instanceof List<?> list)) {
      ctx.incidents().raise(body, "EXTRACT_VALUE_ERROR", collection.isFailure() ? collection.failureMessage()
          : "Expected result of the expression '%s' to be 'ARRAY', but was '%s'."
              .formatted(mi.inputCollection().substring(1), FeelEvaluator.typeName(collection.value())));
      return;
    }
    if (!ctx.activated(body)) {
      return;
    }
    Loop loop = new Loop(new ArrayList<>(list), 0);
    body.processorState(loop);
    if (mi.outputCollection() != null && !mi.outputCollection().isBlank()) {
      ctx.variables().setLocal(body, mi.outputCollection(), new ArrayList<>(Collections.nCopies(list.size(), null)));
    }
    if (list.isEmpty()) {
      ctx.complete(body);
      return;
    }
    if (mi.sequential()) {
      next(body, ctx);
    } else {
      while (loop(body).hasNext()) {
        next(body, ctx);
      }
    }
  }

  private static Loop loop(ElementInstance body) {
    return (Loop) body.processorState();
  }

  private void next(ElementInstance body, ProcessingContext ctx) {
    MultiInstanceDefinition mi = body.element().multiInstance();
    ElementInstance child = ctx.newChild(body, body.element().innerActivity());
    Loop loop = loop(body);
    int index = loop.next();
    body.processorState(loop.advanced());
    if (mi.inputElement() != null && !mi.inputElement().isBlank()) {
      ctx.variables().setLocal(child, mi.inputElement(), loop.items().get(index));
    }
    ctx.variables().setLocal(child, "loopCounter", (long) index + 1);
    child.loopCounter(index + 1);
    ctx.schedule(() -> ctx.activate(child));
  }

  /** Stores an inner instance's output element into the output collection; false on incident. */
  @SuppressWarnings("unchecked")
  public boolean collectOutput(ElementInstance body, ElementInstance child, ProcessingContext ctx) {
    MultiInstanceDefinition mi = body.element().multiInstance();
    if (mi.outputCollection() == null || mi.outputCollection().isBlank()) {
      return true;
    }
    Object element = null;
    if (mi.outputElement() != null && !mi.outputElement().isBlank()) {
      EvalResult<Object> value = ctx.feel().evaluate(mi.outputElement(), ctx.variables().visible(child));
      if (value.isFailure()) {
        ctx.incidents().raise(child, "EXTRACT_VALUE_ERROR", value.failureMessage());
        return false;
      }
      element = value.value();
    }
    List<Object> output = new ArrayList<>((List<Object>) ctx.variables().local(body).get(mi.outputCollection()));
    output.set(child.loopCounter() - 1, element);
    ctx.variables().setLocal(body, mi.outputCollection(), output);
    return true;
  }

  @Override
  public void onChildFinished(ElementInstance body, ElementInstance child, ProcessingContext ctx) {
    if (body.state() != ElementInstance.State.ACTIVATED) {
      return;
    }
    Loop loop = loop(body);
    if (child.state() == ElementInstance.State.COMPLETED) {
      body.multiInstanceCompleted(body.multiInstanceCompleted() + 1);
    }
    if (!body.interrupted() && completionConditionMet(body, loop, ctx)) {
      body.interrupted(true);
      body.children().forEach(ctx::terminate);
    }
    if (body.interrupted()) {
      if (body.children().isEmpty()) {
        ctx.complete(body);
      }
      return;
    }
    if (body.element().multiInstance().sequential() && loop.hasNext()) {
      next(body, ctx);
    } else if (body.children().isEmpty()) {
      ctx.complete(body);
    }
  }

  private boolean completionConditionMet(ElementInstance body, Loop loop, ProcessingContext ctx) {
    String condition = body.element().expression();
    if (condition == null) {
      return false;
    }
    Map<String, Object> variables = new HashMap<>(ctx.variables().visible(body));
    variables.put("numberOfInstances", (long) loop.items().size());
    variables.put("numberOfActiveInstances", (long) body.children().size());
    variables.put("numberOfCompletedInstances", (long) body.multiInstanceCompleted());
    EvalResult<Boolean> result = ctx.feel().evaluateBoolean(condition, variables);
    if (result.isFailure()) {
      ctx.incidents().raise(body, "CONDITION_ERROR", result.failureMessage());
      return false;
    }
    return result.value();
  }

  @Override
  public boolean onComplete(ElementInstance body, ProcessingContext ctx) {
    String output = body.element().multiInstance().outputCollection();
    if (output != null && !output.isBlank()) {
      Map<String, Object> result = new HashMap<>();
      result.put(output, ctx.variables().local(body).get(output));
      ctx.variables().merge(body.flowScope(), result);
    }
    return true;
  }
}
