package cn.computeloan.engine.conformance;

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
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Timer, error and message boundary events, event sub-processes and error end events. Behaviour:
 * https://docs.camunda.io/docs/components/modeler/bpmn/timer-events/,
 * https://docs.camunda.io/docs/components/modeler/bpmn/error-events/ and
 * https://docs.camunda.io/docs/components/modeler/bpmn/event-subprocesses/
 */
@EngineConformanceTest
class EventConformanceTest {

  private CamundaClient client;
  private CamundaProcessTestContext processTestContext;

  @Test
  void shouldInterruptTaskWhenTimerBoundaryDurationElapses() {
    deploy(client, Bpmn.createExecutableProcess("sla").startEvent()
        .serviceTask("work", t -> t.zeebeJobType("work"))
        .boundaryEvent("overdue").timerWithDuration("PT1H").endEvent("escalated")
        .moveToActivity("work").endEvent("done").done());
    var instance = start(client, "sla");
    assertThat(instance).hasActiveElements("work");

    processTestContext.increaseTime(Duration.ofMinutes(61));

    assertThat(instance).isCompleted().hasTerminatedElements("work").hasCompletedElements("overdue", "escalated");
    assertThat(Conformance.activate(client, "work", 1)).isEmpty();
  }

  @Test
  void shouldNotFireTimerBoundaryBeforeItIsDue() {
    deploy(client, Bpmn.createExecutableProcess("sla").startEvent()
        .serviceTask("work", t -> t.zeebeJobType("work"))
        .boundaryEvent("overdue").timerWithDurationExpression("\"PT\" + string(hours) + \"H\"").endEvent("escalated")
        .moveToActivity("work").endEvent("done").done());
    var instance = start(client, "sla", Map.of("hours", 2));

    processTestContext.increaseTime(Duration.ofMinutes(90));
    client.newCompleteCommand(activateOne(client, "work")).send().join();

    assertThat(instance).isCompleted().hasCompletedElements("work", "done").hasNotActivatedElements("overdue");
  }

  @Test
  void shouldFireNonInterruptingTimerCycleBoundaryRepeatedlyWhileTaskWaits() {
    deploy(client, Bpmn.createExecutableProcess("reminders").startEvent()
        .userTask("review", t -> t.zeebeUserTask())
        .boundaryEvent("remind", b -> b.cancelActivity(false)).timerWithCycle("R2/PT1H")
        .serviceTask("send-reminder", t -> t.zeebeJobType("remind")).endEvent()
        .moveToActivity("review").endEvent("done").done());
    var instance = start(client, "reminders");
    assertThat(instance).hasActiveElements("review");

    processTestContext.increaseTime(Duration.ofMinutes(61));
    assertThat(instance).hasActiveElement("send-reminder", 1).hasActiveElements("review");
    processTestContext.increaseTime(Duration.ofMinutes(61));
    assertThat(instance).hasActiveElement("send-reminder", 2);
    processTestContext.increaseTime(Duration.ofMinutes(61));

    assertThat(Conformance.activate(client, "remind", 10)).hasSize(2);
    assertThat(instance).hasActiveElements("review");
  }

  @Test
  void shouldFireTimerBoundaryAtADate() {
    var now = processTestContext.getCurrentTime();
    deploy(client, Bpmn.createExecutableProcess("deadline").startEvent()
        .serviceTask("work", t -> t.zeebeJobType("work"))
        .boundaryEvent("deadline-passed").timerWithDateExpression("due").endEvent("late")
        .moveToActivity("work").endEvent("done").done());
    var instance = start(client, "deadline", Map.of("due", now.plus(Duration.ofDays(1)).toString()));

    processTestContext.increaseTime(Duration.ofDays(1).plusMinutes(1));

    assertThat(instance).isCompleted().hasCompletedElements("deadline-passed", "late");
  }

  @Test
  void shouldWaitAtAnIntermediateTimerCatchEvent() {
    deploy(client, Bpmn.createExecutableProcess("cooling-off").startEvent()
        .intermediateCatchEvent("wait").timerWithDuration("P1D").endEvent().done());
    var instance = start(client, "cooling-off");
    assertThat(instance).hasActiveElements("wait");

    processTestContext.increaseTime(Duration.ofHours(25));

    assertThat(instance).isCompleted();
  }

  @Test
  void shouldRejectAnInvalidStaticTimerAtDeployment() {
    var problem = problem(() -> deploy(client, Bpmn.createExecutableProcess("broken").startEvent()
        .intermediateCatchEvent("wait").timerWithDuration("one day").endEvent().done()));

    assertThat(problem.code()).isEqualTo(400);
    assertThat(problem.details().getDetail()).contains("wait");
  }

  @Test
  void shouldCatchErrorByCodeBeforeCatchAll() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("errors").startEvent()
        .serviceTask("pay", t -> t.zeebeJobType("pay"))
        .boundaryEvent("any-error").error().endEvent("generic")
        .moveToActivity("pay").boundaryEvent("card-declined").error("DECLINED").endEvent("declined")
        .moveToActivity("pay").endEvent("done").done();
    deploy(client, model);
    var instance = start(client, "errors");

    client.newThrowErrorCommand(activateOne(client, "pay")).errorCode("DECLINED").errorMessage("card declined")
        .variables(Map.of("declinedBy", "bank")).send().join();

    assertThat(instance).isCompleted().hasCompletedElements("card-declined", "declined")
        .hasNotActivatedElements("any-error").hasVariable("declinedBy", "bank");
  }

  @Test
  void shouldCatchAnyErrorWithACatchAllBoundary() {
    deploy(client, Bpmn.createExecutableProcess("errors").startEvent()
        .serviceTask("pay", t -> t.zeebeJobType("pay"))
        .boundaryEvent("any-error").error().endEvent("generic")
        .moveToActivity("pay").endEvent("done").done());
    var instance = start(client, "errors");

    client.newThrowErrorCommand(activateOne(client, "pay")).errorCode("SOMETHING").send().join();

    assertThat(instance).isCompleted().hasCompletedElements("any-error", "generic");
  }

  @Test
  void shouldRaiseIncidentForAnUncaughtError() {
    deploy(client, Bpmn.createExecutableProcess("errors").startEvent()
        .serviceTask("pay", t -> t.zeebeJobType("pay"))
        .boundaryEvent("declined").error("DECLINED").endEvent()
        .moveToActivity("pay").endEvent("done").done());
    var instance = start(client, "errors");

    client.newThrowErrorCommand(activateOne(client, "pay")).errorCode("OTHER").send().join();

    assertThat(instance).isActive().hasActiveIncidents();
    var incident = client.newIncidentSearchRequest().filter(f -> f.processInstanceKey(instance.getProcessInstanceKey()))
        .send().join().items().get(0);
    assertThat(incident.getErrorType().name()).isEqualTo("UNHANDLED_ERROR_EVENT");
  }

  @Test
  void shouldReEnableTheJobWhenAnUnhandledErrorIncidentIsResolved() {
    // "When you resolve the incident attached to a task, it ignores the error, re-enables the job"
    deploy(client, Bpmn.createExecutableProcess("errors").startEvent()
        .serviceTask("pay", t -> t.zeebeJobType("pay")).endEvent("done").done());
    var instance = start(client, "errors");
    var job = activateOne(client, "pay");
    client.newThrowErrorCommand(job).errorCode("OTHER").send().join();
    var incident = client.newIncidentSearchRequest().filter(f -> f.processInstanceKey(instance.getProcessInstanceKey()))
        .send().join().items().get(0);

    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    var again = activateOne(client, "pay");
    assertThat(again.getKey()).isEqualTo(job.getKey());
    client.newCompleteCommand(again).send().join();
    assertThat(instance).isCompleted().hasNoActiveIncidents();
  }

  @Test
  void shouldRejectTwoCatchAllErrorBoundariesOnOneActivity() {
    // "It is also not permitted to have multiple error catch-all events in a single scope"
    var problem = problem(() -> deploy(client, Bpmn.createExecutableProcess("twice").startEvent()
        .serviceTask("pay", t -> t.zeebeJobType("pay"))
        .boundaryEvent("one").error().endEvent()
        .moveToActivity("pay").boundaryEvent("two").error().endEvent()
        .moveToActivity("pay").endEvent().done()));

    assertThat(problem.code()).isEqualTo(400);
  }

  @Test
  void shouldRejectANonInterruptingErrorBoundary() {
    // "Error boundary events and error event subprocesses must be interrupting"
    var problem = problem(() -> deploy(client, Bpmn.createExecutableProcess("soft").startEvent()
        .serviceTask("pay", t -> t.zeebeJobType("pay"))
        .boundaryEvent("soft-error", b -> b.cancelActivity(false)).error("E").endEvent()
        .moveToActivity("pay").endEvent().done()));

    assertThat(problem.code()).isEqualTo(400);
  }

  @Test
  void shouldCatchAnErrorEndEventWithABoundaryOnTheEnclosingSubProcess() {
    deploy(client, Bpmn.createExecutableProcess("nested").startEvent()
        .subProcess("check", s -> s.embeddedSubProcess().startEvent().endEvent("reject").error("REJECTED"))
        .boundaryEvent("rejected").error("REJECTED").endEvent("rejected-end")
        .moveToActivity("check").endEvent("done").done());

    var instance = start(client, "nested");

    assertThat(instance).isCompleted().hasTerminatedElements("check").hasCompletedElements("rejected", "rejected-end")
        .hasNotActivatedElements("done");
  }

  @Test
  void shouldPreferTheErrorEventSubProcessInsideTheScopeToTheBoundaryOnIt() {
    // the error is caught in the scope where it is thrown before it propagates out of that scope
    BpmnModelInstance model = Bpmn.createExecutableProcess("scoped").startEvent()
        .subProcess("check").embeddedSubProcess().startEvent()
        .serviceTask("verify", t -> t.zeebeJobType("verify")).endEvent()
        .subProcessDone()
        .boundaryEvent("outer").error("FAILED").endEvent("outer-end")
        .moveToActivity("check").endEvent("done").done();
    model.<io.camunda.zeebe.model.bpmn.instance.SubProcess>getModelElementById("check").builder()
        .embeddedSubProcess().eventSubProcess("inner-handler")
        .startEvent("inner-start").error("FAILED").endEvent("inner-end");
    deploy(client, model);
    var instance = start(client, "scoped");

    client.newThrowErrorCommand(activateOne(client, "verify")).errorCode("FAILED").send().join();

    assertThat(instance).isCompleted().hasCompletedElements("inner-start", "inner-end", "check", "done")
        .hasNotActivatedElements("outer");
  }

  @Test
  void shouldRunNonInterruptingTimerEventSubProcessBesideTheMainFlow() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("monitoring").startEvent()
        .userTask("review", t -> t.zeebeUserTask()).endEvent("done").done();
    model.<io.camunda.zeebe.model.bpmn.instance.Process>getModelElementById("monitoring").builder()
        .eventSubProcess("reminder").startEvent("every-day", s -> s.interrupting(false)).timerWithCycle("R/P1D")
        .serviceTask("remind", t -> t.zeebeJobType("remind")).endEvent();
    deploy(client, model);
    var instance = start(client, "monitoring");

    processTestContext.increaseTime(Duration.ofHours(25));

    assertThat(instance).hasActiveElements("review", "remind");
    client.newCompleteCommand(activateOne(client, "remind")).send().join();
    assertThat(instance).isActive().hasActiveElements("review");
  }

  @Test
  void shouldInterruptTheScopeWithAMessageEventSubProcess() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("withdrawable").startEvent()
        .userTask("review", t -> t.zeebeUserTask()).endEvent("done").done();
    model.<io.camunda.zeebe.model.bpmn.instance.Process>getModelElementById("withdrawable").builder()
        .eventSubProcess("withdrawal").startEvent("withdrawn").message(m -> m.name("withdraw")
            .zeebeCorrelationKeyExpression("id"))
        .endEvent("withdrawn-end");
    deploy(client, model);
    var instance = start(client, "withdrawable", Map.of("id", "a-7"));
    assertThat(instance).isWaitingForMessage("withdraw", "a-7");

    client.newPublishMessageCommand().messageName("withdraw").correlationKey("a-7").variables(Map.of("by", "client"))
        .send().join();

    assertThat(instance).isCompleted().hasTerminatedElements("review").hasCompletedElements("withdrawn-end")
        .hasVariable("by", "client");
  }

  @Test
  void shouldCatchAnErrorFromAJobInAProcessLevelErrorEventSubProcess() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("guarded").startEvent()
        .serviceTask("work", t -> t.zeebeJobType("work")).endEvent("done").done();
    model.<io.camunda.zeebe.model.bpmn.instance.Process>getModelElementById("guarded").builder()
        .eventSubProcess("on-error").startEvent("failed").error().endEvent("handled");
    deploy(client, model);
    var instance = start(client, "guarded");

    client.newThrowErrorCommand(activateOne(client, "work")).errorCode("ANY").send().join();

    assertThat(instance).isCompleted().hasTerminatedElements("work").hasCompletedElements("failed", "handled");
  }

  @Test
  void shouldEndAllTokensOfTheScopeAtATerminateEndEvent() {
    deploy(client, Bpmn.createExecutableProcess("race").startEvent().parallelGateway("fork")
        .serviceTask("slow", t -> t.zeebeJobType("slow")).endEvent("slow-end")
        .moveToNode("fork").endEvent("stop").terminate().done());

    var instance = start(client, "race");

    assertThat(instance).isCompleted().hasTerminatedElements("slow").hasCompletedElements("stop");
  }
}
