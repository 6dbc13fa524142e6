package cn.computeloan.engine.conformance;

import static cn.computeloan.engine.conformance.Conformance.deploy;
import static cn.computeloan.engine.conformance.Conformance.start;
import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static io.camunda.process.test.api.CamundaAssert.assertThatDecision;
import static io.camunda.process.test.api.CamundaAssert.assertThatUserTask;

import io.camunda.client.CamundaClient;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.process.test.api.assertions.DecisionSelectors;
import io.camunda.process.test.api.assertions.UserTaskSelectors;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Camunda Process Test features that the project's process tests rely on, against the embedded
 * engine: job worker mocks, child process and decision mocks, user-task and decision assertions.
 * Behaviour: https://docs.camunda.io/docs/apis-tools/testing/utilities/ and
 * https://docs.camunda.io/docs/apis-tools/testing/assertions/
 */
@EngineConformanceTest
class ProcessTestToolingConformanceTest {

  private CamundaClient client;
  private CamundaProcessTestContext processTestContext;

  @Test
  void shouldCompleteJobsWithAJobWorkerMock() {
    deploy(client, Bpmn.createExecutableProcess("mocked").startEvent()
        .serviceTask("score", t -> t.zeebeJobType("score")).endEvent().done());
    processTestContext.mockJobWorker("score").thenComplete(Map.of("tier", "A"));

    assertThat(start(client, "mocked")).isCompleted().hasVariable("tier", "A");
  }

  @Test
  void shouldThrowBpmnErrorsWithAJobWorkerMock() {
    deploy(client, Bpmn.createExecutableProcess("mocked").startEvent()
        .serviceTask("score", t -> t.zeebeJobType("score"))
        .boundaryEvent("rejected").error("REJECT").endEvent("rejected-end")
        .moveToActivity("score").endEvent().done());
    processTestContext.mockJobWorker("score").thenThrowBpmnError("REJECT");

    assertThat(start(client, "mocked")).isCompleted().hasCompletedElements("rejected-end");
  }

  @Test
  void shouldRunAMockedChildProcess() {
    deploy(client, Bpmn.createExecutableProcess("parent").startEvent()
        .callActivity("call", c -> c.zeebeProcessId("monitoring")).endEvent().done());
    processTestContext.mockChildProcess("monitoring", Map.of("warning", false));

    assertThat(start(client, "parent")).isCompleted().hasVariable("warning", false);
  }

  @Test
  void shouldUseAMockedDecision() {
    deploy(client, Bpmn.createExecutableProcess("rate").startEvent()
        .businessRuleTask("decide", t -> t.zeebeCalledDecisionId("tier").zeebeResultVariable("tier"))
        .endEvent().done());
    processTestContext.mockDmnDecision("tier", "B");

    assertThat(start(client, "rate")).isCompleted().hasVariable("tier", "B");
  }

  @Test
  void shouldAssertUserTasksAndCompleteThemThroughTheContext() {
    deploy(client, Bpmn.createExecutableProcess("approval").startEvent()
        .userTask("review", t -> t.name("审批 / Review").zeebeUserTask().zeebeAssignee("alice")
            .zeebeCandidateGroups("risk").zeebeTaskPriority("70"))
        .endEvent().done());
    var instance = start(client, "approval");

    assertThatUserTask(UserTaskSelectors.byElementId("review")).isCreated().hasAssignee("alice").hasPriority(70)
        .hasCandidateGroups(List.of("risk")).hasName("审批 / Review");
    processTestContext.completeUserTask("review", Map.of("approved", true));

    assertThatUserTask(UserTaskSelectors.byElementId("review")).isCompleted();
    assertThat(instance).isCompleted().hasVariable("approved", true);
  }

  @Test
  void shouldAssertEvaluatedDecisions() {
    client.newDeployResourceCommand().addResourceStringUtf8("""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="D"
            namespace="http://camunda.org/schema/1.0/dmn">
          <decision id="double" name="Double">
            <literalExpression id="e"><text>x * 2</text></literalExpression>
          </decision>
        </definitions>
        """, "double.dmn").send().join();
    deploy(client, Bpmn.createExecutableProcess("calc").startEvent()
        .businessRuleTask("decide", t -> t.zeebeCalledDecisionId("double").zeebeResultVariable("y"))
        .endEvent().done());

    assertThat(start(client, "calc", Map.of("x", 4))).isCompleted().hasVariable("y", 8);
    assertThatDecision(DecisionSelectors.byId("double")).isEvaluated().hasOutput(8);
  }
}
