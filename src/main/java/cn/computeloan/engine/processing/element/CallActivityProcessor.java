package cn.computeloan.engine.processing.element;

import cn.computeloan.engine.expression.EvalResult;
import cn.computeloan.engine.model.CalledElementDefinition;
import cn.computeloan.engine.model.ExecutableProcess;
import cn.computeloan.engine.processing.behavior.ElementProcessor;
import cn.computeloan.engine.processing.behavior.ProcessingContext;
import cn.computeloan.engine.state.ElementInstance;
import java.util.Map;

/**
 * A call activity starts the latest version of the called process as a child instance. Variables
 * go down (all visible ones, or only the input mappings' results) and come back (all of the
 * child's, or only via output mappings). Terminating the call activity terminates the child.
 */
public final class CallActivityProcessor implements ElementProcessor {

  @Override
  public void onActivate(ElementInstance instance, ProcessingContext ctx) {
    CalledElementDefinition called = instance.element().calledElement();
    EvalResult<String> processId = ctx.feel().evaluateString(called.processId(), ctx.variables().visible(instance));
    if (processId.isFailure()) {
      ctx.incidents().raise(instance, "EXTRACT_VALUE_ERROR", processId.failureMessage());
      return;
    }
    ExecutableProcess process = ctx.state().latestProcess(processId.value());
    if (process == null) {
      ctx.incidents().raise(instance, "CALLED_ELEMENT_ERROR",
          "Expected process with BPMN process id '%s' to be deployed, but not found.".formatted(processId.value()));
      return;
    }
    if (!ctx.activated(instance)) {
      return;
    }
    ElementInstance child = ctx.newProcessInstance(process, instance.processInstanceKey(), instance.key());
    instance.calledInstanceKey(child.key());
    Map<String, Object> variables = called.propagateAllParentVariables()
        ? ctx.variables().visible(instance) : ctx.variables().local(instance);
    ctx.variables().setLocal(child, variables);
    ctx.schedule(() -> ctx.activate(child));
  }

  @Override
  public void onTerminate(ElementInstance instance, ProcessingContext ctx) {
    ElementInstance child = ctx.state().elementInstance(instance.calledInstanceKey());
    if (child != null) {
      ctx.terminate(child);
    }
  }

  /** The called instance ended: complete the call activity, or finish its termination. */
  public void childProcessFinished(ElementInstance root, boolean completed, ProcessingContext ctx) {
    ElementInstance parent = ctx.state().elementInstance(root.parentElementInstanceKey());
    if (parent == null) {
      return;
    }
    if (!completed) {
      ctx.terminatedIfDone(parent);
      return;
    }
    parent.calledInstanceKey(-1);
    CalledElementDefinition called = parent.element().calledElement();
    boolean all = called.propagateAllChildVariables() || !parent.element().outputMappings().isEmpty();
    parent.pendingVariables(all ? ctx.variables().local(root) : Map.of());
    ctx.complete(parent);
  }
}
