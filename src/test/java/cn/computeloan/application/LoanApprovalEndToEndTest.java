package cn.computeloan.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.computeloan.application.ApiClient.Response;
import cn.computeloan.credit.TestData;
import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * A realistic application from submission over HTTP to disbursement on the real
 * compute-loan-approval process: the real workers and credit policy run in the embedded engine, and
 * every user task is claimed and completed through the protected /v2 API by a user of the right role,
 * as themself. Then the decision, the results and an intact audit chain are read back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "compute-loan.security.dev-password=" + ApiClient.DEV_PASSWORD, "spring.main.banner-mode=off",
    "spring.datasource.url=jdbc:h2:mem:end-to-end;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    "compute-loan.security.users[0].username=intake", "compute-loan.security.users[0].roles=INTAKE_OFFICER",
    "compute-loan.security.users[1].username=analyst", "compute-loan.security.users[1].roles=CREDIT_ANALYST",
    "compute-loan.security.users[2].username=manager", "compute-loan.security.users[2].roles=ACCOUNT_MANAGER",
    "compute-loan.security.users[3].username=auditor", "compute-loan.security.users[3].roles=AUDITOR",
    "compute-loan.security.users[4].username=ho1", "compute-loan.security.users[4].roles=HEAD_OFFICE_APPROVER",
    "compute-loan.security.users[5].username=ho2", "compute-loan.security.users[5].roles=HEAD_OFFICE_APPROVER",
    "compute-loan.security.users[6].username=ho3", "compute-loan.security.users[6].roles=HEAD_OFFICE_APPROVER",
    "compute-loan.security.users[7].username=ho4", "compute-loan.security.users[7].roles=HEAD_OFFICE_APPROVER",
    "compute-loan.security.users[8].username=ho5", "compute-loan.security.users[8].roles=HEAD_OFFICE_APPROVER",
    "compute-loan.security.users[9].username=ho6", "compute-loan.security.users[9].roles=HEAD_OFFICE_APPROVER"})
class LoanApprovalEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Autowired Environment environment;
  @Autowired CamundaClient camunda;
  private ApiClient api;

  @BeforeEach
  void connect() {
    api = new ApiClient(environment.getRequiredProperty("local.server.port", Integer.class));
  }

  private List<UserTask> openTasks(long instance, String elementId, int count) {
    return await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> camunda.newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(instance).elementId(elementId).state(UserTaskState.CREATED))
        .send().join().items(), items -> items.size() >= count);
  }

  /** Claims and completes the task over HTTP as {@code user}, as Tasklist would. */
  private void complete(UserTask task, String user, String variablesJson) {
    String path = "/v2/user-tasks/" + task.getUserTaskKey();
    Response claim = api.send(user, "POST", path + "/assignment", "{\"assignee\":\"" + user + "\"}");
    assertThat(claim.status()).as(user + " claims " + task.getElementId() + ": " + claim.body()).isEqualTo(204);
    Response done = api.send(user, "POST", path + "/completion", "{\"variables\":" + variablesJson + "}");
    assertThat(done.status()).as(user + " completes " + task.getElementId() + ": " + done.body()).isEqualTo(204);
  }

  @Test
  void shouldTakeSubmittedProjectLoanToDisbursementWithAnIntactAuditTrail() {
    // given: a realistic project loan submitted over HTTP by an intake officer
    Response submitted = api.send("intake", "POST", "/api/applications", TestData.json(TestData.DATA_CENTRE).toString(),
        "Idempotency-Key", "e2e-data-centre");
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    String id = submitted.json().path("applicationId").asText();
    long instance = Long.parseLong(submitted.json().path("processInstanceKey").asText());

    // when: the analyst prepares the proposal; the intake officer may not take the analyst's task
    UserTask proposal = openTasks(instance, "Task_PrepareCreditProposal", 1).get(0);
    assertThat(api.send("intake", "POST", "/v2/user-tasks/" + proposal.getUserTaskKey() + "/assignment",
        "{\"assignee\":\"intake\"}").status()).isEqualTo(403);
    complete(proposal, "analyst",
        "{\"recommendation\":\"APPROVE\",\"proposalSummary\":\"算力利用率高，订单充足，现金流稳定，建议批准本次授信。\"}");
    // and a head-office approver returns the case; the analyst cannot claim a seat
    List<UserTask> seats = openTasks(instance, "Task_ApproveAtHeadOffice", 5);
    assertThat(api.send("analyst", "POST", "/v2/user-tasks/" + seats.get(0).getUserTaskKey() + "/assignment",
        "{\"assignee\":\"analyst\"}").status()).isEqualTo(403);
    complete(seats.get(0), "ho1", "{\"decision\":\"RETURN\",\"comment\":\"请补充GPU租赁合同\"}");
    // and the analyst prepares it again, and five head-office approvers approve
    complete(openTasks(instance, "Task_PrepareCreditProposal", 1).get(0), "analyst",
        "{\"recommendation\":\"APPROVE\",\"proposalSummary\":\"已补充GPU租赁合同，租约覆盖贷款期限，建议批准。\"}");
    seats = openTasks(instance, "Task_ApproveAtHeadOffice", 5);
    for (int i = 0; i < seats.size(); i++) {
      // the form prefills the proposed limit: an approver who does not lower it sends no amount
      complete(seats.get(i), "ho" + (i + 1), "{\"decision\":\"APPROVE\",\"comment\":\"同意，按方案执行" + i + "\"}");
    }
    // and the account manager signs the agreement
    complete(openTasks(instance, "Task_SignCreditAgreement", 1).get(0), "manager",
        "{\"agreementSigned\":true,\"signedOn\":\"2026-11-27\"}");

    // then: the loan is disbursed, with every result and who decided
    JsonNode detail = await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
        .until(() -> api.send("analyst", "GET", "/api/applications/" + id, null).json(),
            d -> d.path("status").asText().equals("DISBURSED"));
    assertThat(detail.path("tier").asText()).isEqualTo("A");
    assertThat(detail.path("results").fieldNames()).toIterable()
        .contains("COMPLETENESS", "REVIEW", "SCORE", "LIMIT", "GUARANTEE", "PRICING", "REPAYMENT_PLAN", "PREPARATION",
            "AGREEMENT", "DISBURSEMENT", "REPAYMENT_SCHEDULE");
    // the plan proposed after pricing is the one the analyst kept, signed and disbursed
    String plan = detail.at("/results/REPAYMENT_PLAN/result/proposedMethod").asText();
    assertThat(plan).isNotBlank();
    assertThat(detail.at("/results/PREPARATION/result/repaymentMethod").asText()).isEqualTo(plan);
    assertThat(detail.at("/results/AGREEMENT/result/repaymentPlan/method").asText()).isEqualTo(plan);
    assertThat(detail.at("/results/REPAYMENT_SCHEDULE/result/schedule/periods").size()).isPositive();
    assertThat(detail.at("/results/REVIEW/result/outcome").asText()).isEqualTo("PASS");
    assertThat(detail.at("/results/SCORE/policyVersion").asText()).isNotBlank();
    assertThat(detail.at("/results/PRICING/result/finalRateBp").asInt()).isPositive();
    assertThat(detail.at("/results/PREPARATION/actor").asText()).isEqualTo("analyst");
    assertThat(detail.at("/results/PREPARATION/result/recommendation").asText()).isEqualTo("APPROVE");
    assertThat(detail.at("/results/PREPARATION/result/proposalSummary").asText()).startsWith("已补充");
    JsonNode approvals = detail.path("approvals");
    assertThat(approvals).hasSize(6);
    JsonNode returned = approvals.get(0);
    assertThat(returned.path("approver").asText()).isEqualTo("ho1");
    assertThat(returned.path("decision").asText()).isEqualTo("RETURN");
    assertThat(returned.path("comment").asText()).isEqualTo("请补充GPU租赁合同");
    assertThat(returned.path("approvedAmount").isNull()).isTrue();
    assertThat(returned.path("round").asInt()).isEqualTo(1);
    assertThat(returned.path("decidedAt").asText()).isNotBlank();
    List<JsonNode> secondRound = new java.util.ArrayList<>();
    approvals.forEach(a -> {
      if (a.path("round").asInt() == 2) {
        secondRound.add(a);
      }
    });
    assertThat(secondRound).extracting(a -> a.path("approver").asText())
        .containsExactlyInAnyOrder("ho1", "ho2", "ho3", "ho4", "ho5");
    assertThat(secondRound).extracting(a -> a.path("seat").asInt()).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    assertThat(secondRound).extracting(a -> a.path("comment").asText())
        .containsExactlyInAnyOrder("同意，按方案执行0", "同意，按方案执行1", "同意，按方案执行2", "同意，按方案执行3",
            "同意，按方案执行4");
    approvals.forEach(a -> {
      assertThat(a.path("group").asText()).isEqualTo("head-office-approver");
      assertThat(a.path("authorityLevel").asText()).isEqualTo("HEAD_OFFICE_CREDIT_COMMITTEE");
      assertThat(a.path("elementId").asText()).isEqualTo("Task_ApproveAtHeadOffice");
      assertThat(a.path("policyVersion").asText()).startsWith("ApprovalAuthority:v1");
    });
    assertThat(secondRound).allSatisfy(a -> assertThat(a.path("approvedAmount").decimalValue()).isPositive());

    JsonNode events = api.send("auditor", "GET", "/api/applications/" + id + "/audit", null).json().path("events");
    assertThat(events.get(0).path("action").asText()).isEqualTo("SUBMITTED");
    assertThat(events.get(0).path("actor").asText()).isEqualTo("intake");
    assertThat(events.findValuesAsText("action")).contains("STEP_REVIEW", "STEP_SCORE", "STEP_PREPARATION",
        "STEP_APPROVAL-1", "STEP_DISBURSEMENT", "STATUS_CHANGED");
    List<String> statuses = new java.util.ArrayList<>();
    events.forEach(e -> {
      if (e.path("action").asText().equals("STATUS_CHANGED")) {
        statuses.add(e.at("/after/status").asText());
      }
    });
    assertThat(statuses).containsSubsequence("IN_REVIEW", "PENDING_APPROVAL", "APPROVED", "DISBURSED");
    events.forEach(e -> assertThat(e.path("processInstanceKey").asText()).as(e.toString()).isNotBlank());
    assertThat(events.findValuesAsText("actor")).contains("analyst", "ho1", "ho5");
    List<JsonNode> votes = new java.util.ArrayList<>();
    events.forEach(e -> {
      if (e.path("action").asText().startsWith("STEP_APPROVAL-")) {
        votes.add(e);
      }
    });
    assertThat(votes).hasSize(6).allSatisfy(e -> {
      assertThat(e.path("role").asText()).isEqualTo("HEAD_OFFICE_APPROVER");
      assertThat(e.path("policyVersion").asText()).startsWith("ApprovalAuthority:v1");
      assertThat(e.path("elementId").asText()).isEqualTo("Task_ApproveAtHeadOffice");
    });
    assertThat(votes.get(0).path("actor").asText()).isEqualTo("ho1");
    assertThat(votes.get(0).path("action").asText()).isEqualTo("STEP_APPROVAL-1");
    assertThat(votes.get(0).at("/after/decision").asText()).isEqualTo("RETURN");
    assertThat(votes.get(0).at("/after/comment").asText()).isEqualTo("请补充GPU租赁合同");
    assertThat(votes.subList(1, 6)).extracting(e -> e.at("/after/decision").asText()).containsOnly("APPROVE");
    assertThat(events).filteredOn(e -> e.path("action").asText().equals("STEP_SIGNING")).singleElement()
        .satisfies(e -> {
          assertThat(e.path("actor").asText()).isEqualTo("manager");
          assertThat(e.path("role").asText()).isEqualTo("ACCOUNT_MANAGER");
          assertThat(e.at("/after/agreementSigned").asBoolean()).isTrue();
        });
    List<JsonNode> preparations = new java.util.ArrayList<>();
    events.forEach(e -> {
      if (e.path("action").asText().equals("STEP_PREPARATION")) {
        preparations.add(e);
      }
    });
    assertThat(preparations).hasSize(2).allSatisfy(e -> {
      assertThat(e.path("actor").asText()).isEqualTo("analyst");
      assertThat(e.path("role").asText()).isEqualTo("CREDIT_ANALYST");
      assertThat(e.at("/after/recommendation").asText()).isEqualTo("APPROVE");
    });
    JsonNode verification = api.send("auditor", "GET", "/api/applications/" + id + "/audit/verification", null).json();
    assertThat(verification.path("intact").asBoolean()).as(verification.toString()).isTrue();
    assertThat(verification.path("events").asInt()).isEqualTo(events.size());
    assertThat(verification.path("verified").asBoolean()).as(verification.toString()).isTrue();
    assertThat(verification.at("/caseFile/steps").asInt()).isGreaterThanOrEqualTo(15);
  }
}
