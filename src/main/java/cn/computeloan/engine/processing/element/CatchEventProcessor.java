package cn.computeloan.engine.processing.element;

import cn.computeloan.engine.processing.behavior.ElementProcessor;
import cn.computeloan.engine.processing.behavior.ProcessingContext;
import cn.computeloan.engine.state.ElementInstance;

/**
 * Intermediate timer, message, signal and link catch events and receive tasks: wait on their own
 * subscription. One reached through an event-based gateway arrives already triggered.
 */
public final class CatchEventProcessor implements ElementProcessor {

  @Override
  public void onActivate(ElementInstance instance, ProcessingContext ctx) {
    // a link catch event is reached by its throw event and goes on at once
    if (instance.pendingVariables() != null || instance.element().eventType() == cn.computeloan.engine.model.EventType.LINK) {
      if (ctx.activated(instance)) {
        ctx.complete(instance);
      }
      return;
    }
    if (!ctx.events().openOwnSubscription(instance)) {
      return;
    }
    ctx.activated(instance);
  }
}
