package cn.computeloan.engine.processing.behavior;

import cn.computeloan.engine.api.EngineException;
import cn.computeloan.engine.state.ElementInstance;
import cn.computeloan.engine.state.Incident;
import cn.computeloan.engine.state.Job;
import java.util.List;

/**
 * Failures become incidents: the element instance stops at the failed step. Resolving retries that
 * step: a job becomes activatable again, an element re-runs its activation or completion.
 */
public final class IncidentBehavior {

  private final ProcessingContext ctx;

  IncidentBehavior(ProcessingContext ctx) {
    this.ctx = ctx;
  }

  public Incident raise(ElementInstance instance, String errorType, String message) {
    return create(instance, errorType, message, -1);
  }

  public Incident raiseForJob(Job job, String errorType, String message) {
    return create(job.elementInstance(), errorType, message, job.key());
  }

  private Incident create(ElementInstance instance, String errorType, String message, long jobKey) {
    Incident incident = new Incident(ctx.state().nextKey(), errorType, message == null ? "" : message, instance, jobKey);
    ctx.state().incidents().put(incident.key(), incident);
    instance.incidentKey(incident.key());
    ctx.writer().incident("CREATED", incident);
    return incident;
  }

  public void resolve(long incidentKey) {
    Incident incident = ctx.state().incidents().get(incidentKey);
    if (incident == null) {
      throw EngineException.notFound("incident", incidentKey);
    }
    if (incident.jobKey() >= 0) {
      Job job = ctx.state().jobs().get(incident.jobKey());
      if (job != null && job.retries() <= 0 && "JOB_NO_RETRIES".equals(incident.errorType())) {
        throw EngineException.invalidState(("Expected to resolve incident with key '%d', but the job with key '%d' "
            + "has no retries left; update the job's retries first").formatted(incidentKey, job.key()));
      }
      remove(incident);
      if (job != null) {
        ctx.jobs().makeActivatable(job);
      }
      return;
    }
    remove(incident);
    ElementInstance instance = incident.elementInstance();
    // the instance keeps the incident key so that the retried step does not repeat its first record
    instance.incidentKey(incidentKey);
    switch (instance.state()) {
      case ACTIVATING -> ctx.schedule(() -> ctx.activate(instance));
      case COMPLETING -> ctx.schedule(() -> ctx.completeNow(instance));
      default -> instance.incidentKey(-1);
    }
  }

  /** Resolves (silently, as Zeebe does on termination) every incident of an element instance. */
  void resolveAllOf(ElementInstance instance) {
    for (Incident incident : List.copyOf(ctx.state().incidents().values())) {
      if (incident.elementInstance() == instance) {
        remove(incident);
      }
    }
  }

  private void remove(Incident incident) {
    ctx.state().incidents().remove(incident.key());
    ctx.writer().incident("RESOLVED", incident);
  }
}
