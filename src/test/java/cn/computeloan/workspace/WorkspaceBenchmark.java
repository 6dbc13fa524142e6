package cn.computeloan.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.ComputeLoanApplication;
import cn.computeloan.application.ApiClient;
import cn.computeloan.application.store.ApplicationStore;
import cn.computeloan.application.store.StoredApplication;
import cn.computeloan.process.ApplicationStatus;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import java.math.BigDecimal;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The workspace with a full inbox: {@code bench.tasks} (default 10,000) open tasks of the credit
 * analysts, each with its application row, on the embedded engine and H2. Measures, one request at a
 * time as a person works: {@code GET /api/tasks} (target p95 < 300 ms), the inbox page {@code /tasks}
 * (p95 < 500 ms) and the task page in headless Chromium until the form is rendered and its buttons
 * work (p95 < 1 s after navigation).
 *
 * <p>Not part of the test suite (surefire excludes *Benchmark). Run (docs/workspace.md):
 * {@code ./mvnw -B -q -ntp test -Dtest=WorkspaceBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
class WorkspaceBenchmark {

  private static final int TASKS = Integer.getInteger("bench.tasks", 10_000);
  private static final int REQUESTS = Integer.getInteger("bench.requests", 300);
  private static final int PAGES = Integer.getInteger("bench.pages", 30);

  @Test
  void measureTheWorkspaceWithAFullInbox() throws Exception {
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ComputeLoanApplication.class).run(
        "--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
        "--spring.datasource.url=jdbc:h2:mem:workspace-bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "--compute-loan.security.dev-password=" + ApiClient.DEV_PASSWORD, "--camunda.client.request-timeout=PT60S",
        "--compute-loan.engine.snapshot.enabled=false")) {
      int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
      CamundaClient client = app.getBean(CamundaClient.class);
      long filled = fill(client, app.getBean(ApplicationStore.class));
      System.out.printf("%n== workspace benchmark: %,d open tasks of credit-analyst (filled in %,d ms)%n", TASKS, filled);

      ApiClient api = new ApiClient(port);
      report("GET /api/tasks (analyst, due date, 25 a page)", measure(() -> api.send("analyst", "GET", "/api/tasks", null).status()));
      report("GET /api/tasks?mine=unassigned&sort=creationDate&order=desc",
          measure(() -> api.send("analyst", "GET", "/api/tasks?mine=unassigned&sort=creationDate&order=desc", null).status()));
      report("GET /api/tasks?overdue=true&page=20", measure(() -> api.send("analyst", "GET", "/api/tasks?overdue=true&page=20", null).status()));
      HttpClient browser = signedIn(port);
      report("GET /tasks (inbox page, session)", measure(() -> page(browser, port, "/tasks")));
      report("GET /tasks?view=rows (inbox refresh)", measure(() -> page(browser, port, "/tasks?view=rows")));
      taskPages(port, client);
    }
  }

  /** Starts the instances (a bounded number in flight) and stores an application row for each. */
  private static long fill(CamundaClient client, ApplicationStore store) throws Exception {
    long start = System.nanoTime();
    client.newDeployResourceCommand().addResourceFromClasspath("workspace-benchmark.bpmn").send().join();
    Semaphore inFlight = new Semaphore(32);
    List<CompletableFuture<?>> started = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = 0; i < TASKS; i++) {
      String id = UUID.randomUUID().toString();
      // a tenth overdue, the rest due over the next days
      String due = now.plus(Duration.ofMinutes((i % 10 == 0 ? -60 : 60) + i)).toString();
      inFlight.acquire();
      int n = i;
      started.add(client.newCreateInstanceCommand().bpmnProcessId("workspace-benchmark").latestVersion()
          .variables(Map.of("applicationId", id, "dueDate", due, "applicantName", "基准测试企业 " + n))
          .send().toCompletableFuture()
          .whenComplete((r, e) -> inFlight.release())
          .thenAccept(r -> {
            store.insertPending(new StoredApplication(id, ApplicationStatus.IN_REVIEW, "PROJECT", "基准测试企业 " + n,
                "91630100MA7510RN8X", new BigDecimal("55600000"), 96, null, "{}", null, "bench", now, now, null,
                "0".repeat(64)));
            store.attachProcess(id, r.getProcessInstanceKey());
          }));
    }
    CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).join();
    long total;
    do {
      Thread.sleep(200);
      total = client.newUserTaskSearchRequest().filter(f -> f.candidateGroup("credit-analyst").state(UserTaskState.CREATED))
          .page(p -> p.limit(1)).send().join().page().totalItems();
    } while (total < TASKS);
    return (System.nanoTime() - start) / 1_000_000;
  }

  static long[] measure(IntSupplier request) {
    for (int i = 0; i < 30; i++) {
      assertThat(request.getAsInt()).isEqualTo(200); // warm-up
    }
    long[] millis = new long[REQUESTS];
    for (int i = 0; i < REQUESTS; i++) {
      long t = System.nanoTime();
      assertThat(request.getAsInt()).isEqualTo(200);
      millis[i] = (System.nanoTime() - t) / 1_000;
    }
    return millis;
  }

  static void report(String what, long[] micros) {
    long[] sorted = micros.clone();
    java.util.Arrays.sort(sorted);
    System.out.printf("%-62s n=%d  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n", what, sorted.length,
        at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted[sorted.length - 1] / 1000.0);
  }

  private static double at(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1000.0;
  }

  private static HttpClient signedIn(int port) throws Exception {
    HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    String login = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
    assertThat(csrf.find()).isTrue();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=analyst&password=" + ApiClient.DEV_PASSWORD + "&_csrf="
            + csrf.group(1))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(302);
    return http;
  }

  private static int page(HttpClient http, int port, String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Navigation to "usable" (form rendered, buttons wired: the page's own readyAt), in Chromium. */
  private static void taskPages(int port, CamundaClient client) {
    if (!new java.io.File(Browser.CHROMIUM).canExecute()) {
      System.out.println("task page: skipped, no Chromium (apt-get install chromium chromium-driver)");
      return;
    }
    List<Long> keys = client.newUserTaskSearchRequest().filter(f -> f.candidateGroup("credit-analyst"))
        .page(p -> p.limit(PAGES + 5)).send().join().items().stream().map(t -> t.getUserTaskKey()).toList();
    try (Browser browser = Browser.open(port)) {
      browser.logIn("analyst", ApiClient.DEV_PASSWORD);
      long[] micros = new long[PAGES];
      for (int i = 0; i < PAGES + 5; i++) {
        browser.go("/tasks/" + keys.get(i));
        browser.taskPageReady();
        long ready = Long.parseLong((String) ((JavascriptExecutor) browser.driver())
            .executeScript("return document.body.dataset.readyAt"));
        assertThat(browser.driver().findElements(By.id("claim"))).hasSize(1);
        if (i >= 5) {
          micros[i - 5] = ready * 1000; // the first five warm the browser's cache and the JIT
        }
      }
      report("task page /tasks/{key}: navigation to usable (Chromium)", micros);
    }
  }
}
