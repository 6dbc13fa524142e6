package cn.computeloan.engine.conformance;

import static cn.computeloan.engine.conformance.Conformance.activateOne;
import static cn.computeloan.engine.conformance.Conformance.deploy;
import static cn.computeloan.engine.conformance.Conformance.problem;
import static cn.computeloan.engine.conformance.Conformance.start;
import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.engine.testing.EngineClientCredentials;
import io.camunda.client.CamundaClient;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Business rule, script, send and manual tasks, throw events, start events and the engine clock.
 * Behaviour: https://docs.camunda.io/docs/components/modeler/bpmn/business-rule-tasks/,
 * https://docs.camunda.io/docs/components/modeler/bpmn/script-tasks/,
 * https://docs.camunda.io/docs/components/modeler/bpmn/send-tasks/,
 * https://docs.camunda.io/docs/components/modeler/bpmn/none-events/ and
 * https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/pin-clock/
 */
@EngineConformanceTest
class TaskConformanceTest {

  private static final String DMN = """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="tiers" name="Tiers"
          namespace="http://camunda.org/schema/1.0/dmn">
        <decision id="tier" name="Tier">
          <decisionTable id="table" hitPolicy="FIRST">
            <input id="in-score" label="Score">
              <inputExpression id="expr-score" typeRef="number"><text>score</text></inputExpression>
            </input>
            <output id="out-tier" name="tier" typeRef="string"/>
            <rule id="r1"><inputEntry id="e1"><text>&gt;= 80</text></inputEntry>
              <outputEntry id="o1"><text>"A"</text></outputEntry></rule>
            <rule id="r2"><inputEntry id="e2"><text>&gt;= 60</text></inputEntry>
              <outputEntry id="o2"><text>"B"</text></outputEntry></rule>
            <rule id="r3"><inputEntry id="e3"><text>-</text></inputEntry>
              <outputEntry id="o3"><text>"C"</text></outputEntry></rule>
          </decisionTable>
        </decision>
      </definitions>
      """;

  private CamundaClient client;
  private CamundaProcessTestContext processTestContext;

  private void deployDecisionProcess() {
    client.newDeployResourceCommand().addResourceStringUtf8(DMN, "tiers.dmn").send().join();
    deploy(client, Bpmn.createExecutableProcess("rate").startEvent()
        .businessRuleTask("decide", t -> t.zeebeCalledDecisionId("tier").zeebeResultVariable("tier"))
        .endEvent().done());
  }

  @Test
  void shouldEvaluateTheCalledDecisionIntoTheResultVariable() {
    deployDecisionProcess();

    assertThat(start(client, "rate", Map.of("score", 85))).isCompleted().hasVariable("tier", "A");
    assertThat(start(client, "rate", Map.of("score", 10))).isCompleted().hasVariable("tier", "C");
  }

  @Test
  void shouldRaiseAnIncidentWhenTheDecisionFails() {
    // a UNIQUE table with two matching rules fails to evaluate
    client.newDeployResourceCommand().addResourceStringUtf8(DMN.replace("FIRST", "UNIQUE"), "tiers.dmn").send().join();
    deploy(client, Bpmn.createExecutableProcess("rate").startEvent()
        .businessRuleTask("decide", t -> t.zeebeCalledDecisionId("tier").zeebeResultVariable("tier"))
        .endEvent().done());

    var instance = start(client, "rate", Map.of("score", 90));

    assertThat(instance).hasActiveIncidents();
    var incident = client.newIncidentSearchRequest().filter(f -> f.processInstanceKey(instance.getProcessInstanceKey()))
        .send().join().items().get(0);
    assertThat(incident.getErrorType().name()).isEqualTo("DECISION_EVALUATION_ERROR");
  }

  @Test
  void shouldRaiseAnIncidentWhenTheDecisionIsNotDeployed() {
    deploy(client, Bpmn.createExecutableProcess("rate").startEvent()
        .businessRuleTask("decide", t -> t.zeebeCalledDecisionId("nowhere").zeebeResultVariable("r"))
        .endEvent().done());

    assertThat(start(client, "rate")).hasActiveIncidents();
  }

  @Test
  void shouldEvaluateADecisionThroughTheApi() {
    client.newDeployResourceCommand().addResourceStringUtf8(DMN, "tiers.dmn").send().join();

    var result = client.newEvaluateDecisionCommand().decisionId("tier").variables(Map.of("score", 70)).send().join();

    assertThat(result.getDecisionOutput()).isEqualTo("\"B\"");
  }

  @Test
  void shouldEvaluateAFeelScriptIntoTheResultVariable() {
    deploy(client, Bpmn.createExecutableProcess("script").startEvent()
        .scriptTask("sum", t -> t.zeebeExpression("a + b").zeebeResultVariable("total")).endEvent().done());

    assertThat(start(client, "script", Map.of("a", 2, "b", 3))).isCompleted().hasVariable("total", 5);
  }

  @Test
  void shouldRunSendTasksAndMessageThrowEventsAsJobs() {
    deploy(client, Bpmn.createExecutableProcess("notify").startEvent()
        .sendTask("send", t -> t.zeebeJobType("send-mail"))
        .intermediateThrowEvent("announce").message("announced").zeebeJobType("announce")
        .endEvent().done());
    var instance = start(client, "notify");

    client.newCompleteCommand(activateOne(client, "send-mail")).send().join();
    client.newCompleteCommand(activateOne(client, "announce")).send().join();

    assertThat(instance).isCompleted().hasCompletedElementsInOrder("send", "announce");
  }

  @Test
  void shouldPassThroughNoneThrowEventsManualAndUndefinedTasks() {
    deploy(client, Bpmn.createExecutableProcess("plain").startEvent().intermediateThrowEvent("milestone")
        .manualTask("manual").task("undefined").endEvent("end").done());

    assertThat(start(client, "plain")).isCompleted()
        .hasCompletedElementsInOrder("milestone", "manual", "undefined", "end");
  }

  @Test
  void shouldRaiseAnIncidentForAnErrorEndEventThatNothingCatches() {
    deploy(client, Bpmn.createExecutableProcess("uncaught").startEvent().endEvent("fail").error("BOOM").done());

    assertThat(start(client, "uncaught")).isActive().hasActiveIncidents();
  }

  @Test
  void shouldCatchAnErrorEndEventInAProcessLevelEventSubProcess() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("handled").startEvent()
        .serviceTask("work", t -> t.zeebeJobType("work")).endEvent("fail").error("BOOM").done();
    model.<io.camunda.zeebe.model.bpmn.instance.Process>getModelElementById("handled").builder()
        .eventSubProcess("on-boom").startEvent("boom").error("BOOM").endEvent("cleaned-up");
    deploy(client, model);
    var instance = start(client, "handled");

    client.newCompleteCommand(activateOne(client, "work")).send().join();

    assertThat(instance).isCompleted().hasCompletedElements("boom", "cleaned-up");
  }

  @Test
  void shouldStartAnInstanceFromATimerStartEvent() {
    deploy(client, Bpmn.createExecutableProcess("nightly").startEvent("at-night").timerWithCycle("R/PT24H")
        .serviceTask("review-portfolio", t -> t.zeebeJobType("review-portfolio")).endEvent().done());

    processTestContext.increaseTime(Duration.ofHours(25));

    assertThat(activateOne(client, "review-portfolio").getBpmnProcessId()).isEqualTo("nightly");
  }

  @Test
  void shouldRejectAModelWithAnUnsupportedElementNamingIt() {
    var model = Bpmn.createExecutableProcess("escalating").startEvent()
        .intermediateThrowEvent("compensate").compensateEventDefinition().compensateEventDefinitionDone()
        .endEvent().done();

    var problem = problem(() -> deploy(client, model));

    assertThat(problem.code()).isEqualTo(400);
    assertThat(problem.details().getDetail()).contains("compensate");
  }

  // --- clock

  @Test
  void shouldPinTheClockThroughTheRestApiAndFireTimersAgainstIt() {
    deploy(client, Bpmn.createExecutableProcess("cooling-off").startEvent()
        .intermediateCatchEvent("wait").timerWithDuration("PT10M").endEvent().done());
    Instant pinned = Instant.parse("2030-01-01T00:00:00Z");
    client.newPinClockCommand().time(pinned.toEpochMilli()).send().join();
    var instance = start(client, "cooling-off");

    client.newPinClockCommand().time(pinned.plus(Duration.ofMinutes(11)).toEpochMilli()).send().join();

    assertThat(instance).isCompleted();
    assertThat(processTestContext.getCurrentTime()).isAfterOrEqualTo(pinned.plus(Duration.ofMinutes(11)));
    client.newResetClockCommand().send().join();
    assertThat(processTestContext.getCurrentTime()).isBefore(pinned);
  }

  @Test
  void shouldPinAndServeTheEngineClockOnTheActuator() throws Exception {
    long pinned = Instant.parse("2031-05-05T05:05:05Z").toEpochMilli();
    var http = HttpClient.newHttpClient();
    String clock = "http://localhost:" + EmbeddedEngineExtension.PORT + "/actuator/clock";

    var pin = http.send(HttpRequest.newBuilder(URI.create(clock + "/pin")).header("Content-Type", "application/json")
        .header("Authorization", EngineClientCredentials.authorization())
        .POST(HttpRequest.BodyPublishers.ofString("{\"epochMilli\": " + pinned + "}")).build(),
        HttpResponse.BodyHandlers.ofString());
    Thread.sleep(50);
    var read = http.send(HttpRequest.newBuilder(URI.create(clock))
        .header("Authorization", EngineClientCredentials.authorization()).GET().build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(pin.statusCode()).isEqualTo(200);
    assertThat(read.body()).contains(Long.toString(pinned));
    assertThat(processTestContext.getCurrentTime()).isEqualTo(Instant.ofEpochMilli(pinned));
  }
}
