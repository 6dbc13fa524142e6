package cn.computeloan.engine.processing.behavior;

import cn.computeloan.engine.api.ActivatedJob;
import cn.computeloan.engine.api.EngineException;
import cn.computeloan.engine.api.JobResult;
import cn.computeloan.engine.state.ElementInstance;
import cn.computeloan.engine.state.Job;
import cn.computeloan.engine.state.UserTask;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Jobs for workers: creation, activation, completion, failure with retries and back-off, timeouts. */
public final class JobBehavior {

  /** Told when jobs of a type become activatable, so waiting long polls can be answered. */
  public interface JobListener {
    void jobsAvailable(String type);
  }

  private final ProcessingContext ctx;
  private final JobListener listener;

  JobBehavior(ProcessingContext ctx, JobListener listener) {
    this.ctx = ctx;
    this.listener = listener;
  }

  public Job create(ElementInstance instance, String type, int retries, Map<String, String> headers,
      String kind, String listenerEventType) {
    Job job = new Job(ctx.state().nextKey(), type, retries, instance, headers, kind, listenerEventType);
    ctx.state().jobs().put(job.key(), job);
    ctx.writer().job("CREATED", job, null);
    makeActivatable(job);
    return job;
  }

  void makeActivatable(Job job) {
    job.activatable(true);
    job.backoffUntil(-1);
    ctx.state().activatableJobs().computeIfAbsent(job.type(), t -> new LinkedHashSet<>()).add(job);
    listener.jobsAvailable(job.type());
  }

  private void notActivatable(Job job) {
    job.activatable(false);
    LinkedHashSet<Job> jobs = ctx.state().activatableJobs().get(job.type());
    if (jobs != null) {
      jobs.remove(job);
    }
  }

  /** Activates up to {@code max} jobs of a type for a worker. */
  public List<ActivatedJob> activate(String type, String worker, long timeout, int max, List<String> fetch) {
    LinkedHashSet<Job> candidates = ctx.state().activatableJobs().get(type);
    List<ActivatedJob> result = new ArrayList<>();
    if (candidates == null) {
      return result;
    }
    long now = ctx.clock().millis();
    Iterator<Job> it = candidates.iterator();
    while (it.hasNext() && result.size() < max) {
      Job job = it.next();
      it.remove();
      job.activatable(false);
      job.state(Job.State.ACTIVATED);
      job.worker(worker);
      job.deadline(now + timeout);
      Map<String, Object> variables = fetchVariables(job, fetch);
      ctx.writer().job("ACTIVATED", job, variables);
      result.add(toActivated(job, variables));
    }
    return result;
  }

  /**
   * The variables a job sees: those visible from its element instance; for a task listener of a
   * completion, the variables the completion carries shadow them (Zeebe's JobVariablesCollector:
   * a completing listener can check what the person entered before it reaches the process).
   */
  private Map<String, Object> fetchVariables(Job job, List<String> fetch) {
    Map<String, Object> visible = ctx.variables().visible(job.elementInstance());
    Map<String, Object> completion = completionVariables(job);
    if (!completion.isEmpty()) {
      visible = new LinkedHashMap<>(visible);
      visible.putAll(completion);
    }
    if (fetch == null || fetch.isEmpty()) {
      return visible;
    }
    Map<String, Object> result = new LinkedHashMap<>();
    for (String name : fetch) {
      if (visible.containsKey(name)) {
        result.put(name, visible.get(name));
      }
    }
    return result;
  }

  private Map<String, Object> completionVariables(Job job) {
    if (!"TASK_LISTENER".equals(job.kind())) {
      return Map.of();
    }
    UserTask task = ctx.state().userTasks().get(job.elementInstance().userTaskKey());
    if (task == null || task.state() != UserTask.State.COMPLETING || task.transition() == null) {
      return Map.of();
    }
    return task.transition().changes();
  }

  private ActivatedJob toActivated(Job job, Map<String, Object> variables) {
    ElementInstance instance = job.elementInstance();
    var process = instance.process();
    ActivatedJob.UserTaskProperties userTask = null;
    if ("TASK_LISTENER".equals(job.kind())) {
      UserTask task = ctx.state().userTasks().get(instance.userTaskKey());
      if (task != null) {
        var transition = task.transition();
        userTask = new ActivatedJob.UserTaskProperties(transition == null ? null : transition.action(),
            task.assignee(), List.copyOf(task.candidateGroups()), List.copyOf(task.candidateUsers()),
            transition == null ? List.of() : transition.changedAttributes(), task.dueDate(), task.followUpDate(),
            task.formKey(), task.priority(), task.key());
      }
    }
    return new ActivatedJob(job.key(), job.type(), instance.processInstanceKey(), process.bpmnProcessId(),
        process.version(), process.key(), instance.element().id(), instance.key(), job.customHeaders(),
        job.worker(), job.retries(), job.deadline(), variables, RecordWriter.TENANT, job.kind(),
        job.listenerEventType(), userTask);
  }

  private Job existing(long jobKey, String action) {
    Job job = ctx.state().jobs().get(jobKey);
    if (job == null) {
      throw EngineException.notFound("job", jobKey);
    }
    return job;
  }

  public void complete(long jobKey, Map<String, Object> variables, JobResult result) {
    Job job = existing(jobKey, "complete");
    if (job.state() != Job.State.ACTIVATED && !job.activatable()) {
      throw EngineException.invalidState("Expected to complete job with key '%d', but it is in state '%s'"
          .formatted(jobKey, job.state()));
    }
    notActivatable(job);
    job.state(Job.State.COMPLETED);
    ctx.writer().job("COMPLETED", job, variables);
    ctx.state().jobs().remove(jobKey);
    ElementInstance instance = job.elementInstance();
    instance.jobKey(-1);
    if ("TASK_LISTENER".equals(job.kind())) {
      ctx.userTasks().listenerCompleted(instance, variables, result == null ? JobResult.none() : result);
      return;
    }
    instance.pendingVariables(variables == null ? Map.of() : variables);
    ctx.complete(instance);
  }

  public void fail(long jobKey, int retries, String message, long backoff, Map<String, Object> variables) {
    Job job = existing(jobKey, "fail");
    if (job.state() != Job.State.ACTIVATED) {
      throw EngineException.invalidState("Expected to fail job with key '%d', but it is in state '%s'"
          .formatted(jobKey, job.state()));
    }
    job.retries(retries);
    job.errorMessage(message);
    job.state(Job.State.FAILED);
    job.deadline(-1);
    if (variables != null && !variables.isEmpty()) {
      ctx.variables().setLocal(job.elementInstance(), variables);
    }
    if (retries > 0 && backoff > 0) {
      job.backoffUntil(ctx.clock().millis() + backoff);
      ctx.writer().job("FAILED", job, variables);
    } else if (retries > 0) {
      ctx.writer().job("FAILED", job, variables);
      makeActivatable(job);
    } else {
      ctx.writer().job("FAILED", job, variables);
      String type = "TASK_LISTENER".equals(job.kind()) ? "TASK_LISTENER_NO_RETRIES" : "JOB_NO_RETRIES";
      ctx.incidents().raiseForJob(job, type, message == null || message.isBlank() ? "No more retries left." : message);
    }
  }

  public void throwError(long jobKey, String code, String message, Map<String, Object> variables) {
    Job job = existing(jobKey, "throw an error for");
    if (job.state() != Job.State.ACTIVATED && !job.activatable()) {
      throw EngineException.invalidState("Expected to throw an error for job with key '%d', but it is in state '%s'"
          .formatted(jobKey, job.state()));
    }
    notActivatable(job);
    job.state(Job.State.ERROR_THROWN);
    job.errorCode(code);
    job.errorMessage(message);
    ctx.writer().job("ERROR_THROWN", job, variables);
    ElementInstance instance = job.elementInstance();
    if (!ctx.events().throwError(instance, code, message, variables)) {
      ctx.incidents().raiseForJob(job, "UNHANDLED_ERROR_EVENT",
          "Expected to throw an error event with the code '%s' with message '%s', but it was not caught. No error events are available in the scope."
              .formatted(code, message == null ? "" : message));
    }
  }

  public void update(long jobKey, Integer retries, Long timeout) {
    Job job = existing(jobKey, "update");
    if (retries != null) {
      if (retries < 1) {
        throw EngineException.invalidArgument(("Expected to update retries for job with key '%d' with a positive "
            + "amount of retries, but the amount given was '%d'").formatted(jobKey, retries));
      }
      job.retries(retries);
      ctx.writer().job("RETRIES_UPDATED", job, null);
    }
    if (timeout != null) {
      if (job.state() != Job.State.ACTIVATED) {
        throw EngineException.invalidState("Expected to update the timeout of job with key '%d', but it is not activated"
            .formatted(jobKey));
      }
      job.deadline(ctx.clock().millis() + timeout);
      ctx.writer().job("TIMEOUT_UPDATED", job, null);
    }
  }

  /** Cancels the job of a terminated element. */
  public void cancel(ElementInstance instance) {
    Job job = ctx.state().jobs().remove(instance.jobKey());
    instance.jobKey(-1);
    if (job != null) {
      notActivatable(job);
      job.state(Job.State.CANCELED);
      ctx.writer().job("CANCELED", job, null);
    }
  }

  /** Times out expired activations and ends elapsed back-offs; returns the next due time or MAX. */
  public long processDue(long now) {
    long next = Long.MAX_VALUE;
    for (Job job : List.copyOf(ctx.state().jobs().values())) {
      if (job.state() == Job.State.ACTIVATED && job.deadline() >= 0) {
        if (job.deadline() <= now) {
          job.state(Job.State.TIMED_OUT);
          job.deadline(-1);
          ctx.writer().job("TIMED_OUT", job, null);
          makeActivatable(job);
        } else {
          next = Math.min(next, job.deadline());
        }
      } else if (job.backoffUntil() >= 0) {
        if (job.backoffUntil() <= now) {
          ctx.writer().job("RECURRED_AFTER_BACKOFF", job, null);
          makeActivatable(job);
        } else {
          next = Math.min(next, job.backoffUntil());
        }
      }
    }
    return next;
  }
}
