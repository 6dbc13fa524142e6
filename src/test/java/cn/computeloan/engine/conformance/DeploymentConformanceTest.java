package cn.computeloan.engine.conformance;

import static cn.computeloan.engine.conformance.Conformance.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Deployment: versioning by content, start events of the latest version only, refusal of broken
 * models. Behaviour: https://docs.camunda.io/docs/components/concepts/resource-deployments/ and
 * https://docs.camunda.io/docs/components/modeler/bpmn/message-events/#message-start-events
 */
@EngineConformanceTest
class DeploymentConformanceTest {

  private CamundaClient client;
  private CamundaProcessTestContext processTestContext;

  private static BpmnModelInstance model(String jobType) {
    return Bpmn.createExecutableProcess("versioned").startEvent("applied").message("applied")
        .serviceTask("work", t -> t.zeebeJobType(jobType)).endEvent("end").done();
  }

  private int deployedVersion(BpmnModelInstance model) {
    return client.newDeployResourceCommand().addProcessModel(model, "versioned.bpmn").send().join()
        .getProcesses().get(0).getVersion();
  }

  @Test
  void shouldCreateANewVersionOnlyWhenTheContentChanged() {
    BpmnModelInstance first = model("v1");
    assertThat(deployedVersion(first)).isEqualTo(1);
    assertThat(deployedVersion(first)).isEqualTo(1);
    assertThat(deployedVersion(model("v2"))).isEqualTo(2);
  }

  @Test
  void shouldStartByMessageOnlyTheLatestVersion() {
    deployedVersion(model("v1"));
    deployedVersion(model("v2"));

    client.newPublishMessageCommand().messageName("applied").correlationKey("c-1").send().join();

    assertThat(Conformance.activateOne(client, "v2").getProcessDefinitionVersion()).isEqualTo(2);
    assertThat(Conformance.activate(client, "v1", 1)).isEmpty();
  }

  @Test
  void shouldReplaceTheTimerStartEventOfThePreviousVersion() {
    client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("nightly").startEvent()
        .timerWithCycle("R/PT24H").serviceTask("old", t -> t.zeebeJobType("old")).endEvent().done(), "n.bpmn")
        .send().join();
    client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("nightly").startEvent()
        .timerWithCycle("R/PT24H").serviceTask("new", t -> t.zeebeJobType("new")).endEvent().done(), "n.bpmn")
        .send().join();

    processTestContext.increaseTime(Duration.ofHours(25));

    assertThat(Conformance.activateOne(client, "new")).isNotNull();
    assertThat(Conformance.activate(client, "old", 1)).isEmpty();
  }

  @Test
  void shouldRefuseAnUnparsableResourceAndDeployNothingOfTheRequest() {
    var problem = problem(() -> client.newDeployResourceCommand()
        .addProcessModel(model("fine"), "fine.bpmn")
        .addResourceStringUtf8("<definitions>broken", "broken.bpmn").send().join());

    assertThat(problem.code()).isEqualTo(400);
    assertThat(problem.details().getDetail()).contains("broken.bpmn");
    var definitions = client.newProcessDefinitionSearchRequest().filter(f -> f.processDefinitionId("versioned"))
        .send().join().items();
    assertThat(definitions).isEmpty();
  }

  @Test
  void shouldRejectCreatingAnInstanceOfAnUnknownProcess() {
    var problem = problem(() -> client.newCreateInstanceCommand().bpmnProcessId("unknown").latestVersion()
        .variables(Map.of()).send().join());

    assertThat(problem.code()).isEqualTo(404);
  }
}
