package cn.computeloan.engine.processing.behavior;

import cn.computeloan.engine.model.ExecutableElement;
import cn.computeloan.engine.model.ExecutableProcess;
import cn.computeloan.engine.model.ModelProblem;
import cn.computeloan.engine.state.ElementInstance;
import java.util.List;

/**
 * The element processors as the shared lifecycle sees them: one per element kind, plus the hooks
 * the lifecycle calls on particular kinds. Implemented above this package (processing.element), so
 * the processors can build on the behaviours without the behaviours knowing the processors.
 */
public interface ElementProcessors {

  /** The processor of an element. */
  ElementProcessor processor(ExecutableElement element);

  /** Problems for elements no processor can run. */
  List<ModelProblem> validate(ExecutableProcess process);

  /** Stores an inner instance's output element into its multi-instance body; false on incident. */
  boolean collectOutput(ElementInstance body, ElementInstance child, ProcessingContext ctx);

  /** A root process instance ended: complete or finish terminating the call activity that called it. */
  void calledProcessFinished(ElementInstance root, boolean completed, ProcessingContext ctx);

  /** True when the element joins tokens (a parallel or inclusive gateway with several incoming flows). */
  boolean isJoin(ExecutableElement element);

  /** A token arrived at a join: activate the gateway if its tokens are complete. */
  void tryJoin(ElementInstance scope, ExecutableElement gateway, ProcessingContext ctx);
}
