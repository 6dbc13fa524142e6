package cn.computeloan.engine.conformance;

import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Service tasks and jobs. Behaviour: https://docs.camunda.io/docs/components/modeler/bpmn/service-tasks/
 * and https://docs.camunda.io/docs/components/concepts/job-workers/
 */
@EngineConformanceTest
class ServiceTaskConformanceTest {

  private CamundaClient client;
  private CamundaProcessTestContext processTestContext;

  private void deploy() {
    client.newDeployResourceCommand()
        .addProcessModel(Bpmn.createExecutableProcess("service").startEvent("start")
            .serviceTask("work", t -> t.zeebeJobType("work").zeebeTaskHeader("h", "v"))
            .endEvent("end").done(), "service.bpmn")
        .send().join();
  }

  @Test
  void shouldCompleteServiceTaskWithJobVariablesPropagatedToTheInstance() {
    // given
    deploy();
    var instance = client.newCreateInstanceCommand().bpmnProcessId("service").latestVersion()
        .variables(Map.of("amount", 100)).send().join();

    // when
    List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType("work").maxJobsToActivate(1)
        .requestTimeout(Duration.ofSeconds(5)).send().join().getJobs();
    client.newCompleteCommand(jobs.get(0).getKey()).variables(Map.of("approved", true)).send().join();

    // then
    assertThat(jobs.get(0).getCustomHeaders()).containsEntry("h", "v");
    assertThat(jobs.get(0).getVariablesAsMap()).containsEntry("amount", 100);
    assertThat(instance).isCompleted().hasCompletedElementsInOrder("start", "work", "end")
        .hasVariable("approved", true);
  }

  @Test
  void shouldLongPollUntilAJobIsCreated() {
    deploy();
    var activation = client.newActivateJobsCommand().jobType("work").maxJobsToActivate(1)
        .requestTimeout(Duration.ofSeconds(10)).send();

    client.newCreateInstanceCommand().bpmnProcessId("service").latestVersion().send().join();

    assertThat(activation.join().getJobs()).hasSize(1);
  }

  @Test
  void shouldCreateIncidentWhenRetriesAreExhaustedAndContinueAfterResolution() {
    deploy();
    var instance = client.newCreateInstanceCommand().bpmnProcessId("service").latestVersion().send().join();
    long jobKey = client.newActivateJobsCommand().jobType("work").maxJobsToActivate(1).send().join()
        .getJobs().get(0).getKey();

    client.newFailCommand(jobKey).retries(0).errorMessage("scoring service down").send().join();
    assertThat(instance).hasActiveIncidents();

    var incident = client.newIncidentSearchRequest().filter(f -> f.processInstanceKey(instance.getProcessInstanceKey()))
        .send().join().items().get(0);
    assertThat(incident.getErrorMessage()).isEqualTo("scoring service down");
    client.newUpdateRetriesCommand(jobKey).retries(1).send().join();
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();
    processTestContext.completeJob("work");

    assertThat(instance).isCompleted().hasNoActiveIncidents();
  }
}
