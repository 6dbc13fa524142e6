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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Jobs and incidents. Behaviour: https://docs.camunda.io/docs/components/concepts/job-workers/ and
 * https://docs.camunda.io/docs/components/concepts/incidents/
 */
@EngineConformanceTest
class JobConformanceTest {

  private CamundaClient client;
  private CamundaProcessTestContext processTestContext;

  private void deployWork() {
    deploy(client, Bpmn.createExecutableProcess("work").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("work").zeebeJobRetries("3")).endEvent("end").done());
  }

  @Test
  void shouldAnswerAnEmptyLongPollOnlyAfterItsRequestTimeout() {
    long started = System.nanoTime();

    var jobs = client.newActivateJobsCommand().jobType("nothing").maxJobsToActivate(1)
        .requestTimeout(Duration.ofMillis(1500)).send().join().getJobs();

    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
    assertThat(jobs).isEmpty();
    assertThat(elapsedMillis).isBetween(1_400L, 8_000L);
  }

  @Test
  void shouldFetchOnlyTheRequestedVariables() {
    deployWork();
    start(client, "work", Map.of("a", 1, "b", 2, "c", 3));

    var job = client.newActivateJobsCommand().jobType("work").maxJobsToActivate(1).fetchVariables("a", "c")
        .requestTimeout(Duration.ofSeconds(5)).send().join().getJobs().get(0);

    assertThat(job.getVariablesAsMap()).containsOnlyKeys("a", "c");
  }

  @Test
  void shouldActivateAJobAgainAfterItsTimeoutPassed() {
    deployWork();
    start(client, "work");
    var first = client.newActivateJobsCommand().jobType("work").maxJobsToActivate(1).timeout(Duration.ofMinutes(5))
        .workerName("w1").send().join().getJobs().get(0);
    assertThat(activate(client, "work", 1)).isEmpty();

    processTestContext.increaseTime(Duration.ofMinutes(6));

    var again = activateOne(client, "work");
    assertThat(again.getKey()).isEqualTo(first.getKey());
    assertThat(first.getWorker()).isEqualTo("w1");
  }

  @Test
  void shouldExtendTheDeadlineWithATimeoutUpdate() {
    deployWork();
    start(client, "work");
    var job = client.newActivateJobsCommand().jobType("work").maxJobsToActivate(1).timeout(Duration.ofMinutes(5))
        .send().join().getJobs().get(0);

    client.newUpdateTimeoutCommand(job).timeout(Duration.ofHours(1)).send().join();
    processTestContext.increaseTime(Duration.ofMinutes(30));

    assertThat(activate(client, "work", 1)).isEmpty();
    client.newCompleteCommand(job).send().join();
  }

  @Test
  void shouldRetryAFailedJobAfterItsBackOff() {
    deployWork();
    var instance = start(client, "work");
    var job = activateOne(client, "work");

    client.newFailCommand(job).retries(2).retryBackoff(Duration.ofMinutes(10)).errorMessage("timeout").send().join();
    assertThat(activate(client, "work", 1)).isEmpty();
    processTestContext.increaseTime(Duration.ofMinutes(11));

    var retried = activateOne(client, "work");
    assertThat(retried.getKey()).isEqualTo(job.getKey());
    assertThat(retried.getRetries()).isEqualTo(2);
    client.newCompleteCommand(retried).send().join();
    assertThat(instance).isCompleted();
  }

  @Test
  void shouldMakeAFailedJobWithRetriesActivatableAtOnceWithoutBackOff() {
    deployWork();
    start(client, "work");
    var job = activateOne(client, "work");

    client.newFailCommand(job).retries(1).send().join();

    assertThat(activateOne(client, "work").getRetries()).isEqualTo(1);
  }

  @Test
  void shouldResolveANoRetriesIncidentAfterRetriesAreUpdated() {
    deployWork();
    var instance = start(client, "work");
    var job = activateOne(client, "work");
    client.newFailCommand(job).retries(0).errorMessage("down").send().join();
    assertThat(instance).hasActiveIncidents();
    var incident = client.newIncidentSearchRequest().filter(f -> f.processInstanceKey(instance.getProcessInstanceKey()))
        .send().join().items().get(0);
    assertThat(incident.getErrorType().name()).isEqualTo("JOB_NO_RETRIES");
    assertThat(incident.getJobKey()).isEqualTo(job.getKey());

    client.newUpdateRetriesCommand(job).retries(2).send().join();
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    client.newCompleteCommand(activateOne(client, "work")).send().join();
    assertThat(instance).isCompleted().hasNoActiveIncidents();
  }

  @Test
  void shouldRejectRetriesBelowOne() {
    deployWork();
    start(client, "work");
    var job = activateOne(client, "work");

    assertThat(problem(() -> client.newUpdateRetriesCommand(job).retries(0).send().join()).code()).isEqualTo(400);
  }

  @Test
  void shouldRejectCompletingAJobTwice() {
    deployWork();
    start(client, "work");
    var job = activateOne(client, "work");
    client.newCompleteCommand(job).send().join();

    assertThat(problem(() -> client.newCompleteCommand(job).send().join()).code()).isEqualTo(404);
  }

  @Test
  void shouldPassTaskHeadersAndApplyOutputMappings() {
    deploy(client, Bpmn.createExecutableProcess("mapped").startEvent()
        .serviceTask("score", t -> t.zeebeJobType("score").zeebeTaskHeader("model", "v2")
            .zeebeInputExpression("applicant.revenue", "revenue")
            .zeebeOutputExpression("result.tier", "tier"))
        .endEvent().done());
    var instance = start(client, "mapped", Map.of("applicant", Map.of("revenue", 1000)));

    var job = activateOne(client, "score");
    client.newCompleteCommand(job).variables(Map.of("result", Map.of("tier", "A"))).send().join();

    assertThat(job.getVariablesAsMap()).containsEntry("revenue", 1000);
    assertThat(job.getCustomHeaders()).containsEntry("model", "v2");
    assertThat(instance).isCompleted().hasVariable("tier", "A").hasVariableNames("applicant", "tier");
  }

  @Test
  void shouldRaiseAnIncidentForAFailingInputMappingAndContinueAfterTheVariableIsSet() {
    deploy(client, Bpmn.createExecutableProcess("mapped").startEvent()
        .serviceTask("score", t -> t.zeebeJobType("score").zeebeInputExpression("assert(revenue, revenue != null)", "r"))
        .endEvent().done());
    var instance = start(client, "mapped");
    assertThat(instance).hasActiveIncidents();
    var incident = client.newIncidentSearchRequest().filter(f -> f.processInstanceKey(instance.getProcessInstanceKey()))
        .send().join().items().get(0);

    client.newSetVariablesCommand(instance.getProcessInstanceKey()).variables(Map.of("revenue", 5)).send().join();
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    assertThat(activateOne(client, "score").getVariablesAsMap()).containsEntry("r", 5);
  }

  @Test
  void shouldActivateJobsOfSeveralInstancesUpToTheMaximum() {
    deployWork();
    for (int i = 0; i < 3; i++) {
      start(client, "work");
    }

    List<?> jobs = client.newActivateJobsCommand().jobType("work").maxJobsToActivate(2)
        .requestTimeout(Duration.ofSeconds(5)).send().join().getJobs();

    assertThat(jobs).hasSize(2);
    assertThat(activate(client, "work", 5)).hasSize(1);
  }
}
