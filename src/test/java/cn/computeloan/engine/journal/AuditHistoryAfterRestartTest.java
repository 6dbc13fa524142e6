package cn.computeloan.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.ComputeLoanApplication;
import cn.computeloan.engine.query.ReadModel;
import cn.computeloan.engine.query.search.SearchableEntity;
import cn.computeloan.engine.testing.EngineClientCredentials;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.Variable;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole application on an H2 file, restarted: what an auditor looks up over the v2 search API
 * after the restart — the instance and its definition version, every element instance, variables,
 * the user task's assignee and completion, the incident and its resolution, the decision evaluated,
 * the path taken and the element statistics — comes back from the journal.
 */
class AuditHistoryAfterRestartTest {

  /** The same risk table as the snapshot scenario's. */
  private static final String DMN = RichSnapshotScenario.DMN;

  private static final String BPMN = Bpmn.convertToString(Bpmn.createExecutableProcess("audited")
      .startEvent("received")
      .businessRuleTask("assessRisk", t -> t.zeebeCalledDecisionId("risk").zeebeResultVariable("risk"))
      .userTask("approve", u -> u.zeebeUserTask())
      .serviceTask("disburse", t -> t.zeebeJobType("audit-disburse"))
      .endEvent("done")
      .done());

  @TempDir Path folder;

  @Test
  void shouldServeTheAuditHistoryOfAFinishedInstanceAfterRestart() {
    long instance;
    try (ConfigurableApplicationContext app = start()) {
      CamundaClient client = app.getBean(CamundaClient.class);
      client.newDeployResourceCommand().addResourceStringUtf8(DMN, "risk.dmn").addResourceStringUtf8(BPMN, "audited.bpmn")
          .send().join();
      instance = client.newCreateInstanceCommand().bpmnProcessId("audited").latestVersion()
          .variables(Map.of("amount", 80)).send().join().getProcessInstanceKey();

      long task = awaitUserTask(client, instance);
      client.newAssignUserTaskCommand(task).assignee("alice").send().join();
      client.newCompleteUserTaskCommand(task).variables(Map.of("approved", true)).send().join();

      ActivatedJob job = activate(client);
      client.newFailCommand(job.getKey()).retries(0).errorMessage("bank system down").send().join();
      long incident = client.newIncidentSearchRequest().filter(f -> f.processInstanceKey(instance)).send().join()
          .items().get(0).getIncidentKey();
      client.newUpdateRetriesCommand(job.getKey()).retries(1).send().join();
      client.newResolveIncidentCommand(incident).send().join();
      client.newCompleteCommand(activate(client).getKey()).variables(Map.of("disbursed", true)).send().join();
    }

    try (ConfigurableApplicationContext app = start()) {
      CamundaClient client = app.getBean(CamundaClient.class);
      ReadModel readModel = app.getBean(ReadModel.class);
      readModel.beforeSnapshot();
      assertThat(readModel.documentsInMemory()).as("the finished instance is served from the history archive")
          .containsEntry(SearchableEntity.PROCESS_INSTANCE, 0).containsEntry(SearchableEntity.VARIABLE, 0);

      var process = client.newProcessInstanceGetRequest(instance).send().join();
      assertThat(process.getState()).isEqualTo(ProcessInstanceState.COMPLETED);
      assertThat(process.getProcessDefinitionVersion()).isEqualTo(1);
      assertThat(process.getEndDate()).isNotNull();

      List<ElementInstance> elements = client.newElementInstanceSearchRequest()
          .filter(f -> f.processInstanceKey(instance)).send().join().items();
      assertThat(elements).extracting(ElementInstance::getElementId)
          .contains("received", "assessRisk", "approve", "disburse", "done");
      assertThat(elements).allSatisfy(e -> {
        assertThat(e.getState()).isEqualTo(ElementInstanceState.COMPLETED);
        assertThat(e.getStartDate()).isNotNull();
        assertThat(e.getEndDate()).isNotNull();
      });

      Map<String, String> variables = client.newVariableSearchRequest().filter(f -> f.processInstanceKey(instance))
          .send().join().items().stream().collect(Collectors.toMap(Variable::getName, Variable::getValue));
      assertThat(variables).containsEntry("amount", "80").containsEntry("risk", "\"HIGH\"")
          .containsEntry("approved", "true").containsEntry("disbursed", "true");

      var task = client.newUserTaskSearchRequest().filter(f -> f.processInstanceKey(instance)).send().join().items();
      assertThat(task).singleElement().satisfies(t -> {
        assertThat(t.getState()).isEqualTo(UserTaskState.COMPLETED);
        assertThat(t.getAssignee()).isEqualTo("alice");
        assertThat(t.getCompletionDate()).isNotNull();
      });

      var incidents = client.newIncidentSearchRequest().filter(f -> f.processInstanceKey(instance)).send().join().items();
      assertThat(incidents).singleElement().satisfies(i -> {
        assertThat(i.getState()).isEqualTo(IncidentState.RESOLVED);
        assertThat(i.getErrorMessage()).isEqualTo("bank system down");
      });

      var decisions = client.newDecisionInstanceSearchRequest().filter(f -> f.processInstanceKey(instance)).send().join()
          .items();
      assertThat(decisions).singleElement().satisfies(d -> {
        assertThat(d.getDecisionDefinitionId()).isEqualTo("risk");
        assertThat(d.getDecisionDefinitionVersion()).isEqualTo(1);
        assertThat(d.getResult()).isEqualTo("\"HIGH\"");
      });
      var decision = client.newDecisionInstanceGetRequest(decisions.get(0).getDecisionInstanceId()).send().join();
      assertThat(decision.getEvaluatedInputs()).isNotEmpty();
      assertThat(decision.getMatchedRules()).extracting(r -> r.getRuleId()).containsExactly("high");

      var flows = client.newProcessInstanceSequenceFlowsRequest(instance).send().join();
      assertThat(flows).hasSize(4);
      var statistics = client.newProcessInstanceElementStatisticsRequest(instance).send().join();
      assertThat(statistics).extracting(s -> s.getElementId() + ":" + s.getCompleted())
          .contains("assessRisk:1", "approve:1", "disburse:1", "done:1");

      assertVariableChangesOverHttp(app, client, instance);
    }
  }

  /** The engine's variable-change extension, with the same basic auth as /v2. */
  private static void assertVariableChangesOverHttp(ConfigurableApplicationContext app, CamundaClient client,
      long instance) {
    long approved = client.newVariableSearchRequest().filter(f -> f.processInstanceKey(instance).name("approved"))
        .send().join().items().get(0).getVariableKey();
    long userTaskElement = client.newUserTaskSearchRequest().filter(f -> f.processInstanceKey(instance)).send().join()
        .items().get(0).getElementInstanceKey();
    String url = "http://localhost:" + app.getEnvironment().getProperty("local.server.port")
        + "/v2/variables/" + approved + "/changes/search";
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> anonymous = send(http, HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertThat(anonymous.statusCode()).isEqualTo(401);

    HttpResponse<String> changes = send(http, HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json").header("Authorization", EngineClientCredentials.authorization())
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertThat(changes.statusCode()).isEqualTo(200);
    try {
      JsonNode items = new ObjectMapper().readTree(changes.body()).get("items");
      assertThat(items).hasSize(1);
      assertThat(items.get(0).get("changeType").asText()).isEqualTo("CREATED");
      assertThat(items.get(0).get("value").asText()).isEqualTo("true");
      assertThat(items.get(0).get("writerElementId").asText()).isEqualTo("approve");
      assertThat(items.get(0).get("writerElementInstanceKey").asLong()).isEqualTo(userTaskElement);
      assertThat(items.get(0).hasNonNull("changeTime")).isTrue();
      HttpResponse<String> all = send(http, HttpRequest.newBuilder(URI.create(url.replace(
              "/v2/variables/" + approved + "/changes/search", "/v2/variable-changes/search")))
          .header("Content-Type", "application/json").header("Authorization", EngineClientCredentials.authorization())
          .POST(HttpRequest.BodyPublishers.ofString("{\"filter\":{\"processInstanceKey\":\"" + instance + "\"}}"))
          .build());
      JsonNode allItems = new ObjectMapper().readTree(all.body()).get("items");
      assertThat(allItems).extracting(change -> change.get("name").asText())
          .contains("amount", "risk", "approved", "disbursed");
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(ComputeLoanApplication.class).run(
        "--server.port=0",
        "--spring.main.banner-mode=off",
        "--spring.datasource.url=" + JournalDatabase.h2Url(folder));
  }

  private static long awaitUserTask(CamundaClient client, long instance) {
    for (int attempt = 0; attempt < 100; attempt++) {
      var tasks = client.newUserTaskSearchRequest().filter(f -> f.processInstanceKey(instance)).send().join().items();
      if (!tasks.isEmpty()) {
        return tasks.get(0).getUserTaskKey();
      }
      sleep();
    }
    throw new AssertionError("no user task");
  }

  private static ActivatedJob activate(CamundaClient client) {
    for (int attempt = 0; attempt < 100; attempt++) {
      var jobs = client.newActivateJobsCommand().jobType("audit-disburse").maxJobsToActivate(1).send().join().getJobs();
      if (!jobs.isEmpty()) {
        return jobs.get(0);
      }
      sleep();
    }
    throw new AssertionError("no job");
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
