package cn.computeloan.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.ComputeLoanApplication;
import cn.computeloan.application.ApiClient;
import cn.computeloan.application.audit.AuditEntry;
import cn.computeloan.application.audit.AuditTrail;
import cn.computeloan.credit.TestData;
import cn.computeloan.testsupport.TestPostgres;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.openqa.selenium.By;

/**
 * The applications search {@code /applications} with {@code bench.applications} (default 100,000)
 * applications in PostgreSQL (the tests' embedded server, or the one {@code
 * COMPUTE_LOAN_TEST_POSTGRES_URL} names) and {@code bench.tasks} (default 2,000) of them waiting in an
 * open user task on the embedded engine (a tenth assigned). Measures each kind of search, one request
 * at a time as an auditor ({@code bench.requests}, default 300, after 30 warm-up requests), the page
 * rendered on the server: p50/p95/p99 (target p95 < 300 ms). Then the case page of an application
 * with 200 audit events (target: usable < 1 s), see {@link #casePage}.
 *
 * <p>Not part of the test suite (surefire excludes *Benchmark). Run (docs/workspace.md):
 * {@code ./mvnw -B -q -ntp test -Dtest=ApplicationSearchBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
class ApplicationSearchBenchmark {

  private static final int APPLICATIONS = Integer.getInteger("bench.applications", 100_000);
  private static final int TASKS = Integer.getInteger("bench.tasks", 2_000);
  private static final String[] STATUSES = {"IN_REVIEW", "PENDING_APPROVAL", "APPROVED", "REJECTED", "DISBURSED"};
  private static final String[] PRODUCTS = {"COMPUTE_OPERATING", "COMPUTE_UPGRADE", "WORKING_CAPITAL", "PROJECT",
      "ORDER_FINANCING"};
  private static final String[] CITIES = {"青海", "佛山", "贵阳", "乌兰察布", "庆阳", "中卫", "芜湖", "韶关"};

  @Test
  void measureTheApplicationsSearch() throws Exception {
    try (TestPostgres.Schema db = TestPostgres.newSchema("search_bench");
        ConfigurableApplicationContext app = new SpringApplicationBuilder(ComputeLoanApplication.class).run(
            "--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
            "--spring.profiles.active=postgres", "--spring.datasource.url=" + db.url(),
            "--spring.datasource.username=" + db.user(), "--spring.datasource.password=" + db.password(),
            "--spring.flyway.schemas=" + db.name(), "--compute-loan.security.dev-password=" + ApiClient.DEV_PASSWORD,
            "--camunda.client.request-timeout=PT60S", "--compute-loan.engine.snapshot.enabled=false")) {
      System.out.println("PostgreSQL: " + TestPostgres.describe());
      int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      long start = System.nanoTime();
      List<String> ids = seed(jdbc);
      open(app.getBean(CamundaClient.class), jdbc, ids.subList(0, TASKS));
      jdbc.execute("ANALYZE loan_application");
      System.out.printf("%n== applications search: %,d applications, %,d open tasks (filled in %,d ms)%n",
          APPLICATIONS, TASKS, (System.nanoTime() - start) / 1_000_000);

      ApiClient api = new ApiClient(port);
      String[] searches = {
          "/applications",
          "/applications?status=PENDING_APPROVAL",
          "/applications?status=APPROVED&product=PROJECT&tier=A",
          "/applications?applicant=%E8%B4%B5%E9%98%B3", // 贵阳: a name part, LIKE over every row
          "/applications?applicant=91520000MA00000017",
          "/applications?from=2025-01-01&to=2025-03-31",
          "/applications?status=REJECTED&page=50",
          "/applications?task=Task_PrepareCreditProposal",
          "/applications?assignee=analyst",
          "/applications?size=100",
      };
      for (String path : searches) {
        WorkspaceBenchmark.report("GET " + path, WorkspaceBenchmark.measure(() -> api.send("auditor", "GET", path, null).status()));
      }
      casePage(app, api, port);
    }
  }

  /** Applications over two years, statuses, products, tiers and cities spread evenly, in batches. */
  private static List<String> seed(JdbcTemplate jdbc) {
    List<String> ids = new ArrayList<>(APPLICATIONS);
    Instant first = Instant.parse("2024-06-01T00:00:00Z");
    List<Object[]> batch = new ArrayList<>();
    for (int i = 0; i < APPLICATIONS; i++) {
      String id = UUID.randomUUID().toString();
      ids.add(id);
      Timestamp at = Timestamp.from(first.plusSeconds(i * 630L));
      batch.add(new Object[] {id, STATUSES[i % STATUSES.length], PRODUCTS[(i / 5) % PRODUCTS.length],
          CITIES[i % CITIES.length] + "算力科技有限公司" + i, String.format("9152%014d", i),
          new java.math.BigDecimal(1_000_000L + (i % 500) * 100_000L), 36, i % 3 == 0 ? "A" : i % 3 == 1 ? "B" : "C",
          1_000_000_000_000L + i, at, at});
      if (batch.size() == 5_000 || i == APPLICATIONS - 1) {
        jdbc.batchUpdate("""
            INSERT INTO loan_application (id, status, product, applicant_name, applicant_code, requested_amount,
              term_months, tier, payload, process_instance_key, submitted_by, submitted_at, updated_at, request_hash,
              audit_seq, audit_head)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, 'bench', ?, ?, repeat('0', 64), 0, repeat('0', 64))""", batch);
        batch.clear();
      }
    }
    return ids;
  }

  /** Gives the first applications an open task each (the workspace benchmark's one-task process). */
  private static void open(CamundaClient client, JdbcTemplate jdbc, List<String> ids) throws Exception {
    client.newDeployResourceCommand().addResourceFromClasspath("workspace-benchmark.bpmn").send().join();
    Semaphore inFlight = new Semaphore(32);
    List<CompletableFuture<?>> started = new ArrayList<>();
    String due = Instant.now().plusSeconds(86_400).toString();
    for (String id : ids) {
      inFlight.acquire();
      started.add(client.newCreateInstanceCommand().bpmnProcessId("workspace-benchmark").latestVersion()
          .variables(Map.of("applicationId", id, "dueDate", due)).send().toCompletableFuture()
          .whenComplete((r, e) -> inFlight.release())
          .thenAccept(r -> jdbc.update("UPDATE loan_application SET process_instance_key = ?, status = 'PENDING_APPROVAL' "
              + "WHERE id = ?", r.getProcessInstanceKey(), id)));
    }
    CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).join();
    List<UserTask> tasks;
    do {
      Thread.sleep(200);
      tasks = client.newUserTaskSearchRequest().filter(f -> f.state(UserTaskState.CREATED))
          .page(p -> p.limit(Math.min(1000, ids.size()))).send().join().items();
    } while (tasks.size() < Math.min(1000, ids.size()));
    for (int i = 0; i < tasks.size(); i += 10) {
      client.newAssignUserTaskCommand(tasks.get(i).getUserTaskKey()).assignee("analyst").send().join();
    }
  }

  /**
   * The case page of a submitted application (the real approval process, waiting for its proposal)
   * with {@code bench.events} (default 200) audit events: the page and its trace on the server, then
   * in Chromium from navigation until the diagram is drawn and marked (the page's own {@code readyAt}).
   */
  private static void casePage(ConfigurableApplicationContext app, ApiClient api, int port) {
    int events = Integer.getInteger("bench.events", 200);
    ApiClient.Response submitted = api.send("intake", "POST", "/api/applications",
        TestData.json(TestData.DATA_CENTRE).toString(), "Idempotency-Key", UUID.randomUUID().toString());
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    String id = submitted.json().path("applicationId").asText();
    long instance = Long.parseLong(submitted.json().path("processInstanceKey").asText());
    CamundaClient client = app.getBean(CamundaClient.class);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2)).until(() -> !client
        .newUserTaskSearchRequest().filter(f -> f.processInstanceKey(instance).state(UserTaskState.CREATED))
        .send().join().items().isEmpty());
    AuditTrail audit = app.getBean(AuditTrail.class);
    int recorded = app.getBean(JdbcTemplate.class).queryForObject(
        "SELECT COUNT(*) FROM audit_event WHERE application_id = ?", Integer.class, id);
    new TransactionTemplate(app.getBean(PlatformTransactionManager.class)).executeWithoutResult(s -> {
      for (int i = recorded; i < events; i++) {
        audit.append(id, AuditEntry.of("analyst", "CREDIT_ANALYST", "NOTE", "{\"note\":" + i + "}",
            "{\"note\":" + (i + 1) + ",\"text\":\"基准测试备注：核对算力租赁合同及利用率报表。\"}"));
      }
    });
    String path = "/applications/" + id;
    WorkspaceBenchmark.report("GET " + "/applications/{id} (" + events + " audit events)",
        WorkspaceBenchmark.measure(() -> api.send("auditor", "GET", path, null).status()));
    WorkspaceBenchmark.report("GET /applications/{id}/trace",
        WorkspaceBenchmark.measure(() -> api.send("auditor", "GET", path + "/trace", null).status()));
    if (!new java.io.File(Browser.CHROMIUM).canExecute()) {
      System.out.println("case page in Chromium: skipped, no Chromium (apt-get install chromium chromium-driver)");
      return;
    }
    int pages = Integer.getInteger("bench.pages", 30);
    try (Browser browser = Browser.open(port)) {
      browser.logIn("auditor", ApiClient.DEV_PASSWORD);
      long[] micros = new long[pages];
      for (int i = 0; i < pages + 5; i++) {
        browser.go(path);
        String state = browser.until(d -> {
          String s = d.findElement(By.id("trace")).getAttribute("data-state");
          return s == null ? null : s;
        });
        assertThat(state).as(browser.text(By.id("trace-state"))).isEqualTo("ready");
        long ready = Long.parseLong(browser.find(By.id("trace")).getAttribute("data-ready-at"));
        if (i >= 5) {
          micros[i - 5] = ready * 1000; // the first five warm the browser's cache and the JIT
        }
      }
      WorkspaceBenchmark.report("case page: navigation to diagram drawn (Chromium)", micros);
    }
  }
}
