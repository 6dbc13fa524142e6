package cn.computeloan.engine.conformance;

import static cn.computeloan.engine.conformance.Conformance.activateOne;
import static cn.computeloan.engine.conformance.Conformance.deploy;
import static cn.computeloan.engine.conformance.Conformance.problem;
import static cn.computeloan.engine.conformance.Conformance.start;
import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Process;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Escalation and link events. Behaviour:
 * https://docs.camunda.io/docs/components/modeler/bpmn/escalation-events/ and
 * https://docs.camunda.io/docs/components/modeler/bpmn/link-events/
 */
@EngineConformanceTest
class EscalationAndLinkConformanceTest {

  private CamundaClient client;

  private static BpmnModelInstance escalatingSubProcess(boolean interrupting) {
    return Bpmn.createExecutableProcess("escalating").startEvent()
        .subProcess("review", s -> s.embeddedSubProcess().startEvent()
            .intermediateThrowEvent("escalate").escalation("SENIOR_REVIEW")
            .serviceTask("continue-review", t -> t.zeebeJobType("continue-review")).endEvent())
        .boundaryEvent("to-senior", b -> b.cancelActivity(interrupting)).escalation("SENIOR_REVIEW")
        .serviceTask("senior-review", t -> t.zeebeJobType("senior-review")).endEvent("senior-end")
        .moveToActivity("review").endEvent("done").done();
  }

  @Test
  void shouldInterruptTheScopeWhenAnInterruptingBoundaryCatchesTheEscalation() {
    deploy(client, escalatingSubProcess(true));
    var instance = start(client, "escalating");

    client.newCompleteCommand(activateOne(client, "senior-review")).send().join();

    assertThat(instance).isCompleted().hasTerminatedElements("review", "escalate")
        .hasNotActivatedElements("continue-review", "done");
  }

  @Test
  void shouldContinueTheFlowWhenANonInterruptingBoundaryCatchesTheEscalation() {
    deploy(client, escalatingSubProcess(false));
    var instance = start(client, "escalating");

    client.newCompleteCommand(activateOne(client, "senior-review")).send().join();
    client.newCompleteCommand(activateOne(client, "continue-review")).send().join();

    assertThat(instance).isCompleted().hasCompletedElements("escalate", "to-senior", "senior-end", "review", "done");
  }

  @Test
  void shouldContinueWhenNothingCatchesTheEscalation() {
    deploy(client, Bpmn.createExecutableProcess("uncaught").startEvent()
        .intermediateThrowEvent("escalate").escalation("NOBODY").endEvent("end").done());

    assertThat(start(client, "uncaught")).isCompleted().hasCompletedElementsInOrder("escalate", "end")
        .hasNoActiveIncidents();
  }

  @Test
  void shouldCatchAnEscalationEndEventInAnEventSubProcessByCodeExpression() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("esp").startEvent().parallelGateway("fork")
        .serviceTask("main-work", t -> t.zeebeJobType("main-work")).endEvent()
        .moveToNode("fork").endEvent("raise", e -> e.escalationExpression("level")).done();
    model.<Process>getModelElementById("esp").builder().eventSubProcess("handler")
        .startEvent("raised", s -> s.interrupting(false)).escalation("L2").endEvent("noted");
    deploy(client, model);

    var instance = start(client, "esp", Map.of("level", "L2"));

    assertThat(instance).hasCompletedElements("raise", "raised", "noted").hasActiveElements("main-work");
    client.newCompleteCommand(activateOne(client, "main-work")).send().join();
    assertThat(instance).isCompleted();
  }

  @Test
  void shouldCatchAnEscalationFromACalledProcessAtTheCallActivity() {
    deploy(client,
        Bpmn.createExecutableProcess("parent").startEvent().callActivity("call", c -> c.zeebeProcessId("child"))
            .boundaryEvent("caught").escalation().endEvent("handled")
            .moveToActivity("call").endEvent("end").done(),
        Bpmn.createExecutableProcess("child").startEvent().endEvent("raise").escalation("ANY").done());

    assertThat(start(client, "parent")).isCompleted().hasTerminatedElements("call")
        .hasCompletedElements("caught", "handled");
  }

  @Test
  void shouldContinueTheFlowAtTheLinkCatchEventOfTheSameName() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("linked").startEvent()
        .serviceTask("first", t -> t.zeebeJobType("first")).intermediateThrowEvent("go-on").link("NEXT").done();
    model.<Process>getModelElementById("linked").builder().linkCatchEvent("arrived").link("NEXT")
        .serviceTask("second", t -> t.zeebeJobType("second")).endEvent("end");
    deploy(client, model);
    var instance = start(client, "linked");

    client.newCompleteCommand(activateOne(client, "first")).send().join();
    client.newCompleteCommand(activateOne(client, "second")).send().join();

    assertThat(instance).isCompleted().hasCompletedElementsInOrder("first", "go-on", "arrived", "second", "end");
  }

  @Test
  void shouldRejectALinkThrowEventWithoutItsCatchEvent() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("broken-link").startEvent()
        .intermediateThrowEvent("go-on").link("NOWHERE").done();

    var problem = problem(() -> deploy(client, model));

    assertThat(problem.code()).isEqualTo(400);
    assertThat(problem.details().getDetail()).contains("go-on");
  }
}
