package cn.computeloan.process;

import static org.awaitility.Awaitility.await;

import cn.computeloan.credit.TestData;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.engine.conformance.EmbeddedEngineExtension;
import cn.computeloan.process.casefile.InMemoryCaseFile;
import cn.computeloan.process.casefile.InMemoryMonitoringIndicators;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * What the process tests share: deploying every model, decision and form the application deploys,
 * the application's in-memory case file, and driving user tasks as a person in Tasklist would
 * (claim, then complete).
 */
final class ProcessFixture {

  static final String APPROVAL = "compute-loan-approval";
  static final String MONITORING = "post-loan-monitoring";
  static final Duration WAIT = Duration.ofSeconds(30);

  private final CamundaClient client;

  ProcessFixture(CamundaClient client) {
    this.client = client;
  }

  /** A sample application under a fresh id, changed through its JSON. */
  static LoanApplication application(String sample, Consumer<ObjectNode> change) {
    String id = sample.substring(0, 4).toUpperCase() + "-" + UUID.randomUUID();
    return TestData.sample(sample, node -> {
      node.put("applicationId", id);
      change.accept(node);
    });
  }

  /**
   * An approver's form variables. A null amount is not sent, as form-js does not send a hidden
   * field (REJECT, RETURN) and an approver who does not lower the amount leaves the prefilled
   * proposed limit.
   */
  static Map<String, Object> vote(String decision, Object amount, String comment) {
    var vote = new HashMap<String, Object>();
    vote.put("decision", decision);
    if (amount != null) {
      vote.put("approvedAmount", amount);
    }
    vote.put("comment", comment);
    return vote;
  }

  static InMemoryCaseFile caseFile() {
    return EmbeddedEngineExtension.start().getBean(InMemoryCaseFile.class);
  }

  static InMemoryMonitoringIndicators indicators() {
    return EmbeddedEngineExtension.start().getBean(InMemoryMonitoringIndicators.class);
  }

  static cn.computeloan.process.casefile.InMemoryRepaymentLedger ledger() {
    return EmbeddedEngineExtension.start().getBean(cn.computeloan.process.casefile.InMemoryRepaymentLedger.class);
  }

  /** A variable of the user task (its own scope first), as JSON text. */
  String taskVariable(UserTask task, String name) {
    return client.newUserTaskVariableSearchRequest(task.getUserTaskKey()).filter(f -> f.name(name)).withFullValues()
        .send().join().items().stream().map(io.camunda.client.api.search.response.Variable::getValue).findFirst()
        .orElse(null);
  }

  /** A variable of the process instance's root scope, as JSON text. */
  String processVariable(long processInstanceKey, String name) {
    return client.newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey).scopeKey(processInstanceKey).name(name))
        .withFullValues().send().join().items().stream().map(io.camunda.client.api.search.response.Variable::getValue)
        .findFirst().orElse(null);
  }

  /** Every resource of bpmn/ and forms/ (CPT purges the engine between tests). */
  static List<Resource> resources() {
    try {
      var resolver = new PathMatchingResourcePatternResolver();
      var all = new java.util.ArrayList<Resource>();
      for (String pattern : List.of("classpath*:bpmn/**/*.bpmn", "classpath*:bpmn/**/*.dmn", "classpath*:forms/**/*.form")) {
        all.addAll(List.of(resolver.getResources(pattern)));
      }
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  io.camunda.client.api.response.DeploymentEvent deployAll() {
    List<Resource> resources = resources();
    DeployResourceCommandStep2 command = null;
    for (Resource resource : resources) {
      try (var in = resource.getInputStream()) {
        command = command == null
            ? client.newDeployResourceCommand().addResourceStream(in, resource.getFilename())
            : command.addResourceStream(in, resource.getFilename());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return command.send().join();
  }

  ProcessInstanceEvent start(LoanApplication application) {
    caseFile().store(application);
    return client.newCreateInstanceCommand().bpmnProcessId(APPROVAL).latestVersion()
        .variables(Map.of("applicationId", application.applicationId())).send().join();
  }

  /** The open task of the element (waits until it exists). */
  UserTask task(ProcessInstanceEvent instance, String elementId) {
    return tasks(instance.getProcessInstanceKey(), elementId, 1).get(0);
  }

  /** The open tasks of the element once there are {@code count} of them. */
  List<UserTask> tasks(long processInstanceKey, String elementId, int count) {
    return await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(
        () -> client.newUserTaskSearchRequest()
            .filter(f -> f.processInstanceKey(processInstanceKey).elementId(elementId).state(UserTaskState.CREATED))
            .send().join().items(),
        items -> items.size() >= count);
  }

  /** Claims and completes the task as {@code user}. */
  void complete(UserTask task, String user, Map<String, Object> variables) {
    client.newAssignUserTaskCommand(task.getUserTaskKey()).assignee(user).allowOverride(true).send().join();
    client.newCompleteUserTaskCommand(task.getUserTaskKey()).variables(variables).send().join();
  }

  /** The reason a completing listener gave for denying a completion (the engine answers 409). */
  static String denial(Throwable refused) {
    org.assertj.core.api.Assertions.assertThat(refused).as("the completion must be refused")
        .isInstanceOf(io.camunda.client.api.command.ProblemException.class);
    var problem = (io.camunda.client.api.command.ProblemException) refused;
    org.assertj.core.api.Assertions.assertThat(problem.code()).isEqualTo(409);
    return problem.details().getDetail();
  }

  /** True while the task is still open (not completed, not cancelled). */
  boolean isOpen(UserTask task) {
    // Search is eventually consistent (as on a cluster): a denied completion shows COMPLETING until
    // the projection catches up, so wait for the task to leave a transition state first.
    java.util.concurrent.atomic.AtomicReference<UserTaskState> state = new java.util.concurrent.atomic.AtomicReference<>();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
      state.set(client.newUserTaskSearchRequest().filter(f -> f.userTaskKey(task.getUserTaskKey())).send().join()
          .items().stream().map(UserTask::getState).findFirst().orElse(null));
      return state.get() != null && SETTLED.contains(state.get());
    });
    return state.get() == UserTaskState.CREATED;
  }

  private static final java.util.Set<UserTaskState> SETTLED =
      java.util.EnumSet.of(UserTaskState.CREATED, UserTaskState.COMPLETED, UserTaskState.CANCELED, UserTaskState.FAILED);
}
