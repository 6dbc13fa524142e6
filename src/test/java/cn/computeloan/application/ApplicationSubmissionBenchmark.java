package cn.computeloan.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.ComputeLoanApplication;
import cn.computeloan.application.audit.AuditTrail;
import cn.computeloan.application.audit.ChainVerification;
import cn.computeloan.credit.TestData;
import cn.computeloan.testsupport.TestPostgres;
import io.camunda.client.CamundaClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Load run of {@code POST /api/applications}: an open-loop generator sends submissions at a fixed
 * rate (each with its own Idempotency-Key), measures latency from the moment each request was due
 * (so a stalled server cannot hide its queue), then checks that every acknowledged submission is
 * stored exactly once, has its process instance and an intact audit chain. Not part of the test
 * suite (surefire excludes *Benchmark); run it with
 *
 * <pre>
 * ./mvnw -B -q -ntp test -Dtest=ApplicationSubmissionBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbenchmark.rate=50 -Dbenchmark.duration=PT5M -Dbenchmark.database=h2|postgres
 * </pre>
 *
 * With postgres: the tests' embedded PostgreSQL, or the server {@code COMPUTE_LOAN_TEST_POSTGRES_URL} names.
 *
 * The application runs in this JVM with its embedded engine and the test stand-in of the approval
 * process (one user task per instance), as the default deployment does.
 */
class ApplicationSubmissionBenchmark {

  @Test
  void submitAtFixedRate() throws Exception {
    int rate = Integer.getInteger("benchmark.rate", 50);
    Duration duration = Duration.parse(System.getProperty("benchmark.duration", "PT60S"));
    Duration warmUp = Duration.parse(System.getProperty("benchmark.warm-up", "PT15S"));
    String database = System.getProperty("benchmark.database", "h2");
    TestPostgres.Schema postgres = database.equals("postgres") ? TestPostgres.newSchema("app_bench") : null;
    List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
        "--compute-loan.security.dev-password=" + ApiClient.DEV_PASSWORD, "--logging.level.root=WARN"));
    if (database.equals("postgres")) {
      System.out.println("PostgreSQL: " + TestPostgres.describe());
      args.addAll(List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + postgres.url(),
          "--spring.datasource.username=" + postgres.user(), "--spring.datasource.password=" + postgres.password(),
          "--spring.flyway.schemas=" + postgres.name()));
    } else {
      args.add("--spring.datasource.url=jdbc:h2:mem:bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    }
    ConfigurableApplicationContext app = new SpringApplicationBuilder(ComputeLoanApplication.class)
        .run(args.toArray(String[]::new));
    try {
      app.getBean(CamundaClient.class).newDeployResourceCommand()
          .addResourceFromClasspath("application-it/compute-loan-approval.bpmn").send().join();
      int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
      String body = TestData.json(TestData.AIGC).toString();
      HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16)).build();
      URI uri = URI.create("http://localhost:" + port + "/api/applications");
      String auth = ApiClient.basic("intake", ApiClient.DEV_PASSWORD);

      run(http, uri, auth, body, rate, warmUp, "warm-up");
      Result result = run(http, uri, auth, body, rate, duration, "measured");

      JdbcClient jdbc = app.getBean(JdbcClient.class);
      AuditTrail audit = app.getBean(AuditTrail.class);
      long duplicates = jdbc.sql("SELECT COUNT(*) FROM (SELECT idempotency_key FROM loan_application "
          + "GROUP BY idempotency_key HAVING COUNT(*) > 1) d").query(Long.class).single();
      int stored = 0;
      int withProcess = 0;
      int intact = 0;
      for (String key : result.acknowledged().keySet()) {
        List<Map<String, Object>> rows = jdbc.sql("SELECT id, process_instance_key FROM loan_application WHERE idempotency_key = ?")
            .param(key).query().listOfRows();
        stored += rows.size();
        if (rows.size() == 1 && rows.get(0).get("process_instance_key") != null) {
          withProcess++;
          ChainVerification v = audit.verify((String) rows.get(0).get("id")).orElseThrow();
          intact += v.intact() ? 1 : 0;
        }
      }
      System.out.printf("%n== ApplicationSubmissionBenchmark (%s) ==%n", database);
      System.out.printf("target rate %d/s for %s: sent %d, acknowledged (201) %d, errors %d, achieved %.1f/s%n",
          rate, duration, result.sent(), result.acknowledged().size(), result.errors().get(), result.achievedRate());
      System.out.printf("latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n", result.percentile(50),
          result.percentile(95), result.percentile(99), result.percentile(100));
      System.out.printf("acknowledged stored exactly once: %d of %d; with process instance: %d; intact audit chains: %d;"
          + " duplicated keys in the table: %d%n", stored, result.acknowledged().size(), withProcess, intact, duplicates);
      System.out.printf("targets (p99 < 100 ms, zero errors): %s%n%n",
          result.percentile(99) < 100 && result.errors().get() == 0 ? "met" : "NOT met");

      assertThat(result.errors()).hasValue(0);
      assertThat(stored).isEqualTo(result.acknowledged().size());
      assertThat(withProcess).isEqualTo(result.acknowledged().size());
      assertThat(intact).isEqualTo(result.acknowledged().size());
      assertThat(duplicates).isZero();
    } finally {
      app.close();
      if (postgres != null) {
        postgres.close();
      }
    }
  }

  record Result(int sent, Map<String, Long> acknowledged, AtomicInteger errors, List<Double> latenciesMs,
      double achievedRate) {
    double percentile(double p) {
      if (latenciesMs.isEmpty()) {
        return Double.NaN;
      }
      List<Double> sorted = new ArrayList<>(latenciesMs);
      Collections.sort(sorted);
      int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
      return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
  }

  private static Result run(HttpClient http, URI uri, String auth, String body, int rate, Duration duration,
      String phase) throws Exception {
    int total = (int) (rate * duration.toMillis() / 1000);
    long intervalNanos = 1_000_000_000L / rate;
    Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger errors = new AtomicInteger();
    List<CompletableFuture<?>> inFlight = Collections.synchronizedList(new ArrayList<>());
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    long start = System.nanoTime();
    AtomicInteger sent = new AtomicInteger();
    ticker.scheduleAtFixedRate(() -> {
      int i = sent.getAndIncrement();
      if (i >= total) {
        return;
      }
      long due = start + i * intervalNanos;
      String key = phase + "-" + UUID.randomUUID();
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json").header("Authorization", auth).header("Idempotency-Key", key)
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
        double ms = (System.nanoTime() - due) / 1e6;
        if (e == null && r.statusCode() == 201) {
          acknowledged.put(key, System.nanoTime());
          latencies.add(ms);
        } else {
          errors.incrementAndGet();
          System.out.println("error: " + (e != null ? e : r.statusCode() + " " + r.body()));
        }
      }));
    }, 0, intervalNanos, TimeUnit.NANOSECONDS);
    while (sent.get() < total) {
      Thread.sleep(50);
    }
    ticker.shutdownNow();
    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).handle((r, e) -> null).join();
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(total, acknowledged, errors, latencies, acknowledged.size() / seconds);
  }
}
