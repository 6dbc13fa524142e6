package cn.computeloan.workspace.memo;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.ComputeLoanApplication;
import cn.computeloan.application.ApiClient;
import cn.computeloan.credit.TestData;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The credit memo of a case whose automated steps are all recorded (the data-centre project loan,
 * 3 years, 11 factors, 3 guarantees, a 9-year repayment plan): {@code GET /applications/{id}/memo.pdf}
 * and the HTML page, one request at a time after {@code bench.warmup} requests; target: PDF < 2 s.
 * The first PDF of a JVM also reads the font (reported apart).
 *
 * <p>Not part of the test suite (surefire excludes *Benchmark). Run:
 * {@code ./mvnw -B -q -ntp test -Dtest=CreditMemoBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
class CreditMemoBenchmark {

  private static final int WARMUP = Integer.getInteger("bench.warmup", 10);
  private static final int REQUESTS = Integer.getInteger("bench.requests", 50);

  @Test
  void measureTheMemo() throws Exception {
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ComputeLoanApplication.class).run(
        "--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
        "--spring.datasource.url=jdbc:h2:mem:memo-bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "--compute-loan.security.dev-password=" + ApiClient.DEV_PASSWORD,
        "--compute-loan.engine.snapshot.enabled=false")) {
      int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
      ApiClient api = new ApiClient(port);
      ApiClient.Response submitted = api.send("intake", "POST", "/api/applications",
          TestData.json(TestData.DATA_CENTRE).toString(), "Idempotency-Key", UUID.randomUUID().toString());
      assertThat(submitted.status()).isEqualTo(201);
      String id = submitted.json().path("applicationId").asText();
      JdbcClient jdbc = app.getBean(JdbcClient.class);
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
          "SELECT COUNT(*) FROM application_step WHERE application_id = ? AND step = 'REPAYMENT_PLAN'").param(id)
          .query(Long.class).single() > 0);

      HttpClient http = HttpClient.newHttpClient();
      String pdf = "/applications/" + id + "/memo.pdf";
      long first = System.nanoTime();
      int size = get(http, api, pdf);
      System.out.printf("%n== credit memo benchmark (application %s)%n", id);
      System.out.printf("first PDF of the JVM (reads the font): %.1f ms, %,d bytes%n", (System.nanoTime() - first) / 1e6,
          size);
      report("GET " + "/applications/{id}/memo.pdf", measure(http, api, pdf));
      report("GET " + "/applications/{id}/memo (HTML)", measure(http, api, "/applications/" + id + "/memo"));
    }
  }

  private static int get(HttpClient http, ApiClient api, String path) throws Exception {
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(api.uri(path))
        .header("Authorization", ApiClient.basic("auditor", ApiClient.DEV_PASSWORD)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body().length;
  }

  private static long[] measure(HttpClient http, ApiClient api, String path) throws Exception {
    for (int i = 0; i < WARMUP; i++) {
      get(http, api, path);
    }
    long[] micros = new long[REQUESTS];
    for (int i = 0; i < REQUESTS; i++) {
      long t = System.nanoTime();
      get(http, api, path);
      micros[i] = (System.nanoTime() - t) / 1_000;
    }
    return micros;
  }

  private static void report(String what, long[] micros) {
    long[] sorted = micros.clone();
    Arrays.sort(sorted);
    System.out.printf("%-40s n=%d  p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms%n", what, sorted.length,
        sorted[sorted.length / 2] / 1000.0, sorted[Math.min(sorted.length - 1, (int) Math.ceil(0.95 * sorted.length) - 1)]
            / 1000.0, sorted[sorted.length - 1] / 1000.0);
  }
}
