package cn.computeloan.engine.processing.behavior;

import cn.computeloan.engine.model.ExecutableElement;
import cn.computeloan.engine.model.ExecutableProcess;
import cn.computeloan.engine.processing.behavior.ProcessingContext;
import cn.computeloan.engine.state.ElementInstance;
import java.util.Map;

/** Starting process instances from timer, message and signal start events. */
public final class StartEvents {

  /** Creates and activates an instance that begins at {@code startEvent} with the event's variables. */
  public ElementInstance startByEvent(ExecutableProcess process, ExecutableElement startEvent,
      Map<String, Object> variables, String messageCorrelationKey, ProcessingContext ctx) {
    ElementInstance root = ctx.newProcessInstance(process, -1, -1);
    root.startMessageCorrelationKey(messageCorrelationKey);
    root.pendingEvent(new ElementInstance.PendingEvent(startEvent, variables == null ? Map.of() : variables, null));
    ctx.schedule(() -> ctx.activate(root));
    return root;
  }
}
