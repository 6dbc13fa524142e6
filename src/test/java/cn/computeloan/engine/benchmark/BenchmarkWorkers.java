package cn.computeloan.engine.benchmark;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The benchmark's job workers, as an application writes them: {@code @JobWorker} methods over the
 * Camunda client, one per task type of {@code bench10} ({@code bench-1} … {@code bench-10}), or one
 * for all ten tasks (type {@code bench}) when the benchmark runs with {@code bench.workers=1}. A
 * handler sends the completion without blocking its execution thread (as the starter's
 * auto-completion does) and the result is counted when the engine acknowledges it.
 */
public class BenchmarkWorkers {

  static final int TASKS = 10;

  final LongAdder completions = new LongAdder();
  final LongAdder instancesDone = new LongAdder();
  final LongAdder failures = new LongAdder();
  final Samples handover = new Samples();
  final Samples instanceLatency = new Samples();
  final AtomicBoolean recording = new AtomicBoolean();
  /** Permits for the closed loop: one is released whenever an instance ends (or was lost to a failure). */
  final Semaphore inFlight = new Semaphore(0);
  volatile String lastFailure;
  /** Per instance: System.nanoTime() when its previous job's completion was sent. */
  private final Map<Long, Long> completionSent = new ConcurrentHashMap<>();

  @JobWorker(type = "bench", autoComplete = false, fetchVariables = "t0")
  public void allTasks(JobClient client, ActivatedJob job, @Variable("t0") Long t0) {
    handle(client, job, t0);
  }

  @JobWorker(type = "bench-1", autoComplete = false, fetchVariables = "t0")
  public void task1(JobClient client, ActivatedJob job, @Variable("t0") Long t0) {
    handle(client, job, t0);
  }

  @JobWorker(type = "bench-2", autoComplete = false, fetchVariables = "t0")
  public void task2(JobClient client, ActivatedJob job, @Variable("t0") Long t0) {
    handle(client, job, t0);
  }

  @JobWorker(type = "bench-3", autoComplete = false, fetchVariables = "t0")
  public void task3(JobClient client, ActivatedJob job, @Variable("t0") Long t0) {
    handle(client, job, t0);
  }

  @JobWorker(type = "bench-4", autoComplete = false, fetchVariables = "t0")
  public void task4(JobClient client, ActivatedJob job, @Variable("t0") Long t0) {
    handle(client, job, t0);
  }

  @JobWorker(type = "bench-5", autoComplete = false, fetchVariables = "t0")
  public void task5(JobClient client, ActivatedJob job, @Variable("t0") Long t0) {
    handle(client, job, t0);
  }

  @JobWorker(type = "bench-6", autoComplete = false, fetchVariables = "t0")
  public void task6(JobClient client, ActivatedJob job, @Variable("t0") Long t0) {
    handle(client, job, t0);
  }

  @JobWorker(type = "bench-7", autoComplete = false, fetchVariables = "t0")
  public void task7(JobClient client, ActivatedJob job, @Variable("t0") Long t0) {
    handle(client, job, t0);
  }

  @JobWorker(type = "bench-8", autoComplete = false, fetchVariables = "t0")
  public void task8(JobClient client, ActivatedJob job, @Variable("t0") Long t0) {
    handle(client, job, t0);
  }

  @JobWorker(type = "bench-9", autoComplete = false, fetchVariables = "t0")
  public void task9(JobClient client, ActivatedJob job, @Variable("t0") Long t0) {
    handle(client, job, t0);
  }

  @JobWorker(type = "bench-10", autoComplete = false, fetchVariables = "t0")
  public void task10(JobClient client, ActivatedJob job, @Variable("t0") Long t0) {
    handle(client, job, t0);
  }

  private void handle(JobClient client, ActivatedJob job, Long t0) {
    long received = System.nanoTime();
    long instance = job.getProcessInstanceKey();
    Long previous = completionSent.remove(instance);
    if (previous != null && recording.get()) {
      handover.add(received - previous);
    }
    boolean last = job.getElementId().equals("task" + TASKS);
    if (!last) {
      completionSent.put(instance, System.nanoTime());
    }
    client.newCompleteCommand(job).send().whenComplete((response, failure) -> {
      if (failure != null) {
        failed(failure);
        completionSent.remove(instance);
        return;
      }
      completions.increment();
      if (last) {
        if (recording.get() && t0 != null) {
          instanceLatency.add(System.nanoTime() - t0);
        }
        instancesDone.increment();
        inFlight.release();
      }
    });
  }

  /** A command the engine refused or that failed in transit: counted, and its instance leaves the loop. */
  void failed(Throwable failure) {
    failures.increment();
    lastFailure = failure.toString();
    inFlight.release();
  }
}
