package cn.computeloan.engine.benchmark;

import cn.computeloan.engine.EngineSchema;
import cn.computeloan.engine.api.ActivateJobsCommand;
import cn.computeloan.engine.api.ActivatedJob;
import cn.computeloan.engine.api.CreateInstanceCommand;
import cn.computeloan.engine.api.DeploymentResource;
import cn.computeloan.engine.api.JobResult;
import cn.computeloan.engine.journal.JdbcJournal;
import cn.computeloan.engine.processing.EmbeddedEngine;
import cn.computeloan.engine.snapshot.EngineSnapshots;
import cn.computeloan.engine.query.ReadModel;
import cn.computeloan.engine.snapshot.SnapshotSettings;
import cn.computeloan.engine.snapshot.SnapshotStore;
import cn.computeloan.testsupport.TestPostgres;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Restart time with and without a snapshot, snapshot size, the time to take one and the engine's
 * pause while it is taken. Builds a journal by running {@code bench.instances} instances of a
 * 10-service-task process to completion in-process (no HTTP), leaves {@code bench.active} instances
 * active (half of them with an activated job), then measures:
 *
 * <pre>./mvnw -B -ntp test -Dtest=SnapshotBenchmark -Dbench.db=h2|postgres -Dbench.instances=10000 [-Dbench.archive=true] -DargLine=-Xmx2g</pre>
 *
 * <p>With {@code postgres} the run uses the embedded PostgreSQL of the tests unless
 * {@code COMPUTE_LOAN_TEST_POSTGRES_URL} names a server.
 *
 * <p>Results are printed with the prefix {@code [snapshot-bench]} and written to
 * {@code target/snapshot-benchmark-<db>.txt}. Not a test: surefire skips {@code *Benchmark} classes.
 */
class SnapshotBenchmark {

  private static final String TYPE = "work";
  private final String db = System.getProperty("bench.db", "h2");
  private final int instances = Integer.getInteger("bench.instances", 10_000);
  private final int active = Integer.getInteger("bench.active", 1_000);
  private final int threads = Integer.getInteger("bench.threads", 4);
  /** With the history archive: finished trees move to the database, memory holds the active ones. */
  private final boolean archive = Boolean.getBoolean("bench.archive");
  private final List<String> lines = new ArrayList<>();
  /** The database password: empty for H2, the test PostgreSQL's otherwise. */
  private static String password = "";
  private final SnapshotSettings manual = new SnapshotSettings(0, Duration.ZERO, false, false, 2);

  @Test
  void measure() throws Exception {
    String url;
    String user;
    String schema = "engine_snapshot_bench";
    TestPostgres.Schema postgres = null;
    if (db.equals("postgres")) {
      postgres = TestPostgres.recreateSchema(schema);
      lines.add("PostgreSQL: " + TestPostgres.describe());
      url = postgres.url();
      user = postgres.user();
      password = postgres.password();
    } else {
      Path dir = Path.of("target/snapshot-benchmark-h2");
      deleteRecursively(dir);
      url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("engine")
          + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
      user = "sa";
    }
    var flyway = Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration");
    if (db.equals("postgres")) {
      flyway.schemas(schema);
    }
    flyway.load().migrate();
    EngineSchema.migrate(new org.springframework.jdbc.datasource.DriverManagerDataSource(url, user, password),
        db.equals("postgres") ? schema : null);

    try (HikariDataSource ds = pool(url, user)) {
      EmbeddedEngine engine = start(ds);
      build(engine);
      engine.close();
    }
    report("journal entries", count(url, user, "SELECT COUNT(*) FROM engine_journal"));

    EngineSnapshots.Taken taken;
    try (HikariDataSource ds = pool(url, user)) {
      EmbeddedEngine engine = start(ds);
      taken = engine.snapshotNow();
      engine.close();
    }
    report("snapshot: engine pause while the state is copied (µs)", taken.pauseMicros());
    report("snapshot: of which copying the read model (µs)", taken.participantsMicros());
    report("snapshot: written (JSON, gzip, database) after the pause (ms)", taken.writeMillis());
    report("snapshot: compressed size (bytes)", taken.sizeBytes());

    // alternating, twice, so that a change in the machine's load affects both alike
    for (int round = 1; round <= 2; round++) {
      report("round " + round + ": restart, whole journal replayed, with read model (ms)", timedStart(url, user, false, true));
      report("round " + round + ": restart from the snapshot, with read model (ms)", timedStart(url, user, true, true));
      report("round " + round + ": restart, whole journal replayed, engine only (ms)", timedStart(url, user, false, false));
      report("round " + round + ": restart from the snapshot, engine only (ms)", timedStart(url, user, true, false));
    }

    try (HikariDataSource ds = pool(url, user)) {
      EmbeddedEngine engine = new EmbeddedEngine(Clock.systemUTC(), new JdbcJournal(ds), new SnapshotStore(ds),
          new SnapshotSettings(0, Duration.ZERO, false, true, 1));
      engine.addRecordListener(readModel(engine, ds));
      engine.start();
      runMore(engine, 200);
      EngineSnapshots.Taken compacted = engine.snapshotNow();
      report("compaction: journal entries deleted", compacted.journalDeleted());
      engine.close();
    }
    report("journal entries after compaction", count(url, user, "SELECT COUNT(*) FROM engine_journal"));
    long afterCompaction = timedStart(url, user, true, true);
    report("restart after compaction (ms)", afterCompaction);

    // What a snapshot costs once finished history is no longer in memory: an engine without read model
    try (HikariDataSource ds = pool(url, user)) {
      EmbeddedEngine engine = new EmbeddedEngine(Clock.systemUTC(), new JdbcJournal(ds), new SnapshotStore(ds), manual);
      engine.start();
      runMore(engine, 100);
      EngineSnapshots.Taken engineOnly = engine.snapshotNow();
      report("engine-only snapshot (no read model): pause (µs)", engineOnly.pauseMicros());
      report("engine-only snapshot (no read model): written after the pause (ms)", engineOnly.writeMillis());
      report("engine-only snapshot (no read model): compressed size (bytes)", engineOnly.sizeBytes());
      engine.close();
    }
    report("restart from the engine-only snapshot, engine only (ms)", timedStart(url, user, true, false));

    Files.write(Path.of("target/snapshot-benchmark-" + db + ".txt"), lines);
    if (postgres != null) {
      postgres.close();
    }
  }

  private EmbeddedEngine start(HikariDataSource ds) {
    EmbeddedEngine engine = new EmbeddedEngine(Clock.systemUTC(), new JdbcJournal(ds), new SnapshotStore(ds), manual);
    engine.addRecordListener(readModel(engine, ds));
    engine.start();
    return engine;
  }

  private ReadModel readModel(EmbeddedEngine engine, HikariDataSource ds) {
    ReadModel readModel = archive ? new ReadModel(ds) : new ReadModel();
    readModel.durabilityBarrier(engine::awaitJournalled);
    return readModel;
  }

  /**
   * Starts an engine on the database and returns how long {@code start()} took: from the newest
   * snapshot or (without a snapshot store) from the whole journal; with or without a read model (a
   * snapshot without a read model restores only the engine's state, which is what it would hold
   * once finished history no longer lives in memory).
   */
  private long timedStart(String url, String user, boolean snapshot, boolean readModel) {
    System.gc();
    try (HikariDataSource ds = pool(url, user)) {
      EmbeddedEngine engine = snapshot
          ? new EmbeddedEngine(Clock.systemUTC(), new JdbcJournal(ds), new SnapshotStore(ds), manual)
          : new EmbeddedEngine(Clock.systemUTC(), new JdbcJournal(ds));
      if (readModel) {
        engine.addRecordListener(readModel(engine, ds));
      }
      long begin = System.nanoTime();
      engine.start();
      long millis = (System.nanoTime() - begin) / 1_000_000;
      engine.close();
      return millis;
    }
  }

  private void build(EmbeddedEngine engine) throws Exception {
    AbstractFlowNodeBuilder<?, ?> builder = Bpmn.createExecutableProcess("snap10").startEvent("start");
    for (int i = 1; i <= 10; i++) {
      builder = builder.serviceTask("task" + i, t -> t.zeebeJobType(TYPE));
    }
    String bpmn = Bpmn.convertToString(builder.endEvent("end").done());
    engine.deploy(List.of(new DeploymentResource("snap10.bpmn", bpmn.getBytes(StandardCharsets.UTF_8))), "<default>");
    long begin = System.nanoTime();
    runMore(engine, instances);
    report("build: instances run to completion", instances);
    report("build: time (s)", (System.nanoTime() - begin) / 1_000_000_000);
    for (int i = 0; i < active; i++) {
      create(engine, i);
    }
    activate(engine, active / 2);
    report("active instances left (half with an activated job)", active);
  }

  /** Runs {@code count} instances to completion with {@code threads} threads, each creating and working. */
  private void runMore(EmbeddedEngine engine, int count) throws Exception {
    AtomicInteger started = new AtomicInteger();
    AtomicInteger jobsDone = new AtomicInteger();
    int totalJobs = count * 10;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        while (jobsDone.get() < totalJobs) {
          int n = started.getAndIncrement();
          if (n < count) {
            create(engine, n);
          }
          List<ActivatedJob> jobs = engine.activateJobs(new ActivateJobsCommand(TYPE, "bench", 600_000, 16, 100,
              List.of(), List.of())).join();
          for (ActivatedJob job : jobs) {
            engine.completeJob(job.jobKey(), Map.of("done" + job.elementId(), true), JobResult.none());
            jobsDone.incrementAndGet();
          }
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
  }

  private static void create(EmbeddedEngine engine, int n) {
    engine.createProcessInstance(new CreateInstanceCommand(-1, "snap10", -1,
        Map.of("applicationId", "A-" + n, "amount", 100_000L + n), List.of(), false, 0, List.of(), "<default>")).join();
  }

  private static void activate(EmbeddedEngine engine, int count) {
    int done = 0;
    while (done < count) {
      done += engine.activateJobs(new ActivateJobsCommand(TYPE, "bench", 600_000, Math.min(100, count - done), 0,
          List.of(), List.of())).join().size();
    }
  }

  private static HikariDataSource pool(String url, String user) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }

  private static long count(String url, String user, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private void report(String what, long value) {
    String line = "[snapshot-bench] db=" + db + (archive ? " archive" : "") + " " + what + ": " + value;
    System.out.println(line);
    lines.add(line);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
