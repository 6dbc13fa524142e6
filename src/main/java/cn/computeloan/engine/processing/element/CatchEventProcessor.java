package cn.computeloan.engine.processing.element;

import cn.computeloan.engine.processing.ElementProcessor;
import cn.computeloan.engine.processing.ProcessingContext;
import cn.computeloan.engine.state.ElementInstance;

/**
 * Intermediate timer, message and signal catch events and receive tasks: wait on their own
 * subscription. One reached through an event-based gateway arrives already triggered.
 */
public final class CatchEventProcessor implements ElementProcessor {

  @Override
  public void onActivate(ElementInstance instance, ProcessingContext ctx) {
    if (instance.pendingVariables() != null) {
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
