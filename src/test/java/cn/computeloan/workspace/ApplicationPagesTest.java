package cn.computeloan.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.computeloan.application.ApiClient;
import cn.computeloan.application.ApiClient.Response;
import cn.computeloan.credit.TestData;
import com.fasterxml.jackson.databind.JsonNode;
import cn.computeloan.application.store.ApplicationStore;
import cn.computeloan.application.store.StoredApplication;
import cn.computeloan.process.ApplicationStatus;
import cn.computeloan.process.CaseFile;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.response.UserTask;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The applications search {@code /applications} and the case page {@code /applications/{id}} over
 * HTTP, per role: who may search, who may open a case (403 page for the others), 404 for an unknown
 * application, 400 naming a bad parameter, the trace of a finished application from the engine's
 * history, the trail with its verification, documents, and no writes for an auditor.
 */
class ApplicationPagesTest extends WorkspaceTestBase {

  private static final String UNKNOWN = "00000000-0000-0000-0000-000000000000";

  @Autowired private ApplicationStore store;
  @Autowired private CaseFile caseFile;

  private Response page(String user, String path) {
    return api.send(user, "GET", path, null);
  }

  @Test
  void shouldListApplicationsWithTheirCurrentTaskAndCountsByStatusForAnAuditor() {
    // given: a case waiting for its proposal
    Case c = submitted();
    openTask(c, PREPARE);

    // when
    Response r = page("auditor", "/applications?applicant=" + TestData.json(TestData.DATA_CENTRE)
        .path("applicant").path("unifiedSocialCreditCode").asText() + "&size=100");

    // then: its row opens the case and names the open task; the counts are there
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("data-id=\"" + c.applicationId() + "\"")
        .contains("href=\"/applications/" + c.applicationId() + "\"")
        .contains("准备授信方案")
        .contains("id=\"status-counts\"").contains("data-status=\"ALL\"");
  }

  @Test
  void shouldFindApplicationsByCurrentTaskAndAssignee() {
    // given: the analyst holds the case's proposal task
    Case c = submitted();
    UserTask task = openTask(c, PREPARE);
    assertThat(api.send("analyst", "POST", "/api/tasks/" + task.getUserTaskKey() + "/claim", null).status())
        .isEqualTo(204);

    // when / then: found by task and assignee, not by another assignee or task
    await().atMost(WAIT).untilAsserted(() -> assertThat(
        page("auditor", "/applications?task=" + PREPARE + "&assignee=analyst&size=100").body())
        .contains("data-id=\"" + c.applicationId() + "\""));
    assertThat(page("auditor", "/applications?assignee=nobody-here").body())
        .doesNotContain("data-id=\"" + c.applicationId() + "\"").contains("没有符合条件的申请");
    assertThat(page("auditor", "/applications?task=" + APPROVE + "&assignee=analyst").body())
        .doesNotContain("data-id=\"" + c.applicationId() + "\"");
  }

  @Test
  void shouldShowAnIntakeOfficerTheRowsWithoutLinksToTheCases() {
    Case c = submitted();

    Response r = page("intake", "/applications?size=100");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("data-id=\"" + c.applicationId() + "\"")
        .doesNotContain("href=\"/applications/" + c.applicationId() + "\"");
  }

  @Test
  void shouldRefuseTheCasePageToRolesThatDoNotReadCasesWithA403Page() {
    Case c = submitted();

    Response intake = page("intake", "/applications/" + c.applicationId());
    Response intakeTrace = page("intake", "/applications/" + c.applicationId() + "/trace");
    Response admin = page("admin", "/applications/" + c.applicationId());
    Response adminSearch = page("admin", "/applications");
    Response coreBanking = page("core", "/applications/" + c.applicationId());

    for (Response r : new Response[] {intake, intakeTrace, admin, adminSearch, coreBanking}) {
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.header("Content-Type")).startsWith("text/html");
      assertThat(r.body()).contains("您的岗位不能查看此页面").doesNotContain(c.applicationId());
    }
  }

  @Test
  void shouldOpenTheCasePageForEveryCaseReaderRole() {
    Case c = submitted();
    for (String user : new String[] {"auditor", "analyst", "manager", "ho1"}) {
      Response r = page(user, "/applications/" + c.applicationId());
      assertThat(r.status()).as(user).isEqualTo(200);
      assertThat(r.body()).as(user).contains("青海绿算数据科技有限公司").contains("id=\"chain-verified\"");
    }
  }

  @Test
  void shouldAnswer404ForAnUnknownApplication() {
    Response pageOfNone = page("auditor", "/applications/" + UNKNOWN);
    Response odd = page("auditor", "/applications/no%20such");
    Response trace = page("auditor", "/applications/" + UNKNOWN + "/trace");
    Response document = page("auditor", "/applications/" + UNKNOWN + "/documents/x");

    assertThat(pageOfNone.status()).isEqualTo(404);
    assertThat(pageOfNone.body()).contains("没有此申请。");
    assertThat(odd.status()).isEqualTo(404);
    assertThat(trace.status()).isEqualTo(404);
    assertThat(trace.header("Content-Type")).startsWith("application/problem+json");
    assertThat(document.status()).isEqualTo(404);
  }

  @Test
  void shouldAnswer400NamingTheBadSearchParameter() {
    assertThat(page("auditor", "/applications?status=NOPE")).satisfies(r -> {
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body()).contains("status: must be one of");
    });
    assertThat(page("auditor", "/applications?from=2026-13-01").body()).contains("from: a date as yyyy-MM-dd");
    assertThat(page("auditor", "/applications?from=2026-02-01&to=2026-01-01").body()).contains("to: must not be before");
    assertThat(page("auditor", "/applications?size=1000").body()).contains("size: must be between 1 and 100");
    assertThat(page("auditor", "/applications?page=5000").body()).contains("page: lists end after");
    assertThat(page("auditor", "/applications?applicant=" + "x".repeat(201)).body()).contains("applicant: at most 200");
    assertThat(page("auditor", "/applications?task=1%3Bdrop").body()).contains("task: a BPMN element id");
    assertThat(page("auditor", "/applications?task=1%3Bdrop").status()).isEqualTo(400);
  }

  @Test
  void shouldEscapeLikePatternsInTheApplicantFilter() {
    Case c = submitted();
    // "%" and "_" are searched as themselves: no applicant's name contains them
    assertThat(page("auditor", "/applications?applicant=%25&size=100").body())
        .doesNotContain("data-id=\"" + c.applicationId() + "\"");
    assertThat(page("auditor", "/applications?applicant=_&size=100").body())
        .doesNotContain("data-id=\"" + c.applicationId() + "\"");
    assertThat(page("auditor", "/applications?applicant=%E7%BB%BF%E7%AE%97&size=100").body())
        .contains("data-id=\"" + c.applicationId() + "\"");
  }

  @Test
  void shouldLetAnAuditorChangeNothingUnderApplications() {
    // given: a finished case, whose trail no worker extends any more
    Case c = rejectedReferredCase();
    long events = auditEvents(c.applicationId());

    for (String path : new String[] {"/applications/" + c.applicationId(), "/applications/" + c.applicationId()
        + "/trace", "/applications"}) {
      Response r = api.send("auditor", "POST", path, "{}");
      assertThat(r.status()).as(path).isEqualTo(403);
    }
    assertThat(auditEvents(c.applicationId())).isEqualTo(events);
  }

  @Test
  void shouldTraceAFinishedApplicationFromTheEnginesHistory() {
    // given: a referred case the analyst rejected: the process has ended
    Case c = rejectedReferredCase();

    // when
    JsonNode trace = await().atMost(WAIT).until(() -> page("auditor", "/applications/" + c.applicationId() + "/trace").json(),
        t -> t != null && "COMPLETED".equals(t.path("state").asText()));

    // then: the path taken, the element instances with who did them, the diagram's XML
    assertThat(trace.path("bpmnProcessId").asText()).isEqualTo("compute-loan-approval");
    assertThat(trace.path("xml").asText()).contains("<bpmn:definitions").contains("Task_ReviewReferredCase");
    assertThat(trace.path("elements").path("Task_ReviewReferredCase").path("completed").asLong()).isEqualTo(1);
    assertThat(trace.path("elements").path("EndEvent_ApplicationRejected").path("completed").asLong()).isEqualTo(1);
    assertThat(trace.path("elements").has("Task_PrepareCreditProposal")).isFalse();
    assertThat(trace.path("takenFlows").size()).isGreaterThan(3);
    JsonNode review = trace.path("instances").path("Task_ReviewReferredCase").get(0);
    assertThat(review.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(review.path("by").toString()).contains("analyst");
    assertThat(review.path("endDate").asText()).isNotBlank();
    assertThat(trace.path("processInstanceKey").asText()).isEqualTo(String.valueOf(c.processInstanceKey()));

    // and the case page: rejected, the chain verified, the vote-less rejection in the trail
    Response casePage = page("auditor", "/applications/" + c.applicationId());
    assertThat(casePage.body()).contains("已否决").contains("id=\"chain-verified\"").contains("analyst")
        .contains("data-trace-url=\"/applications/" + c.applicationId() + "/trace?instance=" + c.processInstanceKey());
    // a process instance of another application is not traced through this one
    assertThat(page("auditor", "/applications/" + c.applicationId() + "/trace?instance=1").status()).isEqualTo(404);
  }

  @Test
  void shouldReachThePostLoanMonitoringOfADisbursedLoanFromTheCase() {
    // given: a loan approved by five head-office seats, signed and disbursed
    Case c = submitted();
    claimAndComplete("analyst", openTask(c, PREPARE), PROPOSAL);
    List<UserTask> seats = openTasks(c, APPROVE, 5);
    for (int i = 0; i < seats.size(); i++) {
      claimAndComplete("ho" + (i + 1), seats.get(i),
          "{\"decision\":\"APPROVE\",\"approvedAmount\":1000000,\"comment\":\"同意，风险可控。\"}");
    }
    claimAndComplete("manager", openTask(c, "Task_SignCreditAgreement"),
        "{\"agreementSigned\":true,\"signedOn\":\"2026-11-27\"}");

    // when: the case page links its monitoring instance
    String casePage = await().atMost(WAIT).until(() -> page("auditor", "/applications/" + c.applicationId()).body(),
        body -> body.contains("class=\"monitoring\""));
    Matcher tab = Pattern.compile("class=\"monitoring\"\\s+data-instance=\"(\\d+)\"").matcher(casePage);
    assertThat(tab.find()).as(casePage).isTrue();
    String monitoring = tab.group(1);

    // then: traced the same way
    JsonNode trace = page("auditor", "/applications/" + c.applicationId() + "/trace?instance=" + monitoring).json();
    assertThat(trace.path("bpmnProcessId").asText()).isEqualTo("post-loan-monitoring");
    assertThat(trace.path("elements").path("StartEvent_LoanDisbursed").path("completed").asLong()).isEqualTo(1);
    assertThat(trace.path("takenFlows").toString()).contains("Flow_MonitoringStarted");
    assertThat(page("auditor", "/applications/" + c.applicationId() + "?instance=" + monitoring).body())
        .contains("/trace?instance=" + monitoring).contains("贷后监控 " + monitoring);
    // and the approval's trace shows the seats and the disbursement
    JsonNode approval = page("auditor", "/applications/" + c.applicationId() + "/trace").json();
    assertThat(approval.path("elements").path(APPROVE).path("instances").asLong()).isEqualTo(5);
    assertThat(approval.path("elements").path(APPROVE).path("multiInstance").asBoolean()).isTrue();
    assertThat(approval.path("elements").path("Task_DisburseLoan").path("completed").asLong()).isEqualTo(1);
  }

  @Test
  void shouldTraceAnIncidentWhereItHappened() {
    // given: an application whose process waits in a job that failed without retries (an incident)
    camunda.newDeployResourceCommand().addResourceStringUtf8(FAILING_PROCESS, "case-incident.bpmn").send().join();
    String id = UUID.randomUUID().toString();
    long instance = camunda.newCreateInstanceCommand().bpmnProcessId("case-incident").latestVersion()
        .variables(Map.of("applicationId", id)).send().join().getProcessInstanceKey();
    Instant now = Instant.now();
    store.insertPending(new StoredApplication(id, ApplicationStatus.IN_REVIEW, "PROJECT", "事故测试企业",
        "91630100MA7510RN8X", new BigDecimal("1000000"), 12, null, "{}", null, "intake", now, now, null,
        "0".repeat(64)));
    store.attachProcess(id, instance);
    ActivatedJob job = await().atMost(WAIT).until(() -> camunda.newActivateJobsCommand().jobType("case-incident")
        .maxJobsToActivate(1).send().join().getJobs(), jobs -> !jobs.isEmpty()).get(0);
    camunda.newFailCommand(job.getKey()).retries(0).errorMessage("GPU租赁合同缺失").send().join();

    // when
    JsonNode trace = await().atMost(WAIT).until(() -> page("auditor", "/applications/" + id + "/trace").json(),
        t -> t != null && t.path("incidents").size() == 1);

    // then: the incident where it happened, the path up to it taken, the instance still active
    assertThat(trace.at("/incidents/0/elementId").asText()).isEqualTo("Task_Fails");
    assertThat(trace.at("/incidents/0/message").asText()).isEqualTo("GPU租赁合同缺失");
    assertThat(trace.at("/elements/Task_Fails/incidents").asLong()).isEqualTo(1);
    // as Operate counts: an active element instance with an incident is counted as an incident only
    assertThat(trace.at("/elements/Task_Fails/active").asLong()).isZero();
    assertThat(trace.at("/elements/Start/completed").asLong()).isEqualTo(1);
    assertThat(trace.path("takenFlows").toString()).contains("Flow_1").doesNotContain("Flow_2");
    assertThat(trace.at("/instances/Task_Fails/0/incident").asBoolean()).isTrue();
    assertThat(trace.path("state").asText()).isEqualTo("ACTIVE");
  }

  private static final String FAILING_PROCESS = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_CaseIncident"
          targetNamespace="http://bpmn.io/schema/bpmn">
        <bpmn:process id="case-incident" isExecutable="true">
          <bpmn:startEvent id="Start"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
          <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Fails" />
          <bpmn:serviceTask id="Task_Fails">
            <bpmn:extensionElements><zeebe:taskDefinition type="case-incident" /></bpmn:extensionElements>
            <bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing>
          </bpmn:serviceTask>
          <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Fails" targetRef="End" />
          <bpmn:endEvent id="End"><bpmn:incoming>Flow_2</bpmn:incoming></bpmn:endEvent>
        </bpmn:process>
      </bpmn:definitions>
      """;

  @Test
  void shouldNameTheFirstBrokenEventWhenTheTrailWasAltered() {
    // given: a finished case whose second audit event was rewritten in the database
    Case c = rejectedReferredCase();
    jdbc.sql("UPDATE audit_event SET actor = 'mallory' WHERE application_id = ? AND seq = 2")
        .param(c.applicationId()).update();

    // when
    Response r = page("auditor", "/applications/" + c.applicationId());

    // then: not verified; the first broken event named and marked in the trail
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).doesNotContain("id=\"chain-verified\"").contains("id=\"chain-broken\"")
        .contains("第一条异常事件：第 2 条").containsPattern("<tr data-seq=\"2\"\\s+class=\"bad-event\"");
  }

  @Test
  void shouldListTheEscalationsOfTheCase() {
    // given: the supervisor alerted about the overdue proposal, then the task moved up a level
    Case c = rejectedReferredCase();
    caseFile.recordStep(c.applicationId(), "ESCALATION", Map.of("kind", "SUPERVISOR_ALERTED", "overdueTask", PREPARE),
        null, "alert-supervisor", new CaseFile.ProcessRef(c.processInstanceKey(), "Event_Alert", 1, 9001));
    caseFile.recordStep(c.applicationId(), "ESCALATION", Map.of("kind", "MOVED_UP", "overdueTask", PREPARE,
        "fromGroup", "credit-analyst", "toGroup", "risk-manager"), null, "record-task-moved-up",
        new CaseFile.ProcessRef(c.processInstanceKey(), "Event_MovedUp", 2, 9002));

    // when
    String body = page("auditor", "/applications/" + c.applicationId()).body();

    // then: both, with the task and the groups by name; the chain still verified
    String escalations = body.substring(body.indexOf("id=\"escalations\""));
    assertThat(escalations).contains("已提醒主管").contains("已升级至上一级").contains("准备授信方案")
        .contains("授信分析岗 → 风险经理");
    assertThat(body).contains("id=\"chain-verified\"");
  }

  @Test
  void shouldDownloadADocumentOfTheCaseWithItsSha256() throws Exception {
    Case c = submitted();
    byte[] content = "资产负债表 2024".getBytes(StandardCharsets.UTF_8);
    String documentId = upload(c.applicationId(), content);
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));

    Response casePage = page("auditor", "/applications/" + c.applicationId());
    assertThat(casePage.body()).contains(sha256)
        .contains("href=\"/applications/" + c.applicationId() + "/documents/" + documentId + "\"");
    HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            api.uri("/applications/" + c.applicationId() + "/documents/" + documentId))
        .header("Authorization", ApiClient.basic("auditor", ApiClient.DEV_PASSWORD)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(content);
    assertThat(download.headers().firstValue("ETag")).contains("\"" + sha256 + "\"");
    // not for an intake officer
    assertThat(page("intake", "/applications/" + c.applicationId() + "/documents/" + documentId).status())
        .isEqualTo(403);
  }

  private String upload(String applicationId, byte[] content) {
    Response r = api.uploadBalanceSheet("analyst", applicationId, content);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("documentId").asText();
  }

  private long auditEvents(String applicationId) {
    return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE application_id = ?").param(applicationId)
        .query(Long.class).single();
  }
}
