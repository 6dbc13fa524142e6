package cn.computeloan.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.computeloan.engine.api.ActivatedJob;
import cn.computeloan.engine.query.ReadModel;
import cn.computeloan.engine.testing.FakeEngine;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivateJobsResponse;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.CamundaFuture;
import cn.computeloan.engine.testing.EngineClientCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.client.enabled=false", "compute-loan.engine.testing-api.enabled=true",
        "compute-loan.engine.embedded.processing.enabled=false"})
class EngineRestApiTest {

  private static final String BPMN = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
        <bpmn:process id="order" isExecutable="true"><bpmn:startEvent id="start"/></bpmn:process>
      </bpmn:definitions>
      """;

  @TestConfiguration
  static class FakeEngineConfiguration {
    @Bean
    FakeEngine fakeEngine() {
      return new FakeEngine();
    }
  }

  @LocalServerPort int port;
  @Autowired FakeEngine engine;
  @Autowired ReadModel readModel;

  private CamundaClient client;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void connect() {
    engine.reset();
    readModel.clear();
    readModel.searchTimeBudget(ReadModel.DEFAULT_SEARCH_TIME_BUDGET);
    client = CamundaClient.newClientBuilder()
        .restAddress(URI.create("http://localhost:" + port))
        .preferRestOverGrpc(true)
        .build();
  }

  @AfterEach
  void close() {
    client.close();
  }

  private static ActivatedJob job(long key) {
    return new ActivatedJob(key, "charge", 1, "order", 1, 100, "task", 10, Map.of("h", "v"), "w", 3,
        1_795_000_000_000L, Map.of("amount", 5), "<default>", "BPMN_ELEMENT", "UNSPECIFIED", null);
  }

  private HttpResponse<String> send(String method, String path, String json) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json")
        .header("Authorization", EngineClientCredentials.authorization())
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldDeployResourceAndAnswerItsXml() throws Exception {
    // when
    DeploymentEvent deployment = client.newDeployResourceCommand()
        .addResourceStringUtf8(BPMN, "order.bpmn").send().join();
    // then
    assertThat(deployment.getProcesses()).singleElement().satisfies(process -> {
      assertThat(process.getBpmnProcessId()).isEqualTo("order");
      assertThat(process.getResourceName()).isEqualTo("order.bpmn");
    });
    long key = deployment.getProcesses().get(0).getProcessDefinitionKey();
    assertThat(client.newProcessDefinitionGetXmlRequest(key).send().join()).isEqualTo(BPMN);
    assertThat(client.newProcessDefinitionSearchRequest().send().join().items()).hasSize(1);
  }

  @Test
  void shouldCreateInstanceAndFindIt() {
    // when
    ProcessInstanceEvent created = client.newCreateInstanceCommand()
        .bpmnProcessId("order").latestVersion().variables(Map.of("amount", 5)).send().join();
    // then
    assertThat(engine.calls).contains("create order {amount=5} await=false");
    List<ProcessInstance> found = client.newProcessInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(created.getProcessInstanceKey())).send().join().items();
    assertThat(found).singleElement().satisfies(instance -> {
      assertThat(instance.getState()).isEqualTo(ProcessInstanceState.ACTIVE);
      assertThat(instance.getStartDate()).isNotNull();
    });
    assertThat(client.newProcessInstanceGetRequest(created.getProcessInstanceKey()).send().join().getProcessDefinitionId())
        .isEqualTo("order");
  }

  @Test
  void shouldAnswerCreationWithResultWhenAwaited() {
    // when
    var result = client.newCreateInstanceCommand().bpmnProcessId("order").latestVersion().withResult().send().join();
    // then
    assertThat(result.getVariablesAsMap()).containsEntry("done", true);
  }

  @Test
  void shouldHoldActivationUntilJobArrives() {
    // given
    // generous: on a loaded machine the poll must still be waiting when the job is offered
    CamundaFuture<ActivateJobsResponse> poll = client.newActivateJobsCommand()
        .jobType("charge").maxJobsToActivate(1).requestTimeout(Duration.ofSeconds(60)).send();
    await().atMost(Duration.ofSeconds(30)).until(engine::hasWaitingPoll);
    // when
    engine.offer(job(4242));
    // then
    ActivateJobsResponse response = poll.join();
    assertThat(response.getJobs()).singleElement().satisfies(job -> {
      assertThat(job.getKey()).isEqualTo(4242);
      assertThat(job.getVariablesAsMap()).containsEntry("amount", 5);
      assertThat(job.getCustomHeaders()).containsEntry("h", "v");
    });
  }

  @Test
  void shouldAnswerEmptyActivationAfterRequestTimeout() {
    // when
    ActivateJobsResponse response = client.newActivateJobsCommand()
        .jobType("none").maxJobsToActivate(1).requestTimeout(Duration.ofMillis(200)).send().join();
    // then
    assertThat(response.getJobs()).isEmpty();
  }

  @Test
  void shouldCompleteFailAndThrowErrorOnJobs() {
    // when
    client.newCompleteCommand(11).variables(Map.of("ok", true)).send().join();
    client.newFailCommand(12).retries(2).errorMessage("down").send().join();
    client.newThrowErrorCommand(13).errorCode("NO_FUNDS").send().join();
    client.newUpdateRetriesCommand(14).retries(5).send().join();
    // then
    assertThat(engine.calls).containsExactly(
        "complete 11 {ok=true}", "fail 12 retries=2 down", "error 13 NO_FUNDS", "update 14 retries=5 timeout=null");
  }

  @Test
  void shouldAnswerNotFoundProblemForUnknownJob() {
    // when / then
    assertThatThrownBy(() -> client.newCompleteCommand(FakeEngine.UNKNOWN_KEY).send().join())
        .isInstanceOf(ProblemException.class)
        .satisfies(e -> {
          ProblemException problem = (ProblemException) e;
          assertThat(problem.code()).isEqualTo(404);
          assertThat(problem.details().getTitle()).isEqualTo("NOT_FOUND");
          assertThat(String.valueOf(problem.details().getInstance())).isEqualTo("/v2/jobs/" + FakeEngine.UNKNOWN_KEY + "/completion");
        });
  }

  @Test
  void shouldAnswerConflictProblemForRefusedAssignment() {
    // when / then
    assertThatThrownBy(() -> client.newAssignUserTaskCommand(FakeEngine.UNKNOWN_KEY + 1).assignee("demo").send().join())
        .isInstanceOf(ProblemException.class)
        .satisfies(e -> assertThat(((ProblemException) e).code()).isEqualTo(409));
  }

  @Test
  void shouldPassMessagesAndSignalsToEngine() {
    // when
    var published = client.newPublishMessageCommand().messageName("paid").correlationKey("order-1").send().join();
    var signal = client.newBroadcastSignalCommand().signalName("stop").send().join();
    // then
    assertThat(published.getMessageKey()).isPositive();
    assertThat(signal.getKey()).isPositive();
    assertThat(engine.calls).containsExactly("publish paid order-1", "signal stop");
  }

  @Test
  void shouldRunUserTaskCommandsAsTheAuthenticatedClient() {
    // when
    client.newAssignUserTaskCommand(7).assignee("demo").send().join();
    client.newUnassignUserTaskCommand(7).send().join();
    client.newUpdateUserTaskCommand(7).priority(80).send().join();
    client.newCompleteUserTaskCommand(7).variables(Map.of("approved", true)).send().join();
    // then
    assertThat(engine.calls).containsExactly(
        "assign 7 demo action=assign override=true",
        "unassign 7",
        "updateTask 7 priority=80 groups=null",
        "completeTask 7 {approved=true} action=complete actor=compute-loan-engine");
  }

  @Test
  void shouldSearchIncidentsUserTasksAndVariables() {
    // given
    engine.emit(
        engine.records.instance(1, "ELEMENT_ACTIVATING"),
        engine.records.variable(20, "CREATED", 1, 1, "amount", "250"),
        engine.records.incident(30, "CREATED", 1, 10, 40),
        engine.records.userTask(50, "CREATED", 1, 10, "demo", -1));
    // when
    var incidents = client.newIncidentSearchRequest().filter(f -> f.processInstanceKey(1L)).send().join().items();
    var tasks = client.newUserTaskSearchRequest().filter(f -> f.assignee("demo")).send().join().items();
    var variables = client.newVariableSearchRequest().filter(f -> f.name("amount")).send().join().items();
    // then
    assertThat(incidents).singleElement().satisfies(i -> assertThat(i.getIncidentKey()).isEqualTo(30));
    assertThat(tasks).singleElement().satisfies(t -> assertThat(t.getUserTaskKey()).isEqualTo(50));
    assertThat(variables).singleElement().satisfies(v -> {
      assertThat(v.getValue()).isEqualTo("250");
      assertThat(v.getVariableKey()).isEqualTo(20);
    });
  }

  @Test
  void shouldAnswerServiceUnavailableProblemWhenASearchRunsPastItsBudget() throws Exception {
    // given
    engine.emit(engine.records.instance(1, "ELEMENT_ACTIVATING"), engine.records.instance(2, "ELEMENT_ACTIVATING"));
    readModel.searchTimeBudget(Duration.ofNanos(1));
    // when
    HttpResponse<String> response = send("POST", "/v2/process-instances/search", "{}");
    // then
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("\"title\":\"SEARCH_TIMEOUT\"").contains("time budget");
  }

  @Test
  void shouldReportHealthyTopology() {
    // when
    var topology = client.newTopologyRequest().send().join();
    // then
    assertThat(topology.getBrokers()).singleElement()
        .satisfies(b -> assertThat(b.getPartitions()).singleElement().satisfies(p -> assertThat(p.isLeader()).isTrue()));
    assertThat(topology.getGatewayVersion()).isEqualTo("8.8.14");
  }

  @Test
  void shouldAnswerNoContentWithEmptyBodyForCommands() throws Exception {
    // when
    HttpResponse<String> response = send("POST", "/v2/process-instances/5/cancellation", null);
    // then
    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void shouldAnswerBadRequestProblemNamingMissingField() throws Exception {
    // when
    HttpResponse<String> response = send("POST", "/v2/messages/publication", "{\"correlationKey\":\"x\"}");
    // then
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("\"title\":\"INVALID_ARGUMENT\"").contains("name");
  }

  @Test
  void shouldAnswerBadRequestProblemForMalformedJson() throws Exception {
    // when
    HttpResponse<String> response = send("POST", "/v2/process-instances/search", "{not json");
    // then
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"type\":\"about:blank\"");
  }

  @Test
  void shouldAnswerNotImplementedProblemForUnsupportedFeature() throws Exception {
    // when
    HttpResponse<String> response = send("POST", "/v2/process-instances/5/migration", "{}");
    // then
    assertThat(response.statusCode()).isEqualTo(501);
    assertThat(response.body()).contains("not supported by the embedded engine");
  }

  @ParameterizedTest
  @ValueSource(longs = {FakeEngine.FAILING_KEY, FakeEngine.FAILING_LATER_KEY})
  @ExtendWith(OutputCaptureExtension.class)
  void shouldAnswerAnUnexpectedFailureWithACorrelationIdAndNoDetails(long userTaskKey, CapturedOutput log)
      throws Exception {
    // when
    HttpResponse<String> response = send("POST", "/v2/user-tasks/" + userTaskKey + "/completion", "{}");
    // then
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    String correlationId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body())
        .path("correlationId").asText();
    assertThat(correlationId).matches("[0-9a-f]{16}");
    assertThat(response.body()).contains("\"title\":\"INTERNAL_ERROR\"")
        .doesNotContain("SELECT", "password", "IllegalStateException", "java.");
    assertThat(log.getOut()).containsPattern("ERROR .*correlationId=" + correlationId);
    assertThat(log.getOut()).contains(FakeEngine.FAILURE_MESSAGE);
  }

  @Test
  void shouldRefuseTheTestingApiToAnonymousCallersEvenWhenItIsOn() throws Exception {
    // when
    HttpResponse<String> clock = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/actuator/clock")).GET().build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> purge = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/actuator/cluster/purge")).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    // then
    assertThat(clock.statusCode()).isEqualTo(401);
    assertThat(purge.statusCode()).isEqualTo(401);
    assertThat(engine.purges).isZero();
  }

  @Test
  void shouldMoveClockAndPurgeThroughActuatorEndpoints() throws Exception {
    // when
    HttpResponse<String> added = send("POST", "/actuator/clock/add", "{\"offsetMilli\":60000}");
    HttpResponse<String> clock = send("GET", "/actuator/clock", null);
    HttpResponse<String> purge = send("POST", "/actuator/cluster/purge", null);
    // then
    assertThat(added.statusCode()).isEqualTo(200);
    assertThat(clock.body()).contains("\"epochMilli\":" + (1_795_000_000_000L + 60_000));
    assertThat(purge.body()).contains("\"changeId\":");
    assertThat(engine.purges).isEqualTo(1);
    assertThat(client.newTopologyRequest().send().join()).isNotNull();
    assertThat(send("GET", "/v2/topology", null).body()).doesNotContain("\"lastCompletedChangeId\":\"-1\"");
  }

  @Test
  void shouldAnswerInstanceDetailsThroughClient() {
    // given
    engine.emit(
        engine.records.instance(1, "ELEMENT_ACTIVATING"),
        engine.records.element(10, "ELEMENT_ACTIVATING", 1, "start", "START_EVENT", 1),
        engine.records.element(10, "ELEMENT_COMPLETED", 1, "start", "START_EVENT", 1),
        engine.records.sequenceFlow(11, 1, "toReview"),
        engine.records.element(12, "ELEMENT_ACTIVATING", 1, "review", "USER_TASK", 1),
        engine.records.variable(20, "CREATED", 1, 1, "amount", "250"),
        engine.records.userTask(50, "CREATED", 1, 12, null, -1),
        engine.records.job(60, "CREATED", 1, 12, 3));
    // when
    var flows = client.newProcessInstanceSequenceFlowsRequest(1).send().join();
    var statistics = client.newProcessInstanceElementStatisticsRequest(1).send().join();
    var hierarchy = client.newProcessInstanceGetCallHierarchyRequest(1L).send().join();
    var elements = client.newElementInstanceSearchRequest().filter(f -> f.elementId("review")).send().join().items();
    var taskVariables = client.newUserTaskVariableSearchRequest(50).send().join().items();
    var jobs = client.newJobSearchRequest().filter(f -> f.processInstanceKey(1L)).send().join().items();
    // then
    assertThat(flows).singleElement().satisfies(f -> assertThat(f.getSequenceFlowId()).isEqualTo("toReview"));
    assertThat(statistics).extracting(s -> s.getElementId() + ":" + s.getActive() + "/" + s.getCompleted())
        .containsExactly("review:1/0", "start:0/1");
    assertThat(hierarchy).singleElement().satisfies(h -> assertThat(h.getProcessInstanceKey()).isEqualTo(1L));
    assertThat(elements).singleElement().satisfies(e -> assertThat(e.getElementInstanceKey()).isEqualTo(12));
    assertThat(taskVariables).singleElement().satisfies(v -> assertThat(v.getName()).isEqualTo("amount"));
    assertThat(jobs).singleElement().satisfies(j -> assertThat(j.getJobKey()).isEqualTo(60));
  }

  @Test
  void shouldSetVariablesOnElementInstance() {
    // when
    client.newSetVariablesCommand(12).variables(Map.of("x", 1)).local(true).send().join();
    // then
    assertThat(engine.calls).containsExactly("variables 12 {x=1} local=true");
  }
}
