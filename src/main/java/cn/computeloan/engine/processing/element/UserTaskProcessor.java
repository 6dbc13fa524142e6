package cn.computeloan.engine.processing.element;

import cn.computeloan.engine.processing.behavior.ElementProcessor;
import cn.computeloan.engine.processing.behavior.ProcessingContext;
import cn.computeloan.engine.state.ElementInstance;
import cn.computeloan.engine.state.UserTask;

/** A Camunda user task: the task's completion completes the element. */
public final class UserTaskProcessor implements ElementProcessor {

  @Override
  public void onActivate(ElementInstance instance, ProcessingContext ctx) {
    UserTask task = ctx.userTasks().prepare(instance);
    if (task == null || !ctx.activated(instance)) {
      return;
    }
    ctx.userTasks().create(task);
  }

  @Override
  public void onTerminate(ElementInstance instance, ProcessingContext ctx) {
    ctx.userTasks().cancel(instance);
  }
}
