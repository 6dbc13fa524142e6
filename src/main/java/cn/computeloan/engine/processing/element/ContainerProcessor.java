package cn.computeloan.engine.processing.element;

import cn.computeloan.engine.model.ElementKind;
import cn.computeloan.engine.model.ExecutableElement;
import cn.computeloan.engine.processing.behavior.ElementProcessor;
import cn.computeloan.engine.processing.behavior.ProcessingContext;
import cn.computeloan.engine.state.ElementInstance;
import cn.computeloan.engine.state.ElementInstance.PendingEvent;
import cn.computeloan.engine.state.ProcessorState.StartAt;

/**
 * Process, embedded sub-process and event sub-process: activate the right start event, complete
 * when nothing is left inside. A process started by an event (timer, message, signal) or with
 * start instructions begins there instead of at its none start event.
 */
public final class ContainerProcessor implements ElementProcessor {

  private final Gateways gateways;

  ContainerProcessor(Gateways gateways) {
    this.gateways = gateways;
  }

  @Override
  public void onActivate(ElementInstance instance, ProcessingContext ctx) {
    if (!ctx.activated(instance)) {
      return;
    }
    PendingEvent event = instance.pendingEvent();
    if (instance.element().kind() == ElementKind.EVENT_SUB_PROCESS) {
      ctx.activateChild(instance, instance.element().startEvent(), instance.pendingVariables());
      instance.pendingVariables(null);
      return;
    }
    if (event != null) {
      instance.pendingEvent(null);
      ctx.activateChild(instance, event.target(), event.variables());
      return;
    }
    if (instance.processorState() instanceof StartAt startAt) {
      instance.processorState(null);
      startAt.elements().forEach(element -> ctx.activateChild(instance, element, null));
      return;
    }
    ExecutableElement start = instance.element().noneStartEvent();
    if (start == null) {
      ctx.completeScopeIfDone(instance);
      return;
    }
    ctx.activateChild(instance, start, null);
  }

  @Override
  public boolean onComplete(ElementInstance instance, ProcessingContext ctx) {
    return instance.flowScope() == null || ctx.variables().applyOutput(instance);
  }

  @Override
  public void onCompleted(ElementInstance instance, ProcessingContext ctx) {
    if (instance.flowScope() != null) {
      ctx.takeAllOutgoingFlows(instance);
    }
  }

  @Override
  public void onChildFinished(ElementInstance scope, ElementInstance child, ProcessingContext ctx) {
    gateways.retryInclusiveJoins(scope, ctx);
    ctx.completeScopeIfDone(scope);
  }
}
