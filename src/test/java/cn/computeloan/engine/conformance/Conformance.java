package cn.computeloan.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.awaitility.Awaitility;

/** Small helpers shared by the conformance tests: deploy, start, activate one job, find a task. */
final class Conformance {

  private Conformance() {}

  static void deploy(CamundaClient client, BpmnModelInstance... models) {
    var command = client.newDeployResourceCommand().addProcessModel(models[0], "model0.bpmn");
    for (int i = 1; i < models.length; i++) {
      command = command.addProcessModel(models[i], "model" + i + ".bpmn");
    }
    command.send().join();
  }

  static ProcessInstanceEvent start(CamundaClient client, String processId, Map<String, Object> variables) {
    return client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion().variables(variables)
        .send().join();
  }

  static ProcessInstanceEvent start(CamundaClient client, String processId) {
    return start(client, processId, Map.of());
  }

  /** Activates exactly one job of the type, waiting up to five seconds for it. */
  static ActivatedJob activateOne(CamundaClient client, String type) {
    List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(type).maxJobsToActivate(1)
        .requestTimeout(Duration.ofSeconds(5)).send().join().getJobs();
    assertThat(jobs).as("activated jobs of type '%s'", type).hasSize(1);
    return jobs.get(0);
  }

  static List<ActivatedJob> activate(CamundaClient client, String type, int max) {
    return client.newActivateJobsCommand().jobType(type).maxJobsToActivate(max)
        .requestTimeout(Duration.ofMillis(200)).send().join().getJobs();
  }

  /** The one user task of an instance in the given element, once it is visible. */
  static UserTask userTask(CamundaClient client, long processInstanceKey, String elementId) {
    return Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> client.newUserTaskSearchRequest()
            .filter(f -> f.processInstanceKey(processInstanceKey).elementId(elementId)).send().join().items(),
        items -> items.size() == 1).get(0);
  }

  static ProblemException problem(ThrowingCallable call) {
    try {
      call.call();
    } catch (ProblemException e) {
      return e;
    } catch (CompletionException e) {
      if (e.getCause() instanceof ProblemException p) {
        return p;
      }
      throw new AssertionError("expected a problem answer, got " + e, e);
    } catch (Throwable e) {
      throw new AssertionError("expected a problem answer, got " + e, e);
    }
    throw new AssertionError("expected a problem answer, but the call succeeded");
  }
}
