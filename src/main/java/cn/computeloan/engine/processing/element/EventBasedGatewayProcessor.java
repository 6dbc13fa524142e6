package cn.computeloan.engine.processing.element;

import cn.computeloan.engine.model.ExecutableFlow;
import cn.computeloan.engine.processing.behavior.ElementProcessor;
import cn.computeloan.engine.processing.behavior.ProcessingContext;
import cn.computeloan.engine.state.ElementInstance;

/** An event-based gateway: waits on the events after it; the first one to fire wins. */
public final class EventBasedGatewayProcessor implements ElementProcessor {

  @Override
  public void onActivate(ElementInstance instance, ProcessingContext ctx) {
    if (ctx.events().openGatewaySubscriptions(instance)) {
      ctx.activated(instance);
    }
  }

  @Override
  public void onCompleted(ElementInstance instance, ProcessingContext ctx) {
    ElementInstance.PendingEvent event = instance.pendingEvent();
    instance.pendingEvent(null);
    for (ExecutableFlow flow : instance.element().outgoing()) {
      if (flow.target() == event.target()) {
        ctx.takeFlowTriggered(flow, instance.flowScope(), event.variables());
        return;
      }
    }
  }
}
