package cn.computeloan.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.computeloan.ComputeLoanApplication;
import cn.computeloan.application.ApiClient.Response;
import cn.computeloan.credit.TestData;
import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.CamundaClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The production wiring (profile {@code cluster}) without Docker: one application with its embedded
 * engine stands in for the Camunda cluster, and a second application in profile {@code cluster}
 * (embedded engine off) uses it as its cluster: {@code CAMUNDA_REST_ADDRESS} names the first
 * application, whose {@code /v2} API answers the second's Camunda client with basic auth. An
 * application goes from submission to {@code APPROVED} through the second: its start-up deployment
 * is the only one the engine gets, its job workers are the only ones polling (the first's are off),
 * its database alone holds the application, the case file and the votes.
 *
 * <p>People work on their tasks as themselves on the engine's {@code /v2} user-task API, as they
 * would in Tasklist: the second application does not serve {@code /v2}. When the workspace task API
 * ({@code /api/tasks}) exists, this test drives people's tasks through the second application's
 * {@code /api/tasks} instead.
 */
class ClusterProfileEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String CLUSTER_WORKER = "cluster-app";
  private static final String EMBEDDED_WORKER = "embedded-app";
  private static final String H2 = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
  private static final List<String> USERS = List.of("intake:INTAKE_OFFICER", "analyst:CREDIT_ANALYST",
      "manager:ACCOUNT_MANAGER", "auditor:AUDITOR", "admin:ADMIN", "ho1:HEAD_OFFICE_APPROVER",
      "ho2:HEAD_OFFICE_APPROVER", "ho3:HEAD_OFFICE_APPROVER", "ho4:HEAD_OFFICE_APPROVER", "ho5:HEAD_OFFICE_APPROVER");

  private static ConfigurableApplicationContext engineApp;
  private static ConfigurableApplicationContext clusterApp;
  private static ApiClient engine;
  private static ApiClient app;
  private static long definitionsBeforeTheClusterAppStarted;
  private static String engineAddress;

  @BeforeAll
  static void startBothApplications() {
    // The second application IS the application of this cluster: its Camunda client plays the
    // engine-client role, so it logs in with the engine client's credentials of the first (a
    // password made for this test, not the one Surefire gives every test, so only this wiring works).
    String engineClientPassword = UUID.randomUUID().toString();
    List<String> first = common("cluster-engine");
    first.addAll(List.of("--compute-loan.security.engine-client.password=" + engineClientPassword,
        // the first application is only the cluster: none of its workers poll, nothing deployed by it
        "--camunda.client.worker.defaults.enabled=false", "--camunda.client.worker.defaults.name=" + EMBEDDED_WORKER,
        "--camunda.client.deployment.enabled=false"));
    engineApp = new SpringApplicationBuilder(ComputeLoanApplication.class).run(first.toArray(String[]::new));
    int enginePort = engineApp.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    engine = new ApiClient(enginePort);
    engineAddress = "http://localhost:" + enginePort;
    definitionsBeforeTheClusterAppStarted = approvalDefinitions();

    List<String> second = common("cluster-app");
    second.addAll(List.of("--spring.profiles.active=cluster",
        // what application-cluster.yml reads from the environment (command-line arguments outrank it)
        "--CAMUNDA_REST_ADDRESS=" + engineAddress, "--CAMUNDA_GRPC_ADDRESS=" + engineAddress,
        "--CAMUNDA_AUTH_METHOD=basic", "--CAMUNDA_BASIC_AUTH_USERNAME=compute-loan-engine",
        "--CAMUNDA_BASIC_AUTH_PASSWORD=" + engineClientPassword,
        "--camunda.client.worker.defaults.name=" + CLUSTER_WORKER));
    clusterApp = new SpringApplicationBuilder(ComputeLoanApplication.class).run(second.toArray(String[]::new));
    app = new ApiClient(clusterApp.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
  }

  private static List<String> common(String database) {
    List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
        "--spring.datasource.url=jdbc:h2:mem:" + database + H2,
        "--compute-loan.security.dev-password=" + ApiClient.DEV_PASSWORD));
    for (int i = 0; i < USERS.size(); i++) {
      String[] user = USERS.get(i).split(":");
      args.add("--compute-loan.security.users[" + i + "].username=" + user[0]);
      args.add("--compute-loan.security.users[" + i + "].roles=" + user[1]);
    }
    return args;
  }

  @AfterAll
  static void stop() {
    // the cluster application first: its workers long-poll the engine of the other
    if (clusterApp != null) {
      clusterApp.close();
    }
    if (engineApp != null) {
      engineApp.close();
    }
  }

  @Test
  void shouldRunTheClusterProfileAgainstAnotherApplicationsEngine() {
    // then: the cluster application has no engine of its own and its client points at the other one
    assertThat(engineBeans(engineApp)).as("the embedded engine's beans in the first").isNotEmpty();
    assertThat(engineBeans(clusterApp)).as("the embedded engine's beans in profile cluster").isEmpty();
    assertThat(app.send("admin", "GET", "/v2/topology", null).status()).isEqualTo(404);
    assertThat(clusterApp.getBean(CamundaClient.class).getConfiguration().getRestAddress().toString())
        .startsWith(engineAddress);
    // and: its start-up deployment is what the engine has
    assertThat(definitionsBeforeTheClusterAppStarted).isZero();
    assertThat(approvalDefinitions()).isEqualTo(1);
  }

  @Test
  void shouldTakeAnApplicationToApprovedThroughTheClusterApplication() {
    // given: a realistic project loan submitted to the cluster application
    Response submitted = app.send("intake", "POST", "/api/applications", TestData.json(TestData.DATA_CENTRE).toString(),
        "Idempotency-Key", "cluster-data-centre");
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    String id = submitted.json().path("applicationId").asText();
    String instance = submitted.json().path("processInstanceKey").asText();

    // when: the analyst prepares the proposal, as themself, on the engine's user-task API
    complete(openTasks(instance, "Task_PrepareCreditProposal", 1, "analyst").get(0), "analyst",
        "{\"recommendation\":\"APPROVE\",\"proposalSummary\":\"算力利用率高，订单充足，现金流稳定，建议批准本次授信。\"}");
    // and: five head-office approvers approve the proposed limit
    BigDecimal proposed = detail(id).at("/results/LIMIT/result/approvedAmount").decimalValue();
    List<JsonNode> seats = openTasks(instance, "Task_ApproveAtHeadOffice", 5, "ho1");
    for (int i = 0; i < seats.size(); i++) {
      complete(seats.get(i), "ho" + (i + 1), "{\"decision\":\"APPROVE\",\"approvedAmount\":" + proposed.toPlainString()
          + ",\"comment\":\"同意，按方案执行" + i + "\"}");
    }

    // then: the application is APPROVED in the cluster application's database, with every result
    JsonNode detail = await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> detail(id),
        d -> d.path("status").asText().equals("APPROVED"));
    assertThat(detail.path("results").fieldNames()).toIterable()
        .contains("COMPLETENESS", "REVIEW", "SCORE", "LIMIT", "GUARANTEE", "PRICING", "PREPARATION");
    assertThat(detail.at("/results/PREPARATION/actor").asText()).isEqualTo("analyst");
    assertThat(detail.path("approvals")).extracting(a -> a.path("approver").asText())
        .containsExactlyInAnyOrder("ho1", "ho2", "ho3", "ho4", "ho5");
    JsonNode verification = app.send("auditor", "GET", "/api/applications/" + id + "/audit/verification", null).json();
    assertThat(verification.path("intact").asBoolean()).as(verification.toString()).isTrue();
    // and: the first application's database has never heard of it
    assertThat(engine.send("analyst", "GET", "/api/applications/" + id, null).status()).isEqualTo(404);
    // and: every job of the instance, the task listeners' too, was done by the cluster application's workers
    JsonNode jobs = engine.send("admin", "POST", "/v2/jobs/search",
        "{\"filter\":{\"processInstanceKey\":\"" + instance + "\"},\"page\":{\"limit\":1000}}").json().path("items");
    List<JsonNode> done = new ArrayList<>();
    jobs.forEach(job -> {
      if (job.path("state").asText().equals("COMPLETED")) {
        done.add(job);
      }
    });
    assertThat(done).extracting(job -> job.path("type").asText())
        .contains("check-application-completeness", "review-three-statements", "score-compute-capability",
            "calculate-credit-limit", "select-guarantee", "price-loan", "record-case-preparer", "check-four-eyes");
    assertThat(done).allSatisfy(job -> assertThat(job.path("worker").asText()).as(job.toString()).isEqualTo(CLUSTER_WORKER));
    assertThat(jobs).noneMatch(job -> job.path("state").asText().equals("FAILED"));
    assertThat(engine.send("admin", "POST", "/v2/incidents/search",
        "{\"filter\":{\"processInstanceKey\":\"" + instance + "\"}}").json().path("items")).isEmpty();
  }

  /** Definitions of compute-loan-approval the engine (the first application) has. */
  private static long approvalDefinitions() {
    Response found = engine.send("admin", "POST", "/v2/process-definitions/search",
        "{\"filter\":{\"processDefinitionId\":\"compute-loan-approval\"}}");
    assertThat(found.status()).as(found.body()).isEqualTo(200);
    return found.json().path("items").size();
  }

  private static List<String> engineBeans(ConfigurableApplicationContext context) {
    return Arrays.stream(context.getBeanDefinitionNames()).map(context::getType).filter(Objects::nonNull)
        .map(Class::getName).filter(name -> name.startsWith("cn.computeloan.engine.")).toList();
  }

  private JsonNode detail(String id) {
    return app.send("analyst", "GET", "/api/applications/" + id, null).json();
  }

  /** The open tasks of an element, as {@code user} finds them on the engine's user-task search. */
  private List<JsonNode> openTasks(String instance, String elementId, int count, String user) {
    String query = "{\"filter\":{\"processInstanceKey\":\"" + instance + "\",\"elementId\":\"" + elementId
        + "\",\"state\":\"CREATED\"}}";
    return await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
      List<JsonNode> items = new ArrayList<>();
      engine.send(user, "POST", "/v2/user-tasks/search", query).json().path("items").forEach(items::add);
      return items;
    }, items -> items.size() >= count);
  }

  /** Claims and completes the task as {@code user}, as Tasklist would. */
  private void complete(JsonNode task, String user, String variablesJson) {
    String path = "/v2/user-tasks/" + task.path("userTaskKey").asText();
    Response claim = engine.send(user, "POST", path + "/assignment", "{\"assignee\":\"" + user + "\"}");
    assertThat(claim.status()).as(user + " claims " + task.path("elementId").asText() + ": " + claim.body())
        .isEqualTo(204);
    Response done = engine.send(user, "POST", path + "/completion", "{\"variables\":" + variablesJson + "}");
    assertThat(done.status()).as(user + " completes " + task.path("elementId").asText() + ": " + done.body())
        .isEqualTo(204);
  }
}
