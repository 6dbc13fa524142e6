package cn.computeloan.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.application.ApiClient.Response;
import cn.computeloan.process.form.FormSchema;
import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The people's task API /api/tasks on the real approval process: who sees, claims and completes what. */
class TaskApiTest extends WorkspaceTestBase {

  private Response get(String user, String path) {
    return api.send(user, "GET", path, null);
  }

  private UserTaskState state(UserTask task) {
    return camunda.newUserTaskGetRequest(task.getUserTaskKey()).send().join().getState();
  }

  private static List<String> fields(Response r) {
    List<String> fields = new ArrayList<>();
    r.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }

  /** The analyst prepares the case; {@code approver} claims the first head-office seat. */
  private String seatHeldBy(String approver, Case c) {
    claimAndComplete("analyst", openTask(c, PREPARE), PROPOSAL);
    String path = "/api/tasks/" + openTasks(c, APPROVE, 5).get(0).getUserTaskKey();
    assertThat(api.send(approver, "POST", path + "/claim", null).status()).isEqualTo(204);
    return path;
  }

  @Test
  void shouldListTheTasksOfMyGroupsWithTheirApplication() {
    // given: a case waiting for its credit proposal
    Case c = submitted();
    UserTask task = openTask(c, PREPARE);

    // when: an analyst and a head-office approver list the case's tasks
    Response analyst = get("analyst", "/api/tasks?application=" + c.applicationId());
    Response approver = get("ho1", "/api/tasks?application=" + c.applicationId());

    // then: the analyst sees the proposal task with its case; the approver does not
    assertThat(analyst.status()).as(analyst.body()).isEqualTo(200);
    JsonNode item = analyst.json().path("items").get(0);
    assertThat(analyst.json().path("total").asLong()).isEqualTo(1);
    assertThat(item.path("userTaskKey").asText()).isEqualTo(String.valueOf(task.getUserTaskKey()));
    assertThat(item.path("elementId").asText()).isEqualTo(PREPARE);
    assertThat(item.path("applicationId").asText()).isEqualTo(c.applicationId());
    assertThat(item.path("applicantName").asText()).isEqualTo("青海绿算数据科技有限公司");
    assertThat(item.path("product").asText()).isEqualTo("PROJECT");
    assertThat(item.path("requestedAmount").decimalValue()).isEqualByComparingTo("55600000");
    assertThat(item.path("tier").asText()).isEqualTo("A");
    assertThat(item.path("dueDate").asText()).isNotBlank();
    assertThat(item.path("overdue").asBoolean()).isFalse();
    assertThat(item.path("escalated").asBoolean()).isFalse();
    assertThat(approver.json().path("items")).isEmpty();
    assertThat(get("auditor", "/api/tasks?application=" + c.applicationId()).json().path("items")).isEmpty();
  }

  @Test
  void shouldFilterByWhoHoldsTheTask() {
    // given: an analyst has claimed the proposal task
    Case c = submitted();
    UserTask task = openTask(c, PREPARE);
    assertThat(api.send("analyst", "POST", "/api/tasks/" + task.getUserTaskKey() + "/claim", null).status())
        .isEqualTo(204);
    String q = "/api/tasks?application=" + c.applicationId() + "&mine=";

    // then: it is among the analyst's claimed tasks, not among the unclaimed ones; a colleague sees it
    // in the group's tasks with its assignee, not among their own
    assertThat(get("analyst", q + "assigned").json().path("items")).hasSize(1);
    assertThat(get("analyst", q + "unassigned").json().path("items")).isEmpty();
    assertThat(get("analyst2", q + "assigned").json().path("items")).isEmpty();
    JsonNode groups = get("analyst2", q + "groups").json().path("items");
    assertThat(groups).hasSize(1);
    assertThat(groups.get(0).path("assignee").asText()).isEqualTo("analyst");
    assertThat(get("analyst", "/api/tasks?application=" + c.applicationId() + "&overdue=true").json().path("items"))
        .isEmpty();
    assertThat(get("analyst", "/api/tasks?application=" + c.applicationId() + "&state=COMPLETED").json().path("items"))
        .isEmpty();
  }

  @Test
  void shouldSortAndPageWithinBounds() {
    // given: two cases waiting for proposals
    Case first = submitted();
    Case second = submitted();
    openTask(first, PREPARE);
    openTask(second, PREPARE);

    // when: the analyst pages through by creation date, newest first, one task a page
    Response page0 = get("analyst", "/api/tasks?sort=creationDate&order=desc&size=1&page=0");
    Response page1 = get("analyst", "/api/tasks?sort=creationDate&order=desc&size=1&page=1");

    // then: each page has one task, the newer first
    assertThat(page0.json().path("items")).hasSize(1);
    assertThat(page1.json().path("items")).hasSize(1);
    assertThat(page0.json().path("total").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(page0.json().at("/items/0/creationDate").asText())
        .isGreaterThanOrEqualTo(page1.json().at("/items/0/creationDate").asText());
  }

  @Test
  void shouldRefuseBadListParametersNamingThem() {
    Response r = get("analyst", "/api/tasks?size=0&sort=name&mine=everyone&state=DONE&overdue=maybe&page=x");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(fields(r)).contains("size", "sort", "mine", "state", "overdue", "page");
    assertThat(fields(get("analyst", "/api/tasks?size=100&page=100"))).containsExactly("page");
    assertThat(fields(get("analyst", "/api/tasks?application=x'%20OR%201=1"))).containsExactly("application");
  }

  @Test
  void shouldLetPeopleClaimOnlyUnassignedTasksOfTheirGroupsAndReleaseOnlyTheirOwn() {
    // given: a proposal task of the credit analysts
    Case c = submitted();
    String path = "/api/tasks/" + openTask(c, PREPARE).getUserTaskKey();

    // then: an approver cannot claim it (nor see it); an analyst can; a second analyst cannot take it over
    assertThat(api.send("ho1", "POST", path + "/claim", null).status()).isEqualTo(404);
    assertThat(api.send("analyst", "POST", path + "/claim", null).status()).isEqualTo(204);
    Response taken = api.send("analyst2", "POST", path + "/claim", null);
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.json().path("detail").asText()).contains("analyst");
    // and only the assignee may release it
    assertThat(api.send("analyst2", "POST", path + "/unclaim", null).status()).isEqualTo(409);
    assertThat(api.send("analyst", "POST", path + "/unclaim", null).status()).isEqualTo(204);
    assertThat(get("analyst", path).json().at("/task/assignee").isNull()).isTrue();
  }

  @Test
  void shouldGiveOneTaskWithItsFormAndTheVariablesTheFormReads() {
    // given
    Case c = submitted();
    UserTask task = openTask(c, PREPARE);

    // when
    Response r = get("analyst", "/api/tasks/" + task.getUserTaskKey());

    // then: the linked form, its writable fields, and exactly the variables it reads
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode detail = r.json();
    assertThat(detail.at("/form/id").asText()).isEqualTo("prepare-credit-proposal");
    assertThat(detail.path("writableFields")).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("recommendation", "proposalSummary", "repaymentMethod");
    FormSchema form = FormSchema.parse(detail.path("form").toString());
    List<String> names = new ArrayList<>();
    detail.path("variables").fieldNames().forEachRemaining(names::add);
    assertThat(form.readVariables()).containsAll(names);
    assertThat(names).contains("applicantName", "proposedLimit", "keyRatios", "scoreFactors", "limitCaps");
    assertThat(detail.at("/variables/applicationId").asText()).isEqualTo(c.applicationId());
    assertThat(detail.at("/task/dueDate").asText()).isNotBlank();
    assertThat(detail.path("escalationNote").isNull()).isTrue();
    assertThat(detail.path("mayClaim").asBoolean()).isTrue();
    assertThat(detail.path("mayComplete").asBoolean()).isFalse();
    // and a person of another group learns nothing about it
    assertThat(get("ho1", "/api/tasks/" + task.getUserTaskKey()).status()).isEqualTo(404);
    assertThat(get("analyst", "/api/tasks/not-a-key").status()).isEqualTo(400);
  }

  @Test
  void shouldRefuseAFieldTheFormDoesNotDeclareWritableAndWriteNothing() {
    // given: the analyst holds the proposal task
    Case c = submitted();
    UserTask task = openTask(c, PREPARE);
    String path = "/api/tasks/" + task.getUserTaskKey();
    api.send("analyst", "POST", path + "/claim", null);

    // when: the completion also tries to set the proposed limit, a read-only field, and an unknown one
    Response r = api.send("analyst", "POST", path + "/completion", "{\"variables\":{\"recommendation\":\"APPROVE\","
        + "\"proposalSummary\":\"算力利用率高，在手订单充足，建议批准授信方案。\",\"proposedLimit\":999999999,\"tier\":\"A\"}}");

    // then: 400 naming both fields; the task is still open and the case file has no proposal
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(fields(r)).containsExactlyInAnyOrder("proposedLimit", "tier");
    assertThat(r.json().at("/errors/0/code").asText()).isEqualTo("NOT_WRITABLE");
    assertThat(state(task)).isEqualTo(UserTaskState.CREATED);
    assertThat(actors(c.applicationId(), "PREPARATION")).isEmpty();
  }

  @Test
  void shouldCheckValuesWithTheFormsOwnRules() {
    // given
    Case c = submitted();
    UserTask task = openTask(c, PREPARE);
    String path = "/api/tasks/" + task.getUserTaskKey();
    api.send("analyst", "POST", path + "/claim", null);

    // when: a recommendation that is not an option and a summary below the form's minimum length
    Response r = api.send("analyst", "POST", path + "/completion",
        "{\"variables\":{\"recommendation\":\"MAYBE\",\"proposalSummary\":\"太短\"}}");

    // then
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("errors")).extracting(e -> e.path("field").asText() + ":" + e.path("code").asText())
        .containsExactlyInAnyOrder("recommendation:NOT_ALLOWED", "proposalSummary:TOO_SHORT");
    assertThat(r.json().at("/errors/1/message").asText()).contains("20");
    assertThat(state(task)).isEqualTo(UserTaskState.CREATED);
    // and a body without variables is refused too
    assertThat(fields(api.send("analyst", "POST", path + "/completion", "{}"))).containsExactly("variables");
  }

  @Test
  void shouldCompleteAsTheSignedInPersonAndRefuseASecondCompletion() {
    // given
    Case c = submitted();
    UserTask task = openTask(c, PREPARE);
    String path = "/api/tasks/" + task.getUserTaskKey();

    // when: not claimed yet, then claimed and completed
    Response unclaimed = api.send("analyst", "POST", path + "/completion", "{\"variables\":" + PROPOSAL + "}");
    claimAndComplete("analyst", task, PROPOSAL);

    // then: the proposal is recorded as the analyst's; the task is done and a repeat is a conflict
    assertThat(unclaimed.status()).isEqualTo(409);
    assertThat(actors(c.applicationId(), "PREPARATION")).containsExactly("analyst");
    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> state(task) == UserTaskState.COMPLETED);
    Response again = api.send("analyst", "POST", path + "/completion", "{\"variables\":" + PROPOSAL + "}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("detail").asText()).contains("completed");
  }

  @Test
  void shouldAnswerTheFourEyesDenialWithTheListenersReason() {
    // given: dual (analyst and head-office approver) prepared the case
    Case c = submitted();
    claimAndComplete("dual", openTask(c, PREPARE), PROPOSAL);
    UserTask seat = openTasks(c, APPROVE, 5).get(0);
    String path = "/api/tasks/" + seat.getUserTaskKey();
    assertThat(api.send("dual", "POST", path + "/claim", null).status()).isEqualTo(204);

    // when: dual tries to approve
    Response r = api.send("dual", "POST", path + "/completion",
        "{\"variables\":{\"decision\":\"APPROVE\",\"approvedAmount\":1000000,\"comment\":\"同意，风险可控。\"}}");

    // then: 409 with the listener's reason; no vote is recorded and the seat is still open
    assertThat(r.status()).as(r.body()).isEqualTo(409);
    assertThat(r.json().path("detail").asText()).contains("经办人不得审批").contains("four eyes");
    assertThat(actors(c.applicationId(), "APPROVAL-1")).isEmpty();
    assertThat(state(seat)).isEqualTo(UserTaskState.CREATED);
  }

  @Test
  void shouldRefuseToCompleteATaskSomeoneElseHolds() {
    // given: ho1 holds a seat
    Case c = submitted();
    String path = seatHeldBy("ho1", c);

    // when: ho2 completes it
    Response r = api.send("ho2", "POST", path + "/completion",
        "{\"variables\":{\"decision\":\"REJECT\",\"comment\":\"不同意该方案。\"}}");

    // then
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().path("detail").asText()).contains("ho1");
    assertThat(actors(c.applicationId(), "APPROVAL-1")).isEmpty();
  }

  @Test
  void shouldLetAnApproverApproveWithTheAmountTheFormAllows() {
    // given
    Case c = submitted();
    String path = seatHeldBy("ho1", c);

    // when: first above the proposed limit (the form's max is =proposedLimit), then within it
    Response above = api.send("ho1", "POST", path + "/completion",
        "{\"variables\":{\"decision\":\"APPROVE\",\"approvedAmount\":999999999999,\"comment\":\"同意，风险可控。\"}}");
    Response ok = api.send("ho1", "POST", path + "/completion",
        "{\"variables\":{\"decision\":\"APPROVE\",\"approvedAmount\":1000000,\"comment\":\"同意，风险可控。\"}}");

    // then
    assertThat(above.status()).isEqualTo(400);
    assertThat(fields(above)).containsExactly("approvedAmount");
    assertThat(ok.status()).as(ok.body()).isEqualTo(204);
    assertThat(actors(c.applicationId(), "APPROVAL-1")).containsExactly("ho1");
  }

  @Test
  void shouldAskAnonymousCallersToLogInAndKeepBasicAuthWithoutCsrf() {
    Response anonymous = api.send(null, "GET", "/api/tasks", null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
    assertThat(get("analyst", "/api/tasks").status()).isEqualTo(200);
    // a POST with basic auth needs no CSRF token (it carries its own credentials)
    assertThat(api.send("analyst", "POST", "/api/tasks/1/claim", null).status()).isEqualTo(404);
    assertThat(api.send("compute-loan-engine", "GET", "/api/tasks", null).status()).isEqualTo(403);
  }
}
