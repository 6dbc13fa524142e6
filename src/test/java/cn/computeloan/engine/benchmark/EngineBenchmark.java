package cn.computeloan.engine.benchmark;

import cn.computeloan.ComputeLoanApplication;
import cn.computeloan.engine.journal.Journal;
import cn.computeloan.engine.processing.EmbeddedEngine;
import cn.computeloan.testsupport.TestPostgres;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Throughput and latency of the embedded engine with durable storage: the application with its
 * engine, journal and read model, real {@code @JobWorker}s over the Camunda client, and a process of
 * ten service tasks. Not a test (surefire skips *Benchmark); run it as docs/benchmarks.md says:
 *
 * <pre>./mvnw -B -ntp test -Dtest=EngineBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.db=h2|postgres</pre>
 *
 * <p>With {@code postgres} the run uses the embedded PostgreSQL of the tests unless
 * {@code COMPUTE_LOAN_TEST_POSTGRES_URL} names a server (as for the figures in docs/benchmarks.md).
 *
 * <p>Instances are created by {@code bench.creators} threads sending asynchronously through the
 * application's Camunda client; the workers ({@link BenchmarkWorkers}) complete jobs asynchronously.
 * Phases: warm-up; saturation (a closed loop keeping {@code bench.window} instances in flight) for
 * instances/s, job completions/s and instance latency; half of that rate, open loop, for the job
 * hand-over latency (previous job's completion sent → next job received by its worker); then history
 * growth: one closed loop to {@code bench.history} completed instances, measured in consecutive
 * blocks of {@code bench.block} instances and judged for flatness ({@link GrowthBlocks}). Every phase
 * also reports the process's CPU time per job completion (client and engine share this JVM), which is
 * far less sensitive to other load on the machine than the rates, that CPU by thread group ({@link
 * ThreadCpu}), and the load average. Results go to stdout ({@code [bench]}) and {@code
 * target/engine-benchmark-<db>.txt}.
 */
class EngineBenchmark {

  private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final String db = System.getProperty("bench.db", "h2");
  private final int window = Integer.getInteger("bench.window", 64);
  private final int seconds = Integer.getInteger("bench.seconds", 20);
  private final int history = Integer.getInteger("bench.history", 20_000);
  /** Instances run before the saturation phase, so that it measures JIT-compiled code. */
  private final int warmUpInstances = Integer.getInteger("bench.warmup", 3_000);
  private final int creators = Integer.getInteger("bench.creators", 4);
  private final int workerCount = Integer.getInteger("bench.workers", BenchmarkWorkers.TASKS);
  private final int threads = Integer.getInteger("bench.threads", 4);
  private final int maxJobsActive = Integer.getInteger("bench.max-jobs-active", 32);
  private final String pollInterval = System.getProperty("bench.poll-interval", "1ms");
  /** Instances per growth block: long enough to hold the periodic work; default history/20 within 1,000–5,000. */
  private final int block = Integer.getInteger("bench.block", Math.max(1_000, Math.min(5_000, history / 20)));
  /** Flatness band around the median growth block (0.20 = ±20 %). */
  private final double band = Double.parseDouble(System.getProperty("bench.band", "0.20"));
  private long snapshotEvery;
  private final String schema = System.getProperty("bench.schema", "engine_bench");
  private final Path h2Folder = Path.of("target", "engine-benchmark-h2");
  private final List<String> report = new ArrayList<>();
  private final AtomicLong created = new AtomicLong();
  private CamundaClient client;
  private BenchmarkWorkers workers;
  private cn.computeloan.engine.query.ReadModel readModel;
  private static EmbeddedEngine engine;

  @Test
  void run() throws Exception {
    if (workerCount != 1 && workerCount != BenchmarkWorkers.TASKS) {
      throw new IllegalArgumentException("bench.workers is 1 (one worker for all tasks) or 10 (one per task)");
    }
    ConfigurableApplicationContext app = start();
    try {
      client = app.getBean(CamundaClient.class);
      workers = app.getBean(BenchmarkWorkers.class);
      readModel = app.getBean(cn.computeloan.engine.query.ReadModel.class);
      engine = app.getBean(EmbeddedEngine.class);
      snapshotEvery = app.getEnvironment().getProperty("compute-loan.engine.snapshot.enabled", Boolean.class, false)
          ? app.getEnvironment().getProperty("compute-loan.engine.snapshot.every-commands", Long.class, 0L) : 0;
      client.newDeployResourceCommand().addResourceStringUtf8(process(), "bench10.bpmn").send().join();
      log("Engine benchmark " + Instant.now() + ", commit " + ProcessInfo.commit() + ", database " + db + ", "
          + Runtime.getRuntime().availableProcessors() + " cores, load average " + ProcessInfo.loadAverage());
      log("  window " + window + " instances, " + seconds + " s per phase, " + creators + " creator threads, "
          + workerCount + " @JobWorker(s), execution-threads " + threads + ", max-jobs-active " + maxJobsActive
          + ", poll-interval " + pollInterval + ", arguments '" + System.getProperty("bench.args", "") + "', JVM "
          + ManagementFactory.getRuntimeMXBean().getInputArguments()
              .stream().filter(a -> a.startsWith("-X")).toList());

      Phase warmUp = closedLoop(false, count(Math.max(warmUpInstances, window * 10)), () -> {});
      log(String.format("warm-up: %,d instances, %.0f job completions/s, %.2f ms CPU per completion (%s)",
          warmUp.instances, warmUp.jobsPerSecond(), warmUp.cpuMillisPerJob(), warmUp.cpuByGroup()));
      double rate = saturation();
      halfLoad(rate / 2);
      growth();
    } finally {
      log("failures: " + workers().failures.sum() + (workers().lastFailure == null ? "" : " (last: "
          + workers().lastFailure + ")"));
      Files.createDirectories(Path.of("target"));
      Files.write(Path.of("target", "engine-benchmark-" + db + ".txt"), report, StandardCharsets.UTF_8);
      app.close();
    }
  }

  private BenchmarkWorkers workers() {
    return workers == null ? new BenchmarkWorkers() : workers;
  }

  private ConfigurableApplicationContext start() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--spring.main.banner-mode=off",
        "--logging.level.root=WARN",
        // one line per snapshot (pause, write time, journal entries deleted), to place them against the blocks
        "--logging.level.cn.computeloan.engine.snapshot.EngineSnapshots=INFO",
        "--camunda.client.execution-threads=" + threads,
        "--camunda.client.worker.defaults.max-jobs-active=" + maxJobsActive,
        // after a poll that returned jobs the client waits poll-interval before the next poll; jobs
        // created in that gap wait for it (docs/benchmarks.md)
        "--camunda.client.worker.defaults.poll-interval=" + pollInterval,
        // only the workers of the chosen mode run (overrides are keyed by job type)
        "--camunda.client.worker.override.bench.enabled=" + (workerCount == 1)));
    for (int i = 1; i <= BenchmarkWorkers.TASKS; i++) {
      args.add("--camunda.client.worker.override.bench-" + i + ".enabled=" + (workerCount != 1));
    }
    // further application properties, e.g. -Dbench.args=--compute-loan.engine.journal.commit-linger=1ms
    for (String extra : System.getProperty("bench.args", "").split("\\s+")) {
      if (!extra.isBlank()) {
        args.add(extra);
      }
    }
    if (db.equals("postgres")) {
      // bench.schema: a schema of its own, so that two runs on one PostgreSQL do not drop each other's tables
      TestPostgres.Schema postgres = TestPostgres.recreateSchema(schema);
      log("PostgreSQL: " + TestPostgres.describe());
      // the application name finds this run's backends, whose CPU is counted with the process's (ThreadCpu)
      String name = "engine-bench-" + ProcessHandle.current().pid();
      ThreadCpu.countOutside(() -> ProcessInfo.postgresBackends(name));
      args.add("--spring.datasource.url=" + postgres.url() + "&ApplicationName=" + name);
      args.add("--spring.datasource.username=" + postgres.user());
      args.add("--spring.datasource.password=" + postgres.password());
      args.add("--spring.flyway.schemas=" + schema);
    } else {
      Path folder = h2Folder;
      if (Files.exists(folder)) {
        try (var files = Files.walk(folder)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      args.add("--spring.datasource.url=jdbc:h2:file:" + folder.toAbsolutePath().resolve("bench")
          + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=FALSE");
    }
    return new SpringApplicationBuilder(ComputeLoanApplication.class, BenchmarkWorkers.class)
        .run(args.toArray(String[]::new));
  }

  private String process() {
    AbstractFlowNodeBuilder<?, ?> builder = Bpmn.createExecutableProcess("bench10").startEvent("start");
    for (int i = 1; i <= BenchmarkWorkers.TASKS; i++) {
      String type = workerCount == 1 ? "bench" : "bench-" + i;
      builder = builder.serviceTask("task" + i, t -> t.zeebeJobType(type));
    }
    return Bpmn.convertToString(builder.endEvent("end").done());
  }

  /** Sends one creation without waiting for it; a refused creation counts as a failure and frees its slot. */
  private void create() {
    created.incrementAndGet();
    client.newCreateInstanceCommand().bpmnProcessId("bench10").latestVersion()
        .variables(Map.of("t0", System.nanoTime())).send()
        .whenComplete((instance, failure) -> {
          if (failure != null) {
            created.decrementAndGet();
            workers.failed(failure);
          }
        });
  }

  private BooleanSupplier count(long instances) {
    long target = workers.instancesDone.sum() + instances;
    return () -> workers.instancesDone.sum() >= target;
  }

  /**
   * Keeps {@code window} instances in flight, created by {@code creators} threads, until {@code done};
   * measures up to that moment, then lets the instances in flight finish; calls {@code tick} every few
   * milliseconds on this thread while the loop runs.
   */
  private Phase closedLoop(boolean record, BooleanSupplier done, Runnable tick) throws InterruptedException {
    workers.recording.set(record);
    workers.inFlight.drainPermits();
    Phase phase = new Phase(workers);
    workers.inFlight.release(window);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < creators; i++) {
      Thread creator = new Thread(() -> {
        try {
          while (!done.getAsBoolean() && !phase.stalled(workers)) {
            if (workers.inFlight.tryAcquire(20, TimeUnit.MILLISECONDS)) {
              create();
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "bench-creator-" + i);
      creator.start();
      threads.add(creator);
    }
    for (Thread creator : threads) {
      while (creator.isAlive()) {
        tick.run();
        creator.join(5);
      }
    }
    phase.end(workers);
    if (phase.stalled(workers)) {
      log("STALLED: no job completion for 30 s (" + workers.failures.sum() + " failures so far); phase cut short");
    }
    workers.inFlight.drainPermits();
    awaitQuiet();
    workers.recording.set(false);
    return phase;
  }

  /** Waits (at most 60 s) until every created instance has completed or failed. */
  private void awaitQuiet() throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (workers.instancesDone.sum() + workers.failures.sum() < created.get() && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    long missing = created.get() - workers.instancesDone.sum() - workers.failures.sum();
    if (missing > 0) {
      log("WARNING: " + missing + " instances still running 60 s after the phase ended");
    }
  }

  private double saturation() throws InterruptedException {
    workers.instanceLatency.clear();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    Phase phase = closedLoop(true, () -> System.nanoTime() >= end, () -> {});
    log(String.format("saturation: %.0f instances/s, %.0f job completions/s, %.2f ms CPU per completion (%s); "
            + "instance latency p50 %.1f ms p99 %.1f ms (%d in flight); %s; load average %s",
        phase.instancesPerSecond(), phase.jobsPerSecond(), phase.cpuMillisPerJob(), phase.cpuByGroup(),
        workers.instanceLatency.percentileMillis(50), workers.instanceLatency.percentileMillis(99), window,
        phase.journal(), ProcessInfo.loadAverage()));
    return phase.instancesPerSecond();
  }

  /** Open loop at {@code instancesPerSecond}, spread over the creator threads, for the hand-over latency. */
  private void halfLoad(double instancesPerSecond) throws InterruptedException {
    workers.handover.clear();
    workers.instanceLatency.clear();
    workers.recording.set(true);
    Phase phase = new Phase(workers);
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    long intervalNanos = (long) (1e9 * creators / Math.max(instancesPerSecond, 0.1));
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < creators; i++) {
      long first = start + intervalNanos * i / creators;
      Thread creator = new Thread(() -> {
        try {
          for (long next = first; next < end; next += intervalNanos) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
              TimeUnit.NANOSECONDS.sleep(wait);
            }
            create();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "bench-open-loop-" + i);
      creator.start();
      threads.add(creator);
    }
    for (Thread creator : threads) {
      creator.join();
    }
    phase.end(workers);
    awaitQuiet();
    workers.recording.set(false);
    log(String.format("half load (%.0f instances/s offered): %.0f job completions/s, %.2f ms CPU per completion (%s); "
            + "job hand-over p50 %.1f ms p99 %.1f ms (%d samples); instance latency p50 %.1f ms p99 %.1f ms; "
            + "%s; load average %s", instancesPerSecond, phase.jobsPerSecond(), phase.cpuMillisPerJob(),
        phase.cpuByGroup(),
        workers.handover.percentileMillis(50), workers.handover.percentileMillis(99), workers.handover.count(),
        workers.instanceLatency.percentileMillis(50), workers.instanceLatency.percentileMillis(99), phase.journal(),
        ProcessInfo.loadAverage()));
  }

  /**
   * One closed loop from the history reached so far to {@code bench.history} completed instances, cut
   * into consecutive blocks of {@code bench.block} instances, each measured (GrowthBlocks); then the
   * flatness verdict against the median block and the heap after a full GC.
   */
  private void growth() throws InterruptedException {
    long left = history - workers.instancesDone.sum();
    if (left < block / 2) {
      log(String.format("growth: skipped, the history already has %,d of bench.history %,d instances",
          workers.instancesDone.sum(), history));
      return;
    }
    log(String.format("growth: one closed loop from %,d to %,d completed instances, blocks of %,d instances, band "
        + "±%.0f%% around the median block", workers.instancesDone.sum(), history, block, 100 * band));
    GrowthBlocks blocks = new GrowthBlocks(block, workers.instancesDone::sum, workers.completions::sum,
        engine::journalStatistics, () -> readModel.documentsInMemory().values().stream().mapToInt(Integer::intValue)
            .sum(), () -> ProcessInfo.databaseMiB(db, h2Folder.resolve("bench.mv.db"), schema), snapshotEvery,
        this::log);
    closedLoop(false, count(left), blocks::tick);
    blocks.finish();
    blocks.verdict(band);
    System.gc();
    log(String.format("growth end: heap after a full GC %d MiB; resident %d MiB; load average %s",
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20, ProcessInfo.residentMiB(),
        ProcessInfo.loadAverage()));
  }

  /** Counters at the start of a phase and their deltas at its end; CPU time of the whole process. */
  private static final class Phase {
    private final long jobs0;
    private final long done0;
    private final long cpu0 = ThreadCpu.processCpuNanos();
    private final ThreadCpu threads0 = ThreadCpu.now();
    private java.util.Map<String, Double> byGroup;
    private final Journal.Statistics journal0 = engine.journalStatistics();
    private Journal.Statistics journal;
    private final long start = System.nanoTime();
    private volatile long lastProgress = start;
    private volatile long lastCount;
    long instances;
    long jobs;
    double elapsed;
    long cpu;

    Phase(BenchmarkWorkers workers) {
      jobs0 = workers.completions.sum();
      done0 = workers.instancesDone.sum();
      lastCount = jobs0;
    }

    boolean stalled(BenchmarkWorkers workers) {
      long now = System.nanoTime();
      long count = workers.completions.sum();
      if (count != lastCount) {
        lastCount = count;
        lastProgress = now;
      }
      return now - lastProgress > STALL_NANOS;
    }

    void end(BenchmarkWorkers workers) {
      elapsed = (System.nanoTime() - start) / 1e9;
      jobs = workers.completions.sum() - jobs0;
      instances = workers.instancesDone.sum() - done0;
      cpu = ThreadCpu.processCpuNanos() - cpu0;
      byGroup = ThreadCpu.now().millisByGroupSince(threads0);
      Journal.Statistics now = engine.journalStatistics();
      journal = new Journal.Statistics(now.entries() - journal0.entries(), now.commits() - journal0.commits(),
          now.payloadChars() - journal0.payloadChars());
    }

    /** The group commit: journal entries per commit, and journal entries per job completion. */
    String journal() {
      return String.format("journal %.1f entries per commit, %.2f entries per completion", journal.entries()
          / (double) Math.max(1, journal.commits()), journal.entries() / (double) Math.max(1, jobs));
    }

    double jobsPerSecond() {
      return jobs / elapsed;
    }

    double instancesPerSecond() {
      return instances / elapsed;
    }

    double cpuMillisPerJob() {
      return jobs == 0 ? Double.NaN : cpu / 1e6 / jobs;
    }

    /** CPU per completion by thread group (ThreadCpu), in ms. */
    String cpuByGroup() {
      return ThreadCpu.perCompletion(byGroup, jobs);
    }
  }

  private void log(String line) {
    System.out.println("[bench] " + line);
    report.add(line);
  }
}
