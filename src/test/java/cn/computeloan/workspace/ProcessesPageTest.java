package cn.computeloan.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.computeloan.ComputeLoanApplication;
import cn.computeloan.application.ApiClient;
import cn.computeloan.application.ApiClient.Response;
import cn.computeloan.application.Multipart;
import io.camunda.client.annotation.Deployment;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The process owners' page over HTTP: who may read and who may deploy, the deployment log (start-up
 * and page deployments), versions, a refused file, DMN tables and instance counts.
 */
class ProcessesPageTest extends ProcessOwnerTestBase {

  private static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }

  private Response page(String user, String path) {
    return api.send(user, "GET", path, null);
  }

  private long esgDiscountKey(int version) {
    return await().atMost(WAIT).until(() -> camunda.newDecisionRequirementsSearchRequest()
            .filter(f -> f.decisionRequirementsId(ESG).version(version)).send().join().items(),
        items -> !items.isEmpty()).get(0).getDecisionRequirementsKey();
  }

  /** The row of one version in the page's tables. */
  private static String row(String html, String kind, String id, int version) {
    Matcher m = Pattern.compile("<tr class=\"version\" data-kind=\"" + kind + "\" data-id=\"" + Pattern.quote(id)
        + "\" data-version=\"" + version + "\">(.*?)</tr>", Pattern.DOTALL).matcher(html);
    assertThat(m.find()).as(kind + " " + id + " version " + version + " on the page").isTrue();
    return m.group(1);
  }

  @Test
  void shouldDeployAtStartUpWhatTheLogRecords() {
    // the log's patterns are the application's @Deployment
    assertThat(ComputeLoanApplication.class.getAnnotation(Deployment.class).resources())
        .containsExactlyElementsOf(cn.computeloan.workspace.processes.StartupDeployments.PATTERNS);
  }

  @Test
  void shouldListEveryDeployedProcessDecisionAndFormWithItsStartUpDeployment() throws Exception {
    // when
    Response r = page(OWNER, "/processes");

    // then: the models, decisions and forms of bpmn/ and forms/, recorded as deployed at start-up
    assertThat(r.status()).isEqualTo(200);
    String approval = row(r.body(), "process", "compute-loan-approval", 1);
    assertThat(approval).contains("compute-loan-approval.bpmn", "系统启动部署")
        .contains(sha256(Files.readAllBytes(Path.of("bpmn", "compute-loan-approval.bpmn"))).substring(0, 12));
    assertThat(row(r.body(), "decision", ESG, 1)).contains("esg-discount.dmn",
        sha256(esgDiscount().getBytes(StandardCharsets.UTF_8)));
    assertThat(row(r.body(), "form", "prepare-credit-proposal", 1)).contains("prepare-credit-proposal.form");
    assertThat(r.body()).contains("id=\"deploy-file\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"auditor", "admin"})
  void shouldLetAuditorsAndAdministratorsReadButNotDeploy(String user) {
    // when / then: they read the list, a diagram and a decision's tables
    Response list = page(user, "/processes");
    assertThat(list.status()).isEqualTo(200);
    assertThat(page(user, "/tasks").body()).contains("id=\"nav-processes\"");
    assertThat(list.body()).contains("compute-loan-approval").doesNotContain("id=\"deploy-file\"");
    long process = camunda.newProcessDefinitionSearchRequest().filter(f -> f.processDefinitionId("compute-loan-approval"))
        .send().join().items().get(0).getProcessDefinitionKey();
    assertThat(page(user, "/processes/definitions/" + process).status()).isEqualTo(200);
    assertThat(page(user, "/processes/decisions/" + esgDiscountKey(1)).status()).isEqualTo(200);

    // but deploying is refused, and nothing is deployed or logged
    int rows = logRows();
    assertThat(deploy(user, "esg-discount.dmn", changedEsgDiscount(30)).status()).isEqualTo(403);
    assertThat(logRows()).isEqualTo(rows);
  }

  @ParameterizedTest
  @ValueSource(strings = {"intake", "analyst", "ho1", "manager"})
  void shouldRefuseTheProcessPagesToOtherStaff(String user) {
    assertThat(page(user, "/processes").status()).isEqualTo(403);
    assertThat(page(user, "/tasks").body()).doesNotContain("id=\"nav-processes\"");
    assertThat(page(user, "/processes/decisions/" + esgDiscountKey(1)).status()).isEqualTo(403);
    assertThat(deploy(user, "esg-discount.dmn", changedEsgDiscount(30)).status()).isEqualTo(403);
    Response anonymous = page(null, "/processes");
    assertThat(anonymous.status()).isEqualTo(302);
    assertThat(anonymous.header("Location")).endsWith("/login");
  }

  @Test
  void shouldDeployANewVersionAndRecordWhoDeployedItFromWhichFile() throws Exception {
    // given
    String changed = changedEsgDiscount(30);
    int before = latestEsgDiscountVersion();

    // when: the process owner deploys the changed table
    Response r = deploy(OWNER, "esg-discount.dmn", changed);

    // then: a new version beside the earlier ones, deployed by the owner, with the file's checksum
    assertThat(r.status()).as(r.body()).isEqualTo(302);
    int after = before + 1;
    long key = esgDiscountKey(after);
    Map<String, Object> logged = jdbc.sql("SELECT * FROM deployment_log WHERE kind = 'DECISION_REQUIREMENTS' "
        + "AND definition_key = ?").param(key).query().singleRow();
    assertThat(logged).containsEntry("deployed_by", OWNER).containsEntry("resource_name", "esg-discount.dmn")
        .containsEntry("sha256", sha256(changed.getBytes(StandardCharsets.UTF_8))).containsEntry("version", after);
    String list = page(OWNER, "/processes").body();
    assertThat(row(list, "decision", ESG, after)).contains(OWNER, "esg-discount.dmn");
    assertThat(row(list, "decision", ESG, 1)).contains("系统启动部署");
    String tables = page(OWNER, "/processes/decisions/" + key).body();
    assertThat(tables).contains("<td class=\"output\">30</td>").doesNotContain("<td class=\"output\">25</td>");

    // and the same file again is no new version and no new row
    int rows = logRows();
    assertThat(deploy(OWNER, "esg-discount.dmn", changed).status()).isEqualTo(302);
    assertThat(logRows()).isEqualTo(rows);
    assertThat(latestEsgDiscountVersion()).isEqualTo(after);
  }

  @Test
  void shouldRefuseADeploymentRidingOnTheSessionWithoutTheCsrfToken() throws Exception {
    // given: the owner signed in with the login form (a session, no Authorization header)
    HttpClient session = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(session.send(
        HttpRequest.newBuilder(api.uri("/login")).build(), HttpResponse.BodyHandlers.ofString()).body());
    assertThat(csrf.find()).isTrue();
    HttpResponse<String> login = session.send(HttpRequest.newBuilder(api.uri("/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=owner&password=" + ApiClient.DEV_PASSWORD + "&_csrf="
            + csrf.group(1))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.headers().firstValue("Location").orElse("")).endsWith("/tasks");
    int rows = logRows();

    // when: a deployment on that session without the page's token
    Multipart file = Multipart.file("file", "esg-discount.dmn", changedEsgDiscount(40).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r = session.send(HttpRequest.newBuilder(api.uri("/processes/deployments"))
        .header("Content-Type", file.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(file.body())).build(),
        HttpResponse.BodyHandlers.ofString());

    // then: refused, nothing deployed or logged (the session itself is fine: the page opens)
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(logRows()).isEqualTo(rows);
    assertThat(session.send(HttpRequest.newBuilder(api.uri("/processes")).build(), HttpResponse.BodyHandlers.ofString())
        .statusCode()).isEqualTo(200);
  }

  @Test
  void shouldDeployANewVersionOfAForm() throws Exception {
    // given: the early-warning form with a reworded heading
    String form = Files.readString(Path.of("forms", "review-early-warning.form"))
        .replace("# 贷后预警处置", "# 贷后预警处置（新版）");

    // when
    Response r = deploy(OWNER, "review-early-warning.form", form);

    // then: version 2 beside the start-up's version 1, with who and the checksum
    assertThat(r.status()).as(r.body()).isEqualTo(302);
    String list = page(OWNER, "/processes").body();
    assertThat(row(list, "form", "review-early-warning", 2)).contains(OWNER, "review-early-warning.form",
        sha256(form.getBytes(StandardCharsets.UTF_8)));
    assertThat(row(list, "form", "review-early-warning", 1)).contains("系统启动部署");
  }

  @Test
  void shouldRefuseAnInvalidModelWithTheEnginesReasonAndRecordNothing() {
    // given: a service task without a job type
    String broken = modelWithoutJobType("owner-broken");
    int rows = logRows();

    // when
    Response r = deploy(OWNER, "broken.bpmn", broken);

    // then: the engine's reason, naming the element and the problem; nothing deployed, nothing logged
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("id=\"deploy-refused\"", "引擎拒绝了该文件", "Task_WithoutType", "zeebe:taskDefinition");
    assertThat(logRows()).isEqualTo(rows);
    assertThat(camunda.newProcessDefinitionSearchRequest().filter(f -> f.processDefinitionId("owner-broken"))
        .send().join().items()).isEmpty();
  }

  @Test
  void shouldRefuseADecisionTableWithABrokenRuleWithTheEnginesReason() {
    // given: rule 2's rating-change entry is no FEEL
    String broken = esgDiscount().replaceFirst("<text>&gt; 0</text>", "<text>&gt; &gt; 0</text>");
    int version = latestEsgDiscountVersion();
    int rows = logRows();

    // when
    Response r = deploy(OWNER, "esg-discount.dmn", broken);

    // then: the engine's reason names the expression; no new version, no row
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("id=\"deploy-refused\"", "esg-discount.dmn", "&gt; &gt; 0");
    assertThat(latestEsgDiscountVersion()).isEqualTo(version);
    assertThat(logRows()).isEqualTo(rows);
  }

  @Test
  void shouldRefuseFilesOfOtherKindsEmptyOrTooLarge() {
    int rows = logRows();
    assertThat(deploy(OWNER, "notes.txt", "hello").body()).contains("只能部署 .bpmn、.dmn 或 .form 文件");
    assertThat(deploy(OWNER, "empty.dmn", "").body()).contains("未选择文件或文件为空");
    Response large = deploy(OWNER, "large.form", "{" + " ".repeat(1024 * 1024) + "}");
    assertThat(large.status()).isEqualTo(400);
    assertThat(large.body()).contains("文件过大");
    assertThat(logRows()).isEqualTo(rows);
  }

  @Test
  void shouldRenderADecisionTableWithItsHitPolicyInputsOutputsAndRules() {
    // when
    String html = page(OWNER, "/processes/decisions/" + esgDiscountKey(1)).body();

    // then
    assertThat(html).contains("data-decision=\"EsgDiscount\"", "<strong>FIRST</strong>", "9 条规则",
        "<span>ESG rating</span>", "<code>esgRating</code>", "<code>discountBp</code>",
        "<td class=\"input\">&quot;AAA&quot;,&quot;AA&quot;</td>", "<td class=\"output\">25</td>",
        "top: ESG rating AA or better and upgraded");
  }

  @Test
  void shouldCountRunningCompletedAndCancelledInstancesPerVersion() {
    // given: a process with one user task, three instances: one left running, one completed, one cancelled
    String model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
          <bpmn:process id="owner-counted" name="Counted" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:userTask id="check"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements>
              <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
            <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check"/>
            <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="end"/>
          </bpmn:process>
        </bpmn:definitions>""";
    assertThat(deploy(OWNER, "counted.bpmn", model).status()).isEqualTo(302);
    long[] instances = new long[3];
    for (int i = 0; i < 3; i++) {
      instances[i] = camunda.newCreateInstanceCommand().bpmnProcessId("owner-counted").latestVersion().send().join()
          .getProcessInstanceKey();
    }
    camunda.newCancelInstanceCommand(instances[2]).send().join();
    long task = await().atMost(WAIT).until(() -> camunda.newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(instances[1])).send().join().items(), l -> !l.isEmpty()).get(0).getUserTaskKey();
    camunda.newCompleteUserTaskCommand(task).send().join();
    await().atMost(WAIT).until(() -> camunda.newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId("owner-counted").state(ProcessInstanceState.ACTIVE))
        .send().join().items().size() == 1);

    // when
    String counted = row(page(OWNER, "/processes").body(), "process", "owner-counted", 1);

    // then
    assertThat(counted).contains("<td class=\"num running\">1</td>", "<td class=\"num completed\">1</td>",
        "<td class=\"num terminated\">1</td>", "counted.bpmn", OWNER);
  }

  @Test
  void shouldShowAProcessVersionsDiagramFromTheEnginesXml() {
    long key = camunda.newProcessDefinitionSearchRequest().filter(f -> f.processDefinitionId("post-loan-monitoring"))
        .send().join().items().get(0).getProcessDefinitionKey();

    String html = page("auditor", "/processes/definitions/" + key).body();

    assertThat(html).contains("id=\"diagram\"", "id=\"diagram-xml\"", "bpmn-navigated-viewer.production.min.js",
        "post-loan-monitoring.bpmn");
    assertThat(page("auditor", "/processes/definitions/999999999").status()).isEqualTo(404);
    assertThat(page("auditor", "/processes/definitions/9999999999999999999").status()).isEqualTo(404);
    assertThat(page("auditor", "/processes/decisions/999999999").status()).isEqualTo(404);
  }

  @Test
  void shouldLetAProcessOwnerDeployWithModelerOnTheEngineApiAndNothingElse() {
    // given: what Camunda Modeler sends
    String model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <bpmn:process id="owner-modeler" isExecutable="true"><bpmn:startEvent id="start"/></bpmn:process>
        </bpmn:definitions>""";

    // when / then: topology and deployment are allowed
    assertThat(page(OWNER, "/v2/topology").status()).isEqualTo(200);
    Response deployed = Multipart.file("resources", "modeler.bpmn", model.getBytes(StandardCharsets.UTF_8))
        .post(api, OWNER, "/v2/deployments");
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
    // a version deployed by other means: who, when and the checksum are unknown
    assertThat(row(page(OWNER, "/processes").body(), "process", "owner-modeler", 1)).contains("modeler.bpmn", "未知");

    // and nothing else on /v2, and no case data on /api
    assertThat(api.send(OWNER, "POST", "/v2/process-instances", "{\"processDefinitionId\":\"owner-modeler\"}").status())
        .isEqualTo(403);
    assertThat(api.send(OWNER, "POST", "/v2/process-instances/search", "{}").status()).isEqualTo(403);
    assertThat(api.send(OWNER, "POST", "/v2/user-tasks/search", "{}").status()).isEqualTo(403);
    assertThat(api.send(OWNER, "POST", "/v2/process-definitions/search", "{}").status()).isEqualTo(403);
    assertThat(api.send(OWNER, "GET", "/api/applications", null).status()).isEqualTo(403);
  }
}
