package cn.computeloan.engine.processing;

import cn.computeloan.engine.api.ActivateJobsCommand;
import cn.computeloan.engine.api.ActivatedJob;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Long-polling job activation: a request that finds no job waits until jobs of its type become
 * activatable or its request timeout passes. Waiters are served first come, first served.
 */
final class JobWaiters {

  private static final class Waiter {
    final ActivateJobsCommand command;
    final CompletableFuture<List<ActivatedJob>> future = new CompletableFuture<>();
    ScheduledFuture<?> timeout;

    Waiter(ActivateJobsCommand command) {
      this.command = command;
    }
  }

  private final CommandPipeline pipeline;
  private final Map<String, Deque<Waiter>> waiting = new HashMap<>();
  private final Set<String> available = new HashSet<>();
  private final ScheduledThreadPoolExecutor timeouts = timeoutExecutor();

  JobWaiters(CommandPipeline pipeline) {
    this.pipeline = pipeline;
  }

  /** Cancelled time-outs (served polls) leave the queue at once instead of when they fall due. */
  private static ScheduledThreadPoolExecutor timeoutExecutor() {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread thread = new Thread(r, "engine-job-poll-timeouts");
      thread.setDaemon(true);
      return thread;
    });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  /** Under the engine lock. */
  CompletableFuture<List<ActivatedJob>> activateOrWait(ActivateJobsCommand command) {
    List<ActivatedJob> jobs = activate(command);
    if (!jobs.isEmpty() || command.requestTimeoutMillis() <= 0) {
      return CompletableFuture.completedFuture(jobs);
    }
    Waiter waiter = new Waiter(command);
    waiting.computeIfAbsent(command.type(), t -> new ArrayDeque<>()).add(waiter);
    waiter.timeout = timeouts.schedule(() -> pipeline.run(() -> {
      Deque<Waiter> queue = waiting.get(command.type());
      if (queue != null && queue.remove(waiter)) {
        pipeline.answerLater(() -> waiter.future.complete(List.of()));
      }
      return null;
    }), command.requestTimeoutMillis(), TimeUnit.MILLISECONDS);
    return waiter.future;
  }

  /** Under the engine lock: activates what is there, never waits. */
  List<ActivatedJob> activateNow(ActivateJobsCommand c) {
    return activate(c);
  }

  private List<ActivatedJob> activate(ActivateJobsCommand c) {
    return pipeline.context().jobs().activate(c.type(), c.worker() == null ? "" : c.worker(), c.timeoutMillis(),
        Math.max(1, c.maxJobsToActivate()), c.fetchVariables());
  }

  void jobsAvailable(String type) {
    available.add(type);
  }

  /** Under the engine lock, after a command: hands new jobs to waiting requests. */
  void serve() {
    if (available.isEmpty()) {
      return;
    }
    for (String type : available) {
      Deque<Waiter> queue = waiting.get(type);
      while (queue != null && !queue.isEmpty()) {
        Waiter waiter = queue.peek();
        if (waiter.future.isDone()) {
          queue.poll();
          waiter.timeout.cancel(false);
          continue;
        }
        List<ActivatedJob> jobs = activate(waiter.command);
        if (jobs.isEmpty()) {
          break;
        }
        queue.poll();
        // a served poll's timeout would otherwise take the engine lock once more, for nothing
        waiter.timeout.cancel(false);
        pipeline.activatedForWaiter(waiter.command);
        pipeline.answerLater(() -> waiter.future.complete(jobs));
      }
    }
    available.clear();
  }

  void clear() {
    waiting.values().forEach(q -> q.forEach(w -> {
      w.timeout.cancel(false);
      pipeline.answerLater(() -> w.future.complete(List.of()));
    }));
    waiting.clear();
    available.clear();
  }
}
