package cn.computeloan.engine.conformance;

import static cn.computeloan.engine.conformance.Conformance.activate;
import static cn.computeloan.engine.conformance.Conformance.activateOne;
import static cn.computeloan.engine.conformance.Conformance.deploy;
import static cn.computeloan.engine.conformance.Conformance.problem;
import static cn.computeloan.engine.conformance.Conformance.start;
import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Process;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Process instances and variables: creation with result and start instructions, cancellation,
 * variable scopes and mappings, non-interrupting message and signal events. Behaviour:
 * https://docs.camunda.io/docs/components/concepts/process-instance-creation/,
 * https://docs.camunda.io/docs/components/concepts/variables/ and
 * https://docs.camunda.io/docs/components/modeler/bpmn/message-events/
 */
@EngineConformanceTest
class InstanceConformanceTest {

  private CamundaClient client;
  private CamundaProcessTestContext processTestContext;

  @Test
  void shouldAnswerTheCreationWithTheResultOnceTheInstanceCompleted() {
    deploy(client, Bpmn.createExecutableProcess("quick").startEvent()
        .scriptTask("calc", t -> t.zeebeExpression("a * 2").zeebeResultVariable("doubled")).endEvent().done());

    var result = client.newCreateInstanceCommand().bpmnProcessId("quick").latestVersion().variables(Map.of("a", 21))
        .withResult().fetchVariables("doubled").requestTimeout(Duration.ofSeconds(10)).send().join();

    assertThat(result.getVariablesAsMap()).containsOnly(Map.entry("doubled", 42));
  }

  @Test
  void shouldStartAtTheElementsOfTheStartInstructions() {
    deploy(client, Bpmn.createExecutableProcess("skip").startEvent()
        .serviceTask("first", t -> t.zeebeJobType("first")).serviceTask("second", t -> t.zeebeJobType("second"))
        .endEvent().done());

    var instance = client.newCreateInstanceCommand().bpmnProcessId("skip").latestVersion()
        .startBeforeElement("second").send().join();

    assertThat(instance).hasActiveElements("second").hasNotActivatedElements("first");
  }

  @Test
  void shouldRejectCancelingACalledInstanceDirectly() {
    deploy(client,
        Bpmn.createExecutableProcess("parent").startEvent().callActivity("call", c -> c.zeebeProcessId("child"))
            .endEvent().done(),
        Bpmn.createExecutableProcess("child").startEvent().serviceTask("w", t -> t.zeebeJobType("w")).endEvent().done());
    start(client, "parent");
    long childKey = activateOne(client, "w").getProcessInstanceKey();

    assertThat(problem(() -> client.newCancelInstanceCommand(childKey).send().join()).code()).isEqualTo(409);
    assertThat(problem(() -> client.newCancelInstanceCommand(2251799813685249L).send().join()).code()).isEqualTo(404);
  }

  @Test
  void shouldKeepInputMappedVariablesLocalAndShadowOuterOnes() {
    deploy(client, Bpmn.createExecutableProcess("scopes").startEvent()
        .subProcess("inner", s -> s.zeebeInputExpression("\"inner\"", "label").embeddedSubProcess().startEvent()
            .serviceTask("work", t -> t.zeebeJobType("work")).endEvent())
        .endEvent().done());
    var instance = start(client, "scopes", Map.of("label", "outer"));

    var job = activateOne(client, "work");
    client.newCompleteCommand(job).variables(Map.of("result", "ok")).send().join();

    assertThat(job.getVariablesAsMap()).containsEntry("label", "inner");
    assertThat(instance).isCompleted().hasVariable("label", "outer").hasVariable("result", "ok");
  }

  @Test
  void shouldSetLocalVariablesOnAnElementInstance() {
    deploy(client, Bpmn.createExecutableProcess("locals").startEvent()
        .serviceTask("work", t -> t.zeebeJobType("work")).endEvent().done());
    var instance = start(client, "locals");
    var job = activateOne(client, "work");

    client.newSetVariablesCommand(job.getElementInstanceKey()).variables(Map.of("note", "local")).local(true)
        .send().join();

    assertThat(instance).hasLocalVariable("work", "note", "local");
    assertThat(activate(client, "work", 1)).isEmpty();
  }

  @Test
  void shouldTriggerANonInterruptingMessageBoundaryForEachMessage() {
    deploy(client, Bpmn.createExecutableProcess("reminders").startEvent()
        .serviceTask("work", t -> t.zeebeJobType("work"))
        .boundaryEvent("nudged", b -> b.cancelActivity(false)).message(m -> m.name("nudge")
            .zeebeCorrelationKeyExpression("id"))
        .serviceTask("log-nudge", t -> t.zeebeJobType("log-nudge")).endEvent()
        .moveToActivity("work").endEvent("done").done());
    var instance = start(client, "reminders", Map.of("id", "x"));

    client.newPublishMessageCommand().messageName("nudge").correlationKey("x").send().join();
    client.newPublishMessageCommand().messageName("nudge").correlationKey("x").send().join();

    assertThat(instance).hasActiveElement("log-nudge", 2).hasActiveElements("work");
  }

  @Test
  void shouldInterruptAnActivityWithASignalBoundaryEvent() {
    deploy(client, Bpmn.createExecutableProcess("haltable").startEvent()
        .serviceTask("work", t -> t.zeebeJobType("work"))
        .boundaryEvent("halted").signal("halt").endEvent("halted-end")
        .moveToActivity("work").endEvent("done").done());
    var instance = start(client, "haltable");
    assertThat(instance).hasActiveElements("work");

    client.newBroadcastSignalCommand().signalName("halt").send().join();

    assertThat(instance).isCompleted().hasTerminatedElements("work").hasCompletedElements("halted-end");
  }

  @Test
  void shouldInterruptTheProcessWithATimerEventSubProcess() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("expiring").startEvent()
        .userTask("review", t -> t.zeebeUserTask()).endEvent("done").done();
    model.<Process>getModelElementById("expiring").builder().eventSubProcess("expiry")
        .startEvent("expired").timerWithDuration("P30D").endEvent("closed");
    deploy(client, model);
    var instance = start(client, "expiring");

    processTestContext.increaseTime(Duration.ofDays(31));

    assertThat(instance).isCompleted().hasTerminatedElements("review").hasCompletedElements("expired", "closed");
  }

  @Test
  void shouldApplyOutputMappingsOfACatchEventToTheMessageVariables() {
    deploy(client, Bpmn.createExecutableProcess("mapped").startEvent()
        .intermediateCatchEvent("paid", e -> e.zeebeOutputExpression("payment.amount", "paidAmount"))
        .message(m -> m.name("paid").zeebeCorrelationKeyExpression("id")).endEvent().done());
    var instance = start(client, "mapped", Map.of("id", "p-1"));

    client.newPublishMessageCommand().messageName("paid").correlationKey("p-1")
        .variables(Map.of("payment", Map.of("amount", 500))).send().join();

    assertThat(instance).isCompleted().hasVariable("paidAmount", 500).hasVariableNames("id", "paidAmount");
  }
}
