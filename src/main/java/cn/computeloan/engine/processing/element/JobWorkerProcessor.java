package cn.computeloan.engine.processing.element;

import cn.computeloan.engine.expression.EvalResult;
import cn.computeloan.engine.model.JobDefinition;
import cn.computeloan.engine.processing.behavior.ElementProcessor;
import cn.computeloan.engine.processing.behavior.ProcessingContext;
import cn.computeloan.engine.state.ElementInstance;
import java.util.Map;

/**
 * Elements done by a job worker: service and send tasks, job-based script and business rule
 * tasks, message throw and end events. The job's completion completes the element.
 */
public final class JobWorkerProcessor implements ElementProcessor {

  private static final long DEFAULT_RETRIES = 3;

  @Override
  public void onActivate(ElementInstance instance, ProcessingContext ctx) {
    JobDefinition job = instance.element().jobDefinition();
    Map<String, Object> variables = ctx.variables().visible(instance);
    EvalResult<String> type = ctx.feel().evaluateString(job.type(), variables);
    if (type.isFailure()) {
      ctx.incidents().raise(instance, "EXTRACT_VALUE_ERROR", type.failureMessage());
      return;
    }
    EvalResult<Long> retries = job.retries() == null || job.retries().isBlank()
        ? EvalResult.ok(DEFAULT_RETRIES) : ctx.feel().evaluateLong(job.retries(), variables);
    if (retries.isFailure()) {
      ctx.incidents().raise(instance, "EXTRACT_VALUE_ERROR", retries.failureMessage());
      return;
    }
    if (!ctx.activated(instance)) {
      return;
    }
    var created = ctx.jobs().create(instance, type.value(), retries.value().intValue(), job.headers(),
        "BPMN_ELEMENT", "UNSPECIFIED");
    instance.jobKey(created.key());
  }

  @Override
  public void onTerminate(ElementInstance instance, ProcessingContext ctx) {
    ctx.jobs().cancel(instance);
  }
}
