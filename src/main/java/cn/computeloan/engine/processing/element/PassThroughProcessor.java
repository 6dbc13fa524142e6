package cn.computeloan.engine.processing.element;

import cn.computeloan.engine.processing.behavior.ElementProcessor;
import cn.computeloan.engine.processing.behavior.ProcessingContext;
import cn.computeloan.engine.state.ElementInstance;

/**
 * Elements that complete as soon as they are activated: none start/intermediate/end events,
 * undefined and manual tasks, boundary events and catch events already triggered (their delivered
 * variables are merged on completion).
 */
public final class PassThroughProcessor implements ElementProcessor {

  @Override
  public void onActivate(ElementInstance instance, ProcessingContext ctx) {
    if (ctx.activated(instance)) {
      ctx.complete(instance);
    }
  }
}
