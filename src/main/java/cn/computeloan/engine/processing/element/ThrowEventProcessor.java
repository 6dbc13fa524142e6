package cn.computeloan.engine.processing.element;

import cn.computeloan.engine.expression.EvalResult;
import cn.computeloan.engine.model.ExecutableElement;
import cn.computeloan.engine.processing.behavior.ElementProcessor;
import cn.computeloan.engine.processing.behavior.ProcessingContext;
import cn.computeloan.engine.state.ElementInstance;
import java.util.List;

/**
 * End and intermediate throw events: none (pass through), terminate (ends every other token of
 * the scope, which then completes), error (caught by the nearest boundary event or event
 * sub-process, else an incident), escalation (caught by the nearest boundary event or event
 * sub-process; the flow goes on unless the catch event interrupts it), signal (broadcast), message
 * (a job, like a send task), link (the flow continues at the link catch event of the same name).
 */
public final class ThrowEventProcessor implements ElementProcessor {

  private final JobWorkerProcessor jobs = new JobWorkerProcessor();

  @Override
  public void onActivate(ElementInstance instance, ProcessingContext ctx) {
    ExecutableElement element = instance.element();
    switch (element.eventType()) {
      case MESSAGE -> jobs.onActivate(instance, ctx);
      case ERROR -> {
        if (!ctx.events().throwError(instance, element.errorCode(), "", java.util.Map.of())) {
          ctx.incidents().raise(instance, "UNHANDLED_ERROR_EVENT",
              "Expected to throw an error event with the code '%s', but it was not caught. No error events are available in the scope."
                  .formatted(element.errorCode()));
        }
      }
      case ESCALATION -> {
        EvalResult<String> code = ctx.feel().evaluateString(element.escalationCode(), ctx.variables().visible(instance));
        if (code.isFailure()) {
          ctx.incidents().raise(instance, "EXTRACT_VALUE_ERROR", code.failureMessage());
          return;
        }
        // an escalation nobody catches, or one caught without interrupting, lets the flow go on
        if (ctx.activated(instance) && !ctx.events().throwEscalation(instance, code.value())) {
          ctx.complete(instance);
        }
      }
      case SIGNAL -> {
        EvalResult<String> name = ctx.feel().evaluateString(element.signalName(), ctx.variables().visible(instance));
        if (name.isFailure()) {
          ctx.incidents().raise(instance, "EXTRACT_VALUE_ERROR", name.failureMessage());
          return;
        }
        if (ctx.activated(instance)) {
          ctx.events().broadcastSignal(name.value(), java.util.Map.of());
          ctx.complete(instance);
        }
      }
      default -> {
        if (ctx.activated(instance)) {
          ctx.complete(instance);
        }
      }
    }
  }

  @Override
  public void onCompleted(ElementInstance instance, ProcessingContext ctx) {
    ElementInstance scope = instance.flowScope();
    if (instance.element().eventType() == cn.computeloan.engine.model.EventType.TERMINATE) {
      scope.interrupted(true);
      ctx.dropHeldTokens(scope);
      for (ElementInstance other : List.copyOf(scope.children())) {
        if (other != instance) {
          ctx.terminate(other);
        }
      }
      return;
    }
    if (instance.element().eventType() == cn.computeloan.engine.model.EventType.LINK) {
      ctx.activateChild(scope, instance.element().linkTarget(), null);
      return;
    }
    ctx.takeAllOutgoingFlows(instance);
  }

  @Override
  public void onTerminate(ElementInstance instance, ProcessingContext ctx) {
    jobs.onTerminate(instance, ctx);
  }
}
