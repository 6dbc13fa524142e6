package cn.computeloan.engine.conformance;

import static cn.computeloan.engine.conformance.Conformance.activate;
import static cn.computeloan.engine.conformance.Conformance.activateOne;
import static cn.computeloan.engine.conformance.Conformance.deploy;
import static cn.computeloan.engine.conformance.Conformance.start;
import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Gateways, call activities and multi-instance. Behaviour:
 * https://docs.camunda.io/docs/components/modeler/bpmn/exclusive-gateways/,
 * https://docs.camunda.io/docs/components/modeler/bpmn/inclusive-gateways/,
 * https://docs.camunda.io/docs/components/modeler/bpmn/parallel-gateways/,
 * https://docs.camunda.io/docs/components/modeler/bpmn/event-based-gateways/,
 * https://docs.camunda.io/docs/components/modeler/bpmn/call-activities/ and
 * https://docs.camunda.io/docs/components/modeler/bpmn/multi-instance/
 */
@EngineConformanceTest
class FlowConformanceTest {

  private CamundaClient client;
  private CamundaProcessTestContext processTestContext;

  private void deployExclusive() {
    deploy(client, Bpmn.createExecutableProcess("route").startEvent().exclusiveGateway("tier")
        .conditionExpression("score >= 80").endEvent("tier-a")
        .moveToNode("tier").conditionExpression("score >= 60").endEvent("tier-b")
        .moveToLastExclusiveGateway().defaultFlow().endEvent("tier-c").done());
  }

  @Test
  void shouldTakeTheFirstFlowWhoseConditionHolds() {
    deployExclusive();
    assertThat(start(client, "route", Map.of("score", 90))).isCompleted().hasCompletedElements("tier-a")
        .hasNotActivatedElements("tier-b", "tier-c");
    assertThat(start(client, "route", Map.of("score", 70))).isCompleted().hasCompletedElements("tier-b");
  }

  @Test
  void shouldTakeTheDefaultFlowWhenNoConditionHolds() {
    deployExclusive();
    assertThat(start(client, "route", Map.of("score", 10))).isCompleted().hasCompletedElements("tier-c");
  }

  @Test
  void shouldRaiseAnIncidentWhenNoConditionHoldsAndThereIsNoDefault() {
    deploy(client, Bpmn.createExecutableProcess("strict").startEvent().exclusiveGateway("ok")
        .conditionExpression("approved = true").endEvent("yes")
        .moveToNode("ok").conditionExpression("approved = false").endEvent("no").done());
    var instance = start(client, "strict", Map.of("approved", "maybe"));

    assertThat(instance).isActive().hasActiveIncidents();
    var incident = client.newIncidentSearchRequest().filter(f -> f.processInstanceKey(instance.getProcessInstanceKey()))
        .send().join().items().get(0);
    assertThat(incident.getErrorType().name()).isEqualTo("CONDITION_ERROR");

    client.newSetVariablesCommand(instance.getProcessInstanceKey()).variables(Map.of("approved", true)).send().join();
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();
    assertThat(instance).isCompleted().hasCompletedElements("yes");
  }

  @Test
  void shouldActivateEveryInclusiveBranchWhoseConditionHoldsAndJoinThem() {
    deploy(client, Bpmn.createExecutableProcess("checks").startEvent().inclusiveGateway("fork")
        .conditionExpression("needsLegal").serviceTask("legal", t -> t.zeebeJobType("legal")).inclusiveGateway("join")
        .moveToNode("fork").conditionExpression("needsRisk").serviceTask("risk", t -> t.zeebeJobType("risk"))
        .connectTo("join")
        .moveToNode("fork").conditionExpression("needsEsg").serviceTask("esg", t -> t.zeebeJobType("esg"))
        .connectTo("join")
        .moveToNode("join").endEvent("end").done());
    var instance = start(client, "checks", Map.of("needsLegal", true, "needsRisk", true, "needsEsg", false));

    assertThat(instance).hasActiveElements("legal", "risk").hasNotActivatedElements("esg");
    client.newCompleteCommand(activateOne(client, "legal")).send().join();
    assertThat(instance).isActive();
    client.newCompleteCommand(activateOne(client, "risk")).send().join();

    assertThat(instance).isCompleted().hasCompletedElement("join", 1).hasCompletedElements("end");
  }

  @Test
  void shouldJoinParallelBranchesOnlyWhenAllArrived() {
    deploy(client, Bpmn.createExecutableProcess("both").startEvent().parallelGateway("fork")
        .serviceTask("a", t -> t.zeebeJobType("a")).parallelGateway("join")
        .moveToNode("fork").serviceTask("b", t -> t.zeebeJobType("b")).connectTo("join")
        .moveToNode("join").endEvent("end").done());
    var instance = start(client, "both");

    client.newCompleteCommand(activateOne(client, "a")).send().join();
    assertThat(instance).isActive().hasActiveElements("b").hasNotActivatedElements("end");
    client.newCompleteCommand(activateOne(client, "b")).send().join();

    assertThat(instance).isCompleted().hasCompletedElement("join", 1).hasCompletedElement("end", 1);
  }

  @Test
  void shouldFollowTheFirstEventAfterAnEventBasedGateway() {
    deploy(client, Bpmn.createExecutableProcess("await").startEvent().eventBasedGateway("which")
        .intermediateCatchEvent("answered").message(m -> m.name("answer").zeebeCorrelationKeyExpression("id"))
        .endEvent("got-answer")
        .moveToNode("which").intermediateCatchEvent("timed-out").timerWithDuration("P7D").endEvent("no-answer")
        .done());
    var answered = start(client, "await", Map.of("id", "q-1"));
    var silent = start(client, "await", Map.of("id", "q-2"));

    client.newPublishMessageCommand().messageName("answer").correlationKey("q-1").send().join();
    assertThat(answered).isCompleted().hasCompletedElements("answered", "got-answer")
        .hasNotActivatedElements("timed-out");
    processTestContext.increaseTime(Duration.ofDays(8));

    assertThat(silent).isCompleted().hasCompletedElements("timed-out", "no-answer");
    var open = client.newMessageSubscriptionSearchRequest().filter(f -> f.processInstanceKey(silent.getProcessInstanceKey())
        .messageSubscriptionState(io.camunda.client.api.search.enums.MessageSubscriptionState.CREATED)).send().join();
    assertThat(open.items()).isEmpty();
  }

  // --- call activities

  @Test
  void shouldPropagateVariablesIntoAndOutOfACalledProcess() {
    deploy(client,
        Bpmn.createExecutableProcess("parent").startEvent().callActivity("call", c -> c.zeebeProcessId("child"))
            .endEvent("end").done(),
        Bpmn.createExecutableProcess("child").startEvent().serviceTask("child-work", t -> t.zeebeJobType("child-work"))
            .endEvent().done());
    var instance = start(client, "parent", Map.of("amount", 7));

    var job = activateOne(client, "child-work");
    client.newCompleteCommand(job).variables(Map.of("approved", true)).send().join();

    assertThat(job.getVariablesAsMap()).containsEntry("amount", 7);
    assertThat(job.getBpmnProcessId()).isEqualTo("child");
    assertThat(instance).isCompleted().hasVariable("approved", true);
  }

  @Test
  void shouldPropagateOnlyMappedVariablesWhenPropagationIsOff() {
    deploy(client,
        Bpmn.createExecutableProcess("parent").startEvent().callActivity("call", c -> c.zeebeProcessId("child")
                .zeebePropagateAllParentVariables(false).zeebePropagateAllChildVariables(false)
                .zeebeInputExpression("amount", "childAmount").zeebeOutputExpression("result", "childResult"))
            .endEvent("end").done(),
        Bpmn.createExecutableProcess("child").startEvent().serviceTask("child-work", t -> t.zeebeJobType("child-work"))
            .endEvent().done());
    var instance = start(client, "parent", Map.of("amount", 7, "secret", "x"));

    var job = activateOne(client, "child-work");
    client.newCompleteCommand(job).variables(Map.of("result", "ok", "noise", 1)).send().join();

    assertThat(job.getVariablesAsMap()).containsOnlyKeys("childAmount");
    assertThat(instance).isCompleted().hasVariable("childResult", "ok").hasVariableNames("amount", "secret", "childResult");
  }

  @Test
  void shouldCatchAnErrorFromACalledProcessAtTheCallActivity() {
    deploy(client,
        Bpmn.createExecutableProcess("parent").startEvent().callActivity("call", c -> c.zeebeProcessId("child"))
            .boundaryEvent("failed").error("CHILD_FAILED").endEvent("handled")
            .moveToActivity("call").endEvent("end").done(),
        Bpmn.createExecutableProcess("child").startEvent().endEvent("fail").error("CHILD_FAILED").done());

    var instance = start(client, "parent");

    assertThat(instance).isCompleted().hasTerminatedElements("call").hasCompletedElements("failed", "handled");
  }

  @Test
  void shouldRaiseAnIncidentWhenTheCalledProcessIsNotDeployed() {
    deploy(client, Bpmn.createExecutableProcess("parent").startEvent()
        .callActivity("call", c -> c.zeebeProcessId("missing")).endEvent().done());

    assertThat(start(client, "parent")).isActive().hasActiveIncidents();
  }

  @Test
  void shouldTerminateTheCalledInstanceWhenTheParentIsCanceled() {
    deploy(client,
        Bpmn.createExecutableProcess("parent").startEvent().callActivity("call", c -> c.zeebeProcessId("child"))
            .endEvent().done(),
        Bpmn.createExecutableProcess("child").startEvent().serviceTask("child-work", t -> t.zeebeJobType("child-work"))
            .endEvent().done());
    var instance = start(client, "parent");
    activateOne(client, "child-work");

    client.newCancelInstanceCommand(instance.getProcessInstanceKey()).send().join();

    assertThat(instance).isTerminated();
    var children = client.newProcessInstanceSearchRequest().filter(f -> f.processDefinitionId("child")).send().join()
        .items();
    assertThat(children).hasSize(1);
    assertThat(children.get(0).getState().name()).isEqualTo("TERMINATED");
  }

  // --- multi-instance

  @Test
  void shouldRunParallelMultiInstanceAndCollectOutputInInputOrder() {
    deploy(client, Bpmn.createExecutableProcess("reviews").startEvent()
        .serviceTask("review", t -> t.zeebeJobType("review").multiInstance(m -> m.parallel()
            .zeebeInputCollectionExpression("reviewers").zeebeInputElement("reviewer")
            .zeebeOutputCollection("verdicts").zeebeOutputElementExpression("verdict")))
        .endEvent().done());
    var instance = start(client, "reviews", Map.of("reviewers", List.of("ann", "bo", "cy")));

    var jobs = activate(client, "review", 10);
    assertThat(jobs).hasSize(3);
    for (int i = jobs.size() - 1; i >= 0; i--) {
      var job = jobs.get(i);
      client.newCompleteCommand(job).variables(Map.of("verdict", job.getVariablesAsMap().get("reviewer") + "-ok"))
          .send().join();
    }

    assertThat(instance).isCompleted().hasVariable("verdicts", List.of("ann-ok", "bo-ok", "cy-ok"));
  }

  @Test
  void shouldWriteAnInnerInstancesOutputMappingsToItsOwnScopeWhereTheOutputElementReadsThem() {
    // given: each seat's output mapping builds the output element from the job's variables, as the
    // approval tasks do (Zeebe: an inner multi-instance activity writes its output mappings locally)
    deploy(client, Bpmn.createExecutableProcess("seats").startEvent()
        .serviceTask("vote", t -> t.zeebeJobType("seat-vote").zeebeInput("=null", "ballot")
            .zeebeOutputExpression("{seat: seat, decision: decision}", "ballot")
            .multiInstance(m -> m.parallel().zeebeInputCollectionExpression("[1, 2]").zeebeInputElement("seat")
                .zeebeOutputCollection("ballots").zeebeOutputElementExpression("ballot")))
        .endEvent().done());
    var instance = start(client, "seats", Map.of("rate", 355));

    // when: each seat completes with its decision and also tries to change a process variable
    for (var job : activate(client, "seat-vote", 10)) {
      client.newCompleteCommand(job).variables(Map.of("decision", "APPROVE-" + job.getVariablesAsMap().get("seat"),
          "rate", 1)).send().join();
    }

    // then: the output collection has each seat's own mapping; the process variables are untouched
    assertThat(instance).isCompleted()
        .hasVariable("ballots", List.of(Map.of("seat", 1, "decision", "APPROVE-1"), Map.of("seat", 2, "decision", "APPROVE-2")))
        .hasVariable("rate", 355);
    assertThat(client.newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(instance.getProcessInstanceKey()).name("ballot")).send().join().items())
        .allSatisfy(v -> assertThat(v.getScopeKey()).isNotEqualTo(instance.getProcessInstanceKey()));
  }

  @Test
  void shouldRunSequentialMultiInstanceOneAfterAnother() {
    deploy(client, Bpmn.createExecutableProcess("steps").startEvent()
        .serviceTask("step", t -> t.zeebeJobType("step").multiInstance(m -> m.sequential()
            .zeebeInputCollectionExpression("items").zeebeInputElement("item")))
        .endEvent().done());
    var instance = start(client, "steps", Map.of("items", List.of(1, 2)));

    var first = activateOne(client, "step");
    assertThat(activate(client, "step", 5)).isEmpty();
    assertThat(first.getVariablesAsMap()).containsEntry("item", 1).containsEntry("loopCounter", 1);
    client.newCompleteCommand(first).send().join();
    var second = activateOne(client, "step");
    assertThat(second.getVariablesAsMap()).containsEntry("item", 2).containsEntry("loopCounter", 2);
    client.newCompleteCommand(second).send().join();

    assertThat(instance).isCompleted();
  }

  @Test
  void shouldCompleteMultiInstanceEarlyWhenTheCompletionConditionHolds() {
    deploy(client, Bpmn.createExecutableProcess("quorum").startEvent()
        .serviceTask("vote", t -> t.zeebeJobType("vote").multiInstance(m -> m.parallel()
            .zeebeInputCollectionExpression("voters").zeebeInputElement("voter")
            .completionCondition("= numberOfCompletedInstances >= 2")))
        .endEvent().done());
    var instance = start(client, "quorum", Map.of("voters", List.of("a", "b", "c")));

    var jobs = activate(client, "vote", 10);
    client.newCompleteCommand(jobs.get(0)).send().join();
    client.newCompleteCommand(jobs.get(1)).send().join();

    assertThat(instance).isCompleted().hasTerminatedElement("vote", 1);
  }

  @Test
  void shouldCompleteAMultiInstanceOverAnEmptyCollectionAtOnce() {
    deploy(client, Bpmn.createExecutableProcess("none").startEvent()
        .serviceTask("each", t -> t.zeebeJobType("each").multiInstance(m -> m.parallel()
            .zeebeInputCollectionExpression("items").zeebeOutputCollection("out").zeebeOutputElementExpression("x")))
        .endEvent().done());

    assertThat(start(client, "none", Map.of("items", List.of()))).isCompleted().hasVariable("out", List.of());
  }

  @Test
  void shouldCatchAnErrorOfOneInnerInstanceAtTheBoundaryOfTheMultiInstanceBody() {
    deploy(client, Bpmn.createExecutableProcess("batch").startEvent()
        .serviceTask("check", t -> t.zeebeJobType("check").multiInstance(m -> m.parallel()
            .zeebeInputCollectionExpression("items").zeebeInputElement("item")))
        .boundaryEvent("bad-item").error("BAD").endEvent("rejected")
        .moveToActivity("check").endEvent("done").done());
    var instance = start(client, "batch", Map.of("items", List.of(1, 2, 3)));

    var jobs = activate(client, "check", 10);
    client.newCompleteCommand(jobs.get(0)).send().join();
    client.newThrowErrorCommand(jobs.get(1)).errorCode("BAD").send().join();

    assertThat(instance).isCompleted().hasCompletedElements("bad-item", "rejected").hasNotActivatedElements("done");
    assertThat(activate(client, "check", 10)).isEmpty();
  }

  @Test
  void shouldTerminateTheCalledInstanceWhenATimerBoundaryInterruptsTheCallActivity() {
    deploy(client,
        Bpmn.createExecutableProcess("parent").startEvent().callActivity("call", c -> c.zeebeProcessId("child"))
            .boundaryEvent("too-slow").timerWithDuration("PT1H").endEvent("gave-up")
            .moveToActivity("call").endEvent().done(),
        Bpmn.createExecutableProcess("child").startEvent().serviceTask("w", t -> t.zeebeJobType("w")).endEvent().done());
    var instance = start(client, "parent");
    activateOne(client, "w");

    processTestContext.increaseTime(Duration.ofMinutes(61));

    assertThat(instance).isCompleted().hasTerminatedElements("call").hasCompletedElements("gave-up");
    var child = client.newProcessInstanceSearchRequest().filter(f -> f.processDefinitionId("child")).send().join()
        .items().get(0);
    assertThat(child.getState().name()).isEqualTo("TERMINATED");
  }

  @Test
  void shouldRaiseAnIncidentWhenNoInclusiveConditionHoldsAndThereIsNoDefault() {
    deploy(client, Bpmn.createExecutableProcess("none-true").startEvent().inclusiveGateway("fork")
        .conditionExpression("a").endEvent("ea")
        .moveToNode("fork").conditionExpression("b").endEvent("eb").done());

    assertThat(start(client, "none-true", Map.of("a", false, "b", false))).isActive().hasActiveIncidents();
  }

  @Test
  void shouldFollowASignalAfterAnEventBasedGateway() {
    deploy(client, Bpmn.createExecutableProcess("await-signal").startEvent().eventBasedGateway("which")
        .intermediateCatchEvent("halted").signal("halt").endEvent("halted-end")
        .moveToNode("which").intermediateCatchEvent("later").timerWithDuration("P1D").endEvent("timed-out").done());
    var instance = start(client, "await-signal");
    assertThat(instance).hasActiveElements("which");

    client.newBroadcastSignalCommand().signalName("halt").send().join();

    assertThat(instance).isCompleted().hasCompletedElements("halted-end").hasNotActivatedElements("later");
  }
}
