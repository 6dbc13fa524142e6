package cn.computeloan.engine.processing.behavior;

import cn.computeloan.engine.state.ElementInstance;

/**
 * The behaviour of one element kind over Zeebe's lifecycle. The {@link ProcessingContext} writes
 * the lifecycle records, applies variable mappings, and manages subscriptions and flows; a
 * processor adds only what is specific to its kind. Processors never recurse into one another:
 * they ask the context, which queues the follow-up step.
 */
public interface ElementProcessor {

  /**
   * The element was activated (ELEMENT_ACTIVATING written, input mappings applied). Call {@link
   * ProcessingContext#activated} when done, then e.g. {@link ProcessingContext#complete} for
   * pass-through elements or wait for a job, message, timer or user.
   */
  void onActivate(ElementInstance instance, ProcessingContext ctx);

  /**
   * The element is completing (ELEMENT_COMPLETING written). Return false to stop (an incident was
   * raised; resolving it re-runs the completion). The default applies output mappings.
   */
  default boolean onComplete(ElementInstance instance, ProcessingContext ctx) {
    return ctx.variables().applyOutput(instance);
  }

  /** The element completed: by default leave through all outgoing flows. */
  default void onCompleted(ElementInstance instance, ProcessingContext ctx) {
    ctx.takeAllOutgoingFlows(instance);
  }

  /** The element is terminating: cancel its job, task, children or called instance. */
  default void onTerminate(ElementInstance instance, ProcessingContext ctx) {}

  /** A child of this (container) instance completed or terminated. */
  default void onChildFinished(ElementInstance scope, ElementInstance child, ProcessingContext ctx) {
    ctx.completeScopeIfDone(scope);
  }
}
