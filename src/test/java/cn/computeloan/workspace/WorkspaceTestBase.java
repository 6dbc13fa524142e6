package cn.computeloan.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.computeloan.application.ApiClient;
import cn.computeloan.application.ApiClient.Response;
import cn.computeloan.credit.TestData;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole application with the real compute-loan-approval process on the embedded engine (as
 * {@code LoanApprovalEndToEndTest} runs it), and the staff the workspace tests act as. One context
 * for the task API tests and the browser tests. {@code dual} is both analyst and head-office approver:
 * the four-eyes rule must stop them approving what they prepared.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "compute-loan.security.dev-password=" + ApiClient.DEV_PASSWORD, "spring.main.banner-mode=off",
    "spring.datasource.url=jdbc:h2:mem:workspace;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
    "compute-loan.security.users[0].username=intake", "compute-loan.security.users[0].roles=INTAKE_OFFICER",
    "compute-loan.security.users[1].username=analyst", "compute-loan.security.users[1].roles=CREDIT_ANALYST",
    "compute-loan.security.users[2].username=analyst2", "compute-loan.security.users[2].roles=CREDIT_ANALYST",
    "compute-loan.security.users[3].username=dual", "compute-loan.security.users[3].roles=CREDIT_ANALYST,HEAD_OFFICE_APPROVER",
    "compute-loan.security.users[4].username=ho1", "compute-loan.security.users[4].roles=HEAD_OFFICE_APPROVER",
    "compute-loan.security.users[5].username=ho2", "compute-loan.security.users[5].roles=HEAD_OFFICE_APPROVER",
    "compute-loan.security.users[6].username=auditor", "compute-loan.security.users[6].roles=AUDITOR",
    "compute-loan.security.users[7].username=manager", "compute-loan.security.users[7].roles=ACCOUNT_MANAGER",
    "compute-loan.security.users[8].username=admin", "compute-loan.security.users[8].roles=ADMIN",
    "compute-loan.security.users[9].username=ho3", "compute-loan.security.users[9].roles=HEAD_OFFICE_APPROVER",
    "compute-loan.security.users[10].username=ho4", "compute-loan.security.users[10].roles=HEAD_OFFICE_APPROVER",
    "compute-loan.security.users[11].username=ho5", "compute-loan.security.users[11].roles=HEAD_OFFICE_APPROVER",
    "compute-loan.security.users[12].username=core", "compute-loan.security.users[12].roles=CORE_BANKING"})
public abstract class WorkspaceTestBase {

  protected static final Duration WAIT = Duration.ofSeconds(60);
  protected static final String PREPARE = "Task_PrepareCreditProposal";
  protected static final String APPROVE = "Task_ApproveAtHeadOffice";

  @Autowired protected Environment environment;
  @Autowired protected CamundaClient camunda;
  @Autowired protected JdbcClient jdbc;
  protected ApiClient api;

  /** A submitted application and its approval process. */
  protected record Case(String applicationId, long processInstanceKey) {}

  @BeforeEach
  void connectApi() {
    api = new ApiClient(port());
  }

  protected int port() {
    return environment.getRequiredProperty("local.server.port", Integer.class);
  }

  /** The data-centre project loan (head-office approval, five seats), submitted by the intake officer. */
  protected Case submitted() {
    Response r = api.send("intake", "POST", "/api/applications", TestData.json(TestData.DATA_CENTRE).toString(),
        "Idempotency-Key", UUID.randomUUID().toString());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return new Case(r.json().path("applicationId").asText(),
        Long.parseLong(r.json().path("processInstanceKey").asText()));
  }

  /** The chip start-up's application, referred to an analyst, who rejects it: its process has ended. */
  protected Case rejectedReferredCase() {
    Response r = api.send("intake", "POST", "/api/applications", TestData.json(TestData.CHIP).toString(),
        "Idempotency-Key", UUID.randomUUID().toString());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    Case c = new Case(r.json().path("applicationId").asText(), Long.parseLong(r.json().path("processInstanceKey").asText()));
    claimAndComplete("analyst", openTask(c, "Task_ReviewReferredCase"),
        "{\"decision\":\"REJECT\",\"comment\":\"现金跑道不足六个月，拒绝。\"}");
    await().atMost(WAIT).until(() -> "REJECTED".equals(jdbc.sql("SELECT status FROM loan_application WHERE id = ?")
        .param(c.applicationId()).query(String.class).single()));
    // the rejection notice is the last step: the instance ends after it
    await().atMost(WAIT).until(() -> camunda.newProcessInstanceGetRequest(c.processInstanceKey()).send().join()
        .getState() == io.camunda.client.api.search.enums.ProcessInstanceState.COMPLETED);
    return c;
  }

  /** The data-centre loan: prepared, returned by ho2 in round 1 (with the reason), prepared again; round 2's seats open. */
  protected Case returnedOnceAndPreparedAgain() {
    Case c = submitted();
    claimAndComplete("analyst", openTask(c, PREPARE), PROPOSAL);
    claimAndComplete("ho2", openTasks(c, APPROVE, 5).get(0),
        "{\"decision\":\"RETURN\",\"comment\":\"请补充GPU租赁合同及近三个月算力利用率报表。\"}");
    claimAndComplete("analyst", openTask(c, PREPARE),
        "{\"recommendation\":\"APPROVE\",\"proposalSummary\":\"已补充GPU租赁合同及算力利用率报表，建议批准。\"}");
    return c;
  }

  protected List<UserTask> openTasks(Case c, String elementId, int count) {
    return await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> camunda.newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(c.processInstanceKey()).elementId(elementId).state(UserTaskState.CREATED))
        .send().join().items(), items -> items.size() >= count);
  }

  protected UserTask openTask(Case c, String elementId) {
    return openTasks(c, elementId, 1).get(0);
  }

  /** Claims and completes through the task API as {@code user}. */
  protected void claimAndComplete(String user, UserTask task, String variablesJson) {
    String path = "/api/tasks/" + task.getUserTaskKey();
    Response claim = api.send(user, "POST", path + "/claim", null);
    assertThat(claim.status()).as(claim.body()).isEqualTo(204);
    Response done = api.send(user, "POST", path + "/completion", "{\"variables\":" + variablesJson + "}");
    assertThat(done.status()).as(done.body()).isEqualTo(204);
  }

  protected static final String PROPOSAL =
      "{\"recommendation\":\"APPROVE\",\"proposalSummary\":\"算力利用率高，在手订单充足，现金流稳定，建议按测算额度批准。\"}";

  /** The steps of a kind the case file recorded, with their actors. */
  protected List<String> actors(String applicationId, String step) {
    return jdbc.sql("SELECT actor FROM application_step WHERE application_id = ? AND step = ? ORDER BY id")
        .params(applicationId, step).query(String.class).list();
  }
}
