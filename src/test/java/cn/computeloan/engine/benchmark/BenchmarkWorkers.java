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
 * The benchmark's job workers: one {@code @JobWorker} for the ten service tasks of {@code bench10},
 * completing each job over the Camunda client and timing what the benchmark reports.
 */
public class BenchmarkWorkers {

  static final int TASKS = 10;

  final LongAdder completions = new LongAdder();
  final LongAdder instancesDone = new LongAdder();
  final Samples handover = new Samples();
  final Samples instanceLatency = new Samples();
  final AtomicBoolean recording = new AtomicBoolean();
  final Semaphore inFlight = new Semaphore(0);
  /** Per instance: System.nanoTime() when its previous job's completion was sent. */
  private final Map<Long, Long> completionSent = new ConcurrentHashMap<>();

  @JobWorker(type = "bench", autoComplete = false, fetchVariables = "t0")
  public void work(JobClient client, ActivatedJob job, @Variable("t0") Long t0) {
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
    client.newCompleteCommand(job).send().join();
    completions.increment();
    if (last) {
      if (recording.get() && t0 != null) {
        instanceLatency.add(System.nanoTime() - t0);
      }
      instancesDone.increment();
      inFlight.release();
    }
  }
}
