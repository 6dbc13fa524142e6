package cn.computeloan.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.computeloan.application.ApiClient.Response;
import cn.computeloan.application.security.Role;
import io.camunda.client.api.search.response.UserTask;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may do what, on the application API and on the embedded engine's /v2 API. */
class AccessControlTest extends ApplicationIntegrationTest {

  @Test
  void shouldAskAnonymousCallersToLogIn() {
    Response r = api.send(null, "POST", "/api/applications", aigc());
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("WWW-Authenticate")).isNotBlank();
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(api.send(null, "GET", "/api/applications", null).status()).isEqualTo(401);
    assertThat(api.sendWithAuthorization(ApiClient.basic(INTAKE, "wrong"), "GET", "/api/applications", null).status())
        .isEqualTo(401);
  }

  @Test
  void shouldLetOnlyIntakeOfficersSubmit() {
    for (String user : List.of(ANALYST, AUDITOR, BRANCH, "admin", ENGINE)) {
      Response r = api.send(user, "POST", "/api/applications", aigc());
      assertThat(r.status()).as(user).isEqualTo(403);
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"intake", "analyst", "manager", "branch", "headoffice", "committee", "risk", "auditor", "admin"})
  void shouldLetEveryStaffRoleReadApplications(String user) {
    String id = submitted();
    assertThat(api.send(user, "GET", "/api/applications/" + id, null).status()).isEqualTo(200);
    assertThat(api.send(user, "GET", "/api/applications", null).status()).isEqualTo(200);
  }

  @Test
  void shouldLetNoOneButStaffReadApplications() {
    assertThat(api.send(ENGINE, "GET", "/api/applications", null).status()).isEqualTo(403);
  }

  @Test
  void shouldLetOnlyAuditorsReadTheAuditTrail() {
    String id = submitted();
    for (String user : List.of(INTAKE, ANALYST, BRANCH, "admin", ENGINE)) {
      assertThat(api.send(user, "GET", "/api/applications/" + id + "/audit", null).status()).as(user).isEqualTo(403);
      assertThat(api.send(user, "GET", "/api/applications/" + id + "/audit/verification", null).status()).as(user)
          .isEqualTo(403);
    }
    assertThat(api.send(AUDITOR, "GET", "/api/applications/" + id + "/audit", null).status()).isEqualTo(200);
  }

  @Test
  void shouldLetOnlyCasePreparersUploadDocuments() {
    String id = submitted();
    assertThat(api.send(AUDITOR, "POST", "/api/applications/" + id + "/documents", "{}").status()).isEqualTo(403);
    assertThat(api.send(BRANCH, "POST", "/api/applications/" + id + "/documents", "{}").status()).isEqualTo(403);
  }

  @Test
  void shouldProtectTheEngineApi() {
    String search = "/v2/process-instances/search";
    assertThat(api.send(null, "POST", search, "{}").status()).isEqualTo(401);
    assertThat(api.send(ANALYST, "POST", search, "{}").status()).isEqualTo(403);
    assertThat(api.send(BRANCH, "POST", "/v2/process-instances", "{\"processDefinitionId\":\"compute-loan-approval\"}")
        .status()).isEqualTo(403);
    assertThat(api.send(BRANCH, "POST", "/v2/jobs/activation", "{\"type\":\"x\",\"maxJobsToActivate\":1}").status())
        .isEqualTo(403);
    assertThat(api.send(ENGINE, "POST", search, "{}").status()).isEqualTo(200);
    assertThat(api.send("admin", "POST", search, "{}").status()).isEqualTo(200);
    assertThat(api.send(null, "GET", "/v2/topology", null).status()).isEqualTo(200);
  }

  @Test
  void shouldLetPeopleWorkOnUserTasksOnlyAsThemselves() {
    // given: a submitted application waiting at the stand-in's approval task
    String id = submitted();
    long instance = Long.parseLong(api.send(ANALYST, "GET", "/api/applications/" + id, null).json()
        .path("processInstanceKey").asText());
    UserTask task = await().atMost(Duration.ofSeconds(10)).until(() -> camunda.newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(instance)).send().join().items(), l -> !l.isEmpty()).get(0);
    String path = "/v2/user-tasks/" + task.getUserTaskKey();

    // when / then: nobody assigns a task to someone else, or acts on someone else's task
    assertThat(api.send(BRANCH, "POST", path + "/assignment", "{\"assignee\":\"committee\"}").status()).isEqualTo(403);
    assertThat(api.send(COMMITTEE, "POST", path + "/assignment", "{\"assignee\":\"committee\"}").status())
        .as("a committee member may not claim a branch approver's task").isEqualTo(403);
    assertThat(api.send(BRANCH, "POST", path + "/assignment", "{\"assignee\":\"branch\"}").status()).isEqualTo(204);
    assertThat(api.send(COMMITTEE, "POST", path + "/completion", "{}").status()).isEqualTo(403);
    assertThat(api.send(COMMITTEE, "DELETE", path + "/assignee", null).status()).isEqualTo(403);
    assertThat(api.send(COMMITTEE, "PATCH", path, "{\"changeset\":{\"candidateUsers\":[\"committee\"]}}").status())
        .isEqualTo(403);
    assertThat(api.send(null, "POST", path + "/completion", "{}").status()).isEqualTo(401);
    assertThat(api.send(BRANCH, "POST", "/v2/user-tasks/999999999/completion", "{}").status()).isEqualTo(403);

    // and the assignee completes it as themself
    Response done = api.send(BRANCH, "POST", path + "/completion", "{\"variables\":{\"approved\":true}}");
    assertThat(done.status()).as(done.body()).isEqualTo(204);
    await().atMost(Duration.ofSeconds(10)).until(() ->
        camunda.newProcessInstanceGetRequest(instance).send().join().getState().name().equals("COMPLETED"));
  }

  private UserTask openTask(String applicationId) {
    long instance = Long.parseLong(api.send(ANALYST, "GET", "/api/applications/" + applicationId, null).json()
        .path("processInstanceKey").asText());
    return await().atMost(Duration.ofSeconds(10)).until(() -> camunda.newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(instance)).send().join().items(), l -> !l.isEmpty()).get(0);
  }

  private String state(UserTask task) {
    return camunda.newUserTaskGetRequest(task.getUserTaskKey()).send().join().getState().name();
  }

  @Test
  void shouldLetNoOneCompleteAnotherPersonsTaskNotEvenAnAdministrator() {
    // given: the branch approver claimed the task
    UserTask task = openTask(submitted());
    String path = "/v2/user-tasks/" + task.getUserTaskKey();
    assertThat(api.send(BRANCH, "POST", path + "/assignment", "{\"assignee\":\"branch\"}").status()).isEqualTo(204);

    // when: an administrator completes it (the security review's second finding)
    Response byAdmin = api.send("admin", "POST", path + "/completion", "{\"variables\":{\"approved\":true}}");

    // then: refused, saying why; the task is still open and still the approver's
    assertThat(byAdmin.status()).isEqualTo(403);
    assertThat(byAdmin.body()).contains("administrator may not decide");
    assertThat(state(task)).isEqualTo("CREATED");
    assertThat(camunda.newUserTaskGetRequest(task.getUserTaskKey()).send().join().getAssignee()).isEqualTo(BRANCH);
  }

  @Test
  void shouldRefuseCompletingAnUnassignedTaskAndTakingOverAClaimedOne() {
    UserTask task = openTask(submitted());
    String path = "/v2/user-tasks/" + task.getUserTaskKey();

    assertThat(api.send(BRANCH, "POST", path + "/completion", "{}").status())
        .as("nobody completes a task nobody claimed").isEqualTo(403);
    assertThat(api.send("admin", "POST", path + "/completion", "{}").status()).isEqualTo(403);
    assertThat(api.send(BRANCH, "POST", path + "/assignment", "{\"assignee\":\"branch\"}").status()).isEqualTo(204);
    assertThat(api.send("branch2", "POST", path + "/assignment", "{\"assignee\":\"branch2\"}").status())
        .as("a colleague of the same group may not take over a claimed task").isEqualTo(403);
    assertThat(state(task)).isEqualTo("CREATED");
  }

  @Test
  void shouldLetAnAdministratorRouteATaskButNotClaimOneOutsideTheirGroups() {
    UserTask task = openTask(submitted());
    String path = "/v2/user-tasks/" + task.getUserTaskKey();

    assertThat(api.send("admin", "POST", path + "/assignment", "{\"assignee\":\"admin\"}").status()).isEqualTo(403);
    assertThat(api.send("admin", "POST", path + "/assignment", "{\"assignee\":\"branch\"}").status()).isEqualTo(204);
    assertThat(api.send("admin", "DELETE", path + "/assignee", null).status()).isEqualTo(204);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/%63ompletion", "//completion", "/completion;x=1", "/./completion", "/%2e/completion"})
  void shouldGuardEverySpellingOfTheCompletionPath(String spelling) {
    // given: the branch approver holds the task
    UserTask task = openTask(submitted());
    String path = "/v2/user-tasks/" + task.getUserTaskKey();
    assertThat(api.send(BRANCH, "POST", path + "/assignment", "{\"assignee\":\"branch\"}").status()).isEqualTo(204);

    // when: someone else completes it through another spelling of the path
    Response response = api.send(COMMITTEE, "POST", path + spelling, "{\"variables\":{\"approved\":true}}");

    // then: never completed
    assertThat(response.status()).isIn(400, 403, 404);
    assertThat(state(task)).isEqualTo("CREATED");
  }

  @Test
  void shouldServeTheOpenApiDocumentAnonymously() {
    Response docs = api.send(null, "GET", "/v3/api-docs", null);
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.json().path("paths").has("/api/applications")).isTrue();
    assertThat(docs.json().path("paths").has("/api/applications/{id}/audit/verification")).isTrue();
    assertThat(docs.body()).doesNotContain("/v2/");
    assertThat(api.send(null, "GET", "/swagger-ui/index.html", null).status()).isEqualTo(200);
  }

  @Test
  void shouldAcceptIdentityProviderTokensWithTheirRoles() {
    // given
    String intakeToken = "Bearer " + IdentityProvider.token("li.wei", "INTAKE_OFFICER");
    String auditorToken = "Bearer " + IdentityProvider.token("zhao.min", "AUDITOR", "SOMETHING_ELSE");
    // when
    Response submitted = api.sendWithAuthorization(intakeToken, "POST", "/api/applications", aigc());
    // then
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    String id = submitted.json().path("applicationId").asText();
    assertThat(api.sendWithAuthorization(auditorToken, "POST", "/api/applications", aigc()).status()).isEqualTo(403);
    Response audit = api.sendWithAuthorization(auditorToken, "GET", "/api/applications/" + id + "/audit", null);
    assertThat(audit.status()).isEqualTo(200);
    assertThat(audit.json().at("/events/0/actor").asText()).isEqualTo("li.wei");
    assertThat(audit.json().at("/events/0/role").asText()).isEqualTo("INTAKE_OFFICER");
    assertThat(api.sendWithAuthorization("Bearer not-a-token", "GET", "/api/applications", null).status())
        .isEqualTo(401);
    assertThat(api.sendWithAuthorization("Bearer " + IdentityProvider.token("x", "ENGINE_CLIENT"), "POST",
        "/v2/process-instances/search", "{}").status()).isEqualTo(403);
  }

  @Test
  void shouldRefuseIdentityProviderTokensIssuedForAnotherAudienceOrNone() {
    // given
    String forOtherApp = "Bearer " + IdentityProvider.token(List.of("core-banking"), "li.wei", "CREDIT_ANALYST");
    String forNoApp = "Bearer " + IdentityProvider.token(List.of(), "li.wei", "CREDIT_ANALYST");
    String forSeveral = "Bearer " + IdentityProvider.token(List.of("core-banking", IdentityProvider.AUDIENCE), "li.wei",
        "CREDIT_ANALYST");
    // when / then
    Response other = api.sendWithAuthorization(forOtherApp, "GET", "/api/applications", null);
    assertThat(other.status()).isEqualTo(401);
    assertThat(api.sendWithAuthorization(forOtherApp, "POST", "/v2/user-tasks/search", "{}").status()).isEqualTo(401);
    assertThat(api.sendWithAuthorization(forNoApp, "GET", "/api/applications", null).status()).isEqualTo(401);
    assertThat(api.sendWithAuthorization(forSeveral, "GET", "/api/applications", null).status()).isEqualTo(200);
    assertThat(api.sendWithAuthorization("Bearer " + IdentityProvider.token("li.wei", "CREDIT_ANALYST"), "GET",
        "/api/applications", null).status()).isEqualTo(200);
  }

  @Test
  void shouldRecordTheRolesFromTheTokenWhenAWorkerRecordsAnIdentityProviderUsersDecision() {
    // given: an approver known only to the identity provider has worked through the API
    String id = submitted();
    String token = "Bearer " + IdentityProvider.token("li.na", "BRANCH_APPROVER");
    assertThat(api.sendWithAuthorization(token, "POST", "/v2/user-tasks/search", "{}").status()).isEqualTo(200);
    // when: the completing listener records her vote under her name
    caseFile.recordStep(id, "APPROVAL-1", java.util.Map.of("decision", "APPROVE"), "ApprovalAuthority:v1", "li.na",
        new cn.computeloan.process.CaseFile.ProcessRef(1, "Task_ApproveApplication", 2, 4001));
    // then
    Response audit = api.send(AUDITOR, "GET", "/api/applications/" + id + "/audit", null);
    com.fasterxml.jackson.databind.JsonNode vote = audit.json().path("events").get(1);
    assertThat(vote.path("action").asText()).isEqualTo("STEP_APPROVAL-1");
    assertThat(vote.path("actor").asText()).isEqualTo("li.na");
    assertThat(vote.path("role").asText()).isEqualTo("BRANCH_APPROVER");
  }

  @Test
  void shouldRecordTheRolesFromTheTokenForASubmissionEvenWhenTheNameIsAlsoConfigured() {
    // given: the identity provider's "analyst" is an intake officer, the configured "analyst" is not
    String token = "Bearer " + IdentityProvider.token(ANALYST, "INTAKE_OFFICER");
    // when
    Response submitted = api.sendWithAuthorization(token, "POST", "/api/applications", aigc());
    // then
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    Response audit = api.send(AUDITOR, "GET", "/api/applications/" + submitted.json().path("applicationId").asText()
        + "/audit", null);
    assertThat(audit.json().at("/events/0/role").asText()).isEqualTo("INTAKE_OFFICER");
  }

  @Test
  void shouldKnowTenStaffRoles() {
    assertThat(Role.staff()).hasSize(10).doesNotContain(Role.ENGINE_CLIENT);
  }
}
