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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Long-polling job activation: a request that finds no job waits until jobs of its type become
 * activatable or its request timeout passes. Waiters are served first come, first served.
 */
final class JobWaiters {

  private record Waiter(ActivateJobsCommand command, CompletableFuture<List<ActivatedJob>> future) {}

  private final EmbeddedEngine engine;
  private final Map<String, Deque<Waiter>> waiting = new HashMap<>();
  private final Set<String> available = new HashSet<>();
  private final ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "engine-job-poll-timeouts");
    thread.setDaemon(true);
    return thread;
  });

  JobWaiters(EmbeddedEngine engine) {
    this.engine = engine;
  }

  /** Under the engine lock. */
  CompletableFuture<List<ActivatedJob>> activateOrWait(ActivateJobsCommand command) {
    List<ActivatedJob> jobs = activate(command);
    if (!jobs.isEmpty() || command.requestTimeoutMillis() <= 0) {
      return CompletableFuture.completedFuture(jobs);
    }
    Waiter waiter = new Waiter(command, new CompletableFuture<>());
    waiting.computeIfAbsent(command.type(), t -> new ArrayDeque<>()).add(waiter);
    timeouts.schedule(() -> engine.run(() -> {
      Deque<Waiter> queue = waiting.get(command.type());
      if (queue != null && queue.remove(waiter)) {
        engine.answerLater(() -> waiter.future().complete(List.of()));
      }
      return null;
    }), command.requestTimeoutMillis(), TimeUnit.MILLISECONDS);
    return waiter.future();
  }

  /** Under the engine lock: activates what is there, never waits. */
  List<ActivatedJob> activateNow(ActivateJobsCommand c) {
    return activate(c);
  }

  private List<ActivatedJob> activate(ActivateJobsCommand c) {
    return engine.context().jobs().activate(c.type(), c.worker() == null ? "" : c.worker(), c.timeoutMillis(),
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
        if (waiter.future().isDone()) {
          queue.poll();
          continue;
        }
        List<ActivatedJob> jobs = activate(waiter.command());
        if (jobs.isEmpty()) {
          break;
        }
        queue.poll();
        engine.activatedForWaiter(waiter.command());
        engine.answerLater(() -> waiter.future().complete(jobs));
      }
    }
    available.clear();
  }

  void clear() {
    waiting.values().forEach(q -> q.forEach(w -> engine.answerLater(() -> w.future().complete(List.of()))));
    waiting.clear();
    available.clear();
  }
}
