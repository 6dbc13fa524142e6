package cn.computeloan.engine.benchmark;

import cn.computeloan.ComputeLoanApplication;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Throughput and latency of the embedded engine with durable storage: the application with its
 * engine, journal and read model, real {@code @JobWorker}s over the Camunda client, and a process of
 * ten service tasks. Not a test (surefire skips *Benchmark); run it as docs/benchmarks.md says:
 *
 * <pre>./mvnw -B -ntp test -Dtest=EngineBenchmark -Dbench.db=h2|postgres [-Dbench.history=20000]</pre>
 *
 * <p>Phases: warm-up; saturation (a closed loop keeping {@code bench.window} instances in flight)
 * for instances/s, job completions/s and instance latency; half of that rate, open loop, for the job
 * hand-over latency (previous job's completion sent → next job received by the waiting worker);
 * then history growth to {@code bench.history} completed instances, with throughput, heap and
 * resident memory at each step. Results go to stdout and {@code target/engine-benchmark-<db>.txt}.
 */
class EngineBenchmark {

  private final String db = System.getProperty("bench.db", "h2");
  private final int window = Integer.getInteger("bench.window", 64);
  private final int seconds = Integer.getInteger("bench.seconds", 20);
  private final int history = Integer.getInteger("bench.history", 20_000);
  private final List<String> report = new ArrayList<>();
  private CamundaClient client;
  private BenchmarkWorkers workers;
  private cn.computeloan.engine.query.ReadModel readModel;
  private int created;

  @Test
  void run() throws Exception {
    ConfigurableApplicationContext app = start();
    try {
      client = app.getBean(CamundaClient.class);
      workers = app.getBean(BenchmarkWorkers.class);
      readModel = app.getBean(cn.computeloan.engine.query.ReadModel.class);
      client.newDeployResourceCommand().addResourceStringUtf8(process(), "bench10.bpmn").send().join();
      log("Engine benchmark, database " + db + ", " + Runtime.getRuntime().availableProcessors() + " cores, window "
          + window + ", " + seconds + " s per phase");

      closedLoop(Math.max(500, window * 10), false); // warm-up
      double rate = saturation();
      halfLoad(rate / 2);
      growth();
    } finally {
      Files.write(Path.of("target", "engine-benchmark-" + db + ".txt"), report, StandardCharsets.UTF_8);
      app.close();
    }
  }

  private ConfigurableApplicationContext start() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--spring.main.banner-mode=off",
        "--logging.level.root=WARN", "--camunda.client.execution-threads=8",
        "--camunda.client.worker.defaults.max-jobs-active=64",
        // after a poll that returned jobs the client waits poll-interval (default 100 ms) before the next
        // poll; jobs created in that gap wait for it (docs/benchmarks.md)
        "--camunda.client.worker.defaults.poll-interval=1ms"));
    if (db.equals("postgres")) {
      String schema = "engine_bench";
      try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        s.execute("CREATE SCHEMA " + schema);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
      args.add("--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema);
      args.add("--spring.datasource.username=postgres");
      args.add("--spring.flyway.schemas=" + schema);
    } else {
      Path folder = Path.of("target", "engine-benchmark-h2");
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

  private static String process() {
    AbstractFlowNodeBuilder<?, ?> builder = Bpmn.createExecutableProcess("bench10").startEvent("start");
    for (int i = 1; i <= BenchmarkWorkers.TASKS; i++) {
      builder = builder.serviceTask("task" + i, t -> t.zeebeJobType("bench"));
    }
    return Bpmn.convertToString(builder.endEvent("end").done());
  }

  private void create() {
    created++;
    client.newCreateInstanceCommand().bpmnProcessId("bench10").latestVersion()
        .variables(Map.of("t0", System.nanoTime())).send();
  }

  /** Keeps {@code window} instances in flight until {@code count} more have completed. */
  private void closedLoop(int count, boolean record) throws InterruptedException {
    workers.recording.set(record);
    long target = workers.instancesDone.sum() + count;
    workers.inFlight.drainPermits();
    for (int i = 0; i < window; i++) {
      create();
    }
    while (workers.instancesDone.sum() < target) {
      if (workers.inFlight.tryAcquire(5, TimeUnit.SECONDS)) {
        create();
      }
    }
    awaitQuiet();
  }

  private void awaitQuiet() throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (workers.instancesDone.sum() < created && System.nanoTime() < end) {
      Thread.sleep(20);
    }
  }

  private double saturation() throws InterruptedException {
    workers.instanceLatency.clear();
    workers.recording.set(true);
    workers.inFlight.drainPermits();
    for (int i = 0; i < window; i++) {
      create();
    }
    long jobs0 = workers.completions.sum();
    long done0 = workers.instancesDone.sum();
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      if (workers.inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
        create();
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    double instances = (workers.instancesDone.sum() - done0) / elapsed;
    double jobs = (workers.completions.sum() - jobs0) / elapsed;
    workers.recording.set(false);
    awaitQuiet();
    log(String.format("saturation: %.0f instances/s, %.0f job completions/s, instance latency p50 %.1f ms p99 %.1f ms",
        instances, jobs, workers.instanceLatency.percentileMillis(50), workers.instanceLatency.percentileMillis(99)));
    return instances;
  }

  private void halfLoad(double instancesPerSecond) throws InterruptedException {
    workers.handover.clear();
    workers.instanceLatency.clear();
    workers.recording.set(true);
    long jobs0 = workers.completions.sum();
    long start = System.nanoTime();
    long intervalNanos = (long) (1e9 / instancesPerSecond);
    long next = start;
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    while (next < end) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      create();
      next += intervalNanos;
    }
    double jobs = (workers.completions.sum() - jobs0) / ((System.nanoTime() - start) / 1e9);
    awaitQuiet();
    workers.recording.set(false);
    log(String.format("half load (%.0f instances/s offered, %.0f job completions/s): job hand-over p50 %.1f ms "
            + "p99 %.1f ms (%d samples); instance latency p50 %.1f ms p99 %.1f ms", instancesPerSecond, jobs,
        workers.handover.percentileMillis(50), workers.handover.percentileMillis(99), workers.handover.count(),
        workers.instanceLatency.percentileMillis(50), workers.instanceLatency.percentileMillis(99)));
  }

  private void growth() throws InterruptedException {
    int[] steps = {1_000, 5_000, 10_000, 20_000, 50_000, 100_000};
    for (int step : steps) {
      if (step > history) {
        break;
      }
      long missing = step - workers.instancesDone.sum();
      if (missing > 0) {
        closedLoop((int) missing, false);
      }
      long jobs0 = workers.completions.sum();
      long start = System.nanoTime();
      closedLoop(Math.max(1000, window * 20), false);
      double elapsed = (System.nanoTime() - start) / 1e9;
      System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      int inMemory = readModel.documentsInMemory().values().stream().mapToInt(Integer::intValue).sum();
      log(String.format("history %,d completed instances: %.0f job completions/s; heap after GC %d MiB; resident %d MiB;"
              + " read-model documents in memory %,d", workers.instancesDone.sum(),
          (workers.completions.sum() - jobs0) / elapsed, heap >> 20, residentMiB(), inMemory));
    }
  }

  private static long residentMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  private void log(String line) {
    System.out.println("[bench] " + line);
    report.add(line);
  }
}
