package cn.computeloan.engine.conformance;

import static cn.computeloan.engine.conformance.Conformance.activateOne;
import static cn.computeloan.engine.conformance.Conformance.problem;
import static cn.computeloan.engine.conformance.Conformance.start;
import static cn.computeloan.engine.conformance.Conformance.userTask;
import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.TaskListenerBuilder;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Camunda user tasks and task listeners. Behaviour:
 * https://docs.camunda.io/docs/components/modeler/bpmn/user-tasks/ and
 * https://docs.camunda.io/docs/components/concepts/user-task-listeners/
 */
@EngineConformanceTest
class UserTaskConformanceTest {

  private static final String FORM = """
      {"id": "approve-form", "type": "default", "schemaVersion": 16,
       "components": [{"type": "checkbox", "key": "approved", "label": "同意 / Approve"}]}
      """;

  private CamundaClient client;
  private CamundaProcessTestContext processTestContext;

  private void deployTask(Consumer<io.camunda.zeebe.model.bpmn.builder.UserTaskBuilder> task) {
    BpmnModelInstance model = Bpmn.createExecutableProcess("approval").startEvent()
        .userTask("review", t -> task.accept(t.zeebeUserTask())).endEvent("end").done();
    client.newDeployResourceCommand().addProcessModel(model, "approval.bpmn").send().join();
  }

  private void deployWithListener(Consumer<TaskListenerBuilder> listener) {
    deployTask(t -> t.zeebeAssignee("alice").zeebeTaskListener(listener));
  }

  @Test
  void shouldCreateUserTaskWithAssignmentScheduleAndPriorityFromExpressions() {
    // given
    deployTask(t -> t.zeebeAssigneeExpression("owner").zeebeCandidateGroupsExpression("groups")
        .zeebeCandidateUsers("u1, u2").zeebeDueDateExpression("due").zeebeFollowUpDate("2026-12-01T08:00:00Z")
        .zeebeTaskPriorityExpression("prio + 10").zeebeTaskHeader("step", "review"));

    // when
    var instance = start(client, "approval", Map.of("owner", "alice", "groups", List.of("risk", "credit"),
        "due", "2026-12-02T10:00:00+08:00", "prio", 70));

    // then
    var task = userTask(client, instance.getProcessInstanceKey(), "review");
    assertThat(task.getAssignee()).isEqualTo("alice");
    assertThat(task.getCandidateGroups()).containsExactly("risk", "credit");
    assertThat(task.getCandidateUsers()).containsExactly("u1", "u2");
    assertThat(task.getDueDate()).isEqualTo(OffsetDateTime.parse("2026-12-02T10:00:00+08:00"));
    assertThat(task.getFollowUpDate()).isEqualTo(OffsetDateTime.parse("2026-12-01T08:00:00Z"));
    assertThat(task.getPriority()).isEqualTo(80);
    assertThat(task.getCustomHeaders()).containsEntry("step", "review");
    assertThat(task.getState()).isEqualTo(UserTaskState.CREATED);
  }

  @Test
  void shouldDefaultPriorityTo50() {
    deployTask(t -> { });
    var instance = start(client, "approval");
    assertThat(userTask(client, instance.getProcessInstanceKey(), "review").getPriority()).isEqualTo(50);
  }

  @Test
  void shouldRaiseIncidentForPriorityOutOfRange() {
    // https://docs.camunda.io/docs/components/modeler/bpmn/user-tasks/#define-user-task-priority
    deployTask(t -> t.zeebeTaskPriorityExpression("prio"));
    var instance = start(client, "approval", Map.of("prio", 101));
    assertThat(instance).hasActiveIncidents();
  }

  @Test
  void shouldServeTheLinkedFormOfATask() {
    // given
    client.newDeployResourceCommand().addResourceStringUtf8(FORM, "approve.form").send().join();
    deployTask(t -> t.zeebeFormId("approve-form"));
    var instance = start(client, "approval");

    // when
    var task = userTask(client, instance.getProcessInstanceKey(), "review");
    var form = client.newUserTaskGetFormRequest(task.getUserTaskKey()).send().join();

    // then
    assertThat(task.getFormKey()).isEqualTo(form.getFormKey());
    assertThat(form.getFormId()).isEqualTo("approve-form");
    assertThat(String.valueOf(form.getSchema())).contains("approved");
  }

  @Test
  void shouldRaiseIncidentWhenTheLinkedFormIsNotDeployed() {
    deployTask(t -> t.zeebeFormId("missing-form"));
    var instance = start(client, "approval");
    assertThat(instance).hasActiveIncidents();
  }

  @Test
  void shouldCompleteTaskWithVariablesPropagatedToTheInstance() {
    deployTask(t -> t.zeebeAssignee("alice"));
    var instance = start(client, "approval");
    var task = userTask(client, instance.getProcessInstanceKey(), "review");

    client.newCompleteUserTaskCommand(task.getUserTaskKey()).variables(Map.of("approved", true)).send().join();

    assertThat(instance).isCompleted().hasVariable("approved", true).hasCompletedElementsInOrder("review", "end");
  }

  @Test
  void shouldAssignUnassignAndUpdateTask() {
    // given
    deployTask(t -> { });
    var instance = start(client, "approval");
    long key = userTask(client, instance.getProcessInstanceKey(), "review").getUserTaskKey();

    // when / then
    client.newAssignUserTaskCommand(key).assignee("bob").send().join();
    assertThat(client.newUserTaskGetRequest(key).send().join().getAssignee()).isEqualTo("bob");

    client.newUpdateUserTaskCommand(key).priority(90).candidateGroups(List.of("audit"))
        .dueDate("2027-01-01T00:00:00Z").send().join();
    var updated = client.newUserTaskGetRequest(key).send().join();
    assertThat(updated.getPriority()).isEqualTo(90);
    assertThat(updated.getCandidateGroups()).containsExactly("audit");
    assertThat(updated.getDueDate()).isEqualTo(OffsetDateTime.parse("2027-01-01T00:00:00Z"));

    client.newUnassignUserTaskCommand(key).send().join();
    assertThat(client.newUserTaskGetRequest(key).send().join().getAssignee()).isNull();
  }

  @Test
  void shouldRejectClaimingATaskAssignedToSomeoneElse() {
    deployTask(t -> t.zeebeAssignee("alice"));
    var instance = start(client, "approval");
    long key = userTask(client, instance.getProcessInstanceKey(), "review").getUserTaskKey();

    var problem = problem(() -> client.newAssignUserTaskCommand(key).assignee("bob").allowOverride(false).send().join());

    assertThat(problem.code()).isEqualTo(409);
  }

  @Test
  void shouldRejectCommandsForUnknownTask() {
    var problem = problem(() -> client.newCompleteUserTaskCommand(2251799813685249L).send().join());
    assertThat(problem.code()).isEqualTo(404);
  }

  @Test
  void shouldCancelTaskWhenInstanceIsCanceled() {
    deployTask(t -> { });
    var instance = start(client, "approval");
    long key = userTask(client, instance.getProcessInstanceKey(), "review").getUserTaskKey();

    client.newCancelInstanceCommand(instance.getProcessInstanceKey()).send().join();

    assertThat(instance).isTerminated();
    assertThat(client.newUserTaskGetRequest(key).send().join().getState()).isEqualTo(UserTaskState.CANCELED);
  }

  // --- task listeners

  @Test
  void shouldRejectCompletionDeniedByAListenerWith409AndKeepTheTaskOpen() {
    // given
    deployWithListener(l -> l.completing().type("check-completion"));
    var instance = start(client, "approval");
    long key = userTask(client, instance.getProcessInstanceKey(), "review").getUserTaskKey();

    // when
    var completion = client.newCompleteUserTaskCommand(key).variables(Map.of("approved", true)).send();
    var listenerJob = activateOne(client, "check-completion");
    client.newCompleteCommand(listenerJob).withResult(r -> r.forUserTask().deny(true, "四眼原则 / four eyes")).send().join();

    // then
    var problem = problem(completion::join);
    assertThat(problem.code()).isEqualTo(409);
    assertThat(listenerJob.getKind().name()).isEqualTo("TASK_LISTENER");
    assertThat(listenerJob.getListenerEventType().name()).isEqualTo("COMPLETING");
    assertThat(listenerJob.getUserTask().getUserTaskKey()).isEqualTo(key);
    assertThat(client.newUserTaskGetRequest(key).send().join().getState()).isEqualTo(UserTaskState.CREATED);
    assertThat(instance).isActive().hasActiveElements("review");
  }

  @Test
  void shouldCompleteTaskOnlyAfterTheCompletingListenerAccepts() {
    deployWithListener(l -> l.completing().type("check-completion"));
    var instance = start(client, "approval");
    long key = userTask(client, instance.getProcessInstanceKey(), "review").getUserTaskKey();

    var completion = client.newCompleteUserTaskCommand(key).variables(Map.of("approved", true)).send();
    assertThat(completion.toCompletableFuture().isDone()).isFalse();
    client.newCompleteCommand(activateOne(client, "check-completion")).send().join();
    completion.join();

    assertThat(instance).isCompleted().hasVariable("approved", true);
  }

  @Test
  void shouldKeepCompletionVariablesLocalWhenTheTaskHasOutputMappings() {
    // given: a task that declares one output; the process already has a rate
    deployTask(t -> t.zeebeAssignee("alice").zeebeInput("=null", "approved").zeebeOutput("=approved", "decision"));
    var instance = start(client, "approval", Map.of("rate", 355));
    long key = userTask(client, instance.getProcessInstanceKey(), "review").getUserTaskKey();

    // when: the completion also sets variables the task does not declare
    client.newCompleteUserTaskCommand(key).variables(Map.of("approved", true, "rate", 1, "extra", "x")).send().join();

    // then: only the declared output reaches the process
    assertThat(instance).isCompleted().hasVariable("decision", true).hasVariable("rate", 355);
    assertThat(client.newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(instance.getProcessInstanceKey()).scopeKey(instance.getProcessInstanceKey()))
        .send().join().items()).extracting(v -> v.getName()).containsExactlyInAnyOrder("rate", "decision");
  }

  @Test
  void shouldGiveTheCompletingListenerTheCompletionsAction() {
    deployWithListener(l -> l.completing().type("check-action"));
    var instance = start(client, "approval");
    long key = userTask(client, instance.getProcessInstanceKey(), "review").getUserTaskKey();

    var completion = client.newCompleteUserTaskCommand(key).action("complete:alice").send();
    var job = activateOne(client, "check-action");

    assertThat(job.getUserTask().getAction()).isEqualTo("complete:alice");
    assertThat(job.getUserTask().getAssignee()).isEqualTo("alice");
    client.newCompleteCommand(job).send().join();
    completion.join();
  }

  @Test
  void shouldReturnFullVariableValuesOfAUserTaskWhenAsked() {
    deployTask(t -> t.zeebeAssignee("alice"));
    String longText = "长".repeat(9_000);
    var instance = start(client, "approval", Map.of("memo", longText));
    long key = userTask(client, instance.getProcessInstanceKey(), "review").getUserTaskKey();

    var truncated = client.newUserTaskVariableSearchRequest(key).send().join().items().get(0);
    var full = client.newUserTaskVariableSearchRequest(key).withFullValues().send().join().items().get(0);

    assertThat(truncated.isTruncated()).isTrue();
    assertThat(full.isTruncated()).isFalse();
    assertThat(full.getValue()).isEqualTo("\"" + longText + "\"");
  }

  @Test
  void shouldGiveTheCompletingListenerTheCompletionVariablesShadowingTheProcessVariables() {
    // Zeebe's JobVariablesCollector: a completing listener job sees the process variables with the
    // variables of the completion merged over them, filtered by fetchVariables like any job
    deployWithListener(l -> l.completing().type("check-completion"));
    var instance = start(client, "approval", Map.of("foo", "bar", "approved", false, "other", 1));
    long key = userTask(client, instance.getProcessInstanceKey(), "review").getUserTaskKey();

    var completion = client.newCompleteUserTaskCommand(key).variables(Map.of("approved", true, "note", "ok")).send();
    var all = activateOne(client, "check-completion");

    assertThat(all.getVariablesAsMap()).containsEntry("foo", "bar").containsEntry("approved", true)
        .containsEntry("note", "ok").containsEntry("other", 1);
    client.newFailCommand(all).retries(1).send().join();
    var fetched = client.newActivateJobsCommand().jobType("check-completion").maxJobsToActivate(1)
        .fetchVariables("approved", "foo").requestTimeout(java.time.Duration.ofSeconds(5)).send().join().getJobs().get(0);
    assertThat(fetched.getVariablesAsMap()).containsOnlyKeys("approved", "foo").containsEntry("approved", true);
    client.newCompleteCommand(fetched).send().join();
    completion.join();
    assertThat(instance).isCompleted().hasVariable("approved", true);
  }

  @Test
  void shouldGiveListenerJobsTheTaskHeaders() {
    // https://docs.camunda.io/docs/components/concepts/user-task-listeners/#task-headers
    deployTask(t -> t.zeebeTaskHeader("step", "REVIEW").zeebeTaskListener(l -> l.completing().type("check-completion")));
    var instance = start(client, "approval");
    long key = userTask(client, instance.getProcessInstanceKey(), "review").getUserTaskKey();

    var completion = client.newCompleteUserTaskCommand(key).send();
    var job = activateOne(client, "check-completion");

    assertThat(job.getCustomHeaders()).containsEntry("step", "REVIEW");
    client.newCompleteCommand(job).send().join();
    completion.join();
  }

  @Test
  void shouldGiveAnAssigningListenerNoCompletionVariables() {
    deployTask(t -> t.zeebeTaskListener(l -> l.assigning().type("check-assignment")));
    var instance = start(client, "approval", Map.of("foo", "bar"));
    long key = userTask(client, instance.getProcessInstanceKey(), "review").getUserTaskKey();

    var assignment = client.newAssignUserTaskCommand(key).assignee("alice").send();
    var job = activateOne(client, "check-assignment");

    assertThat(job.getVariablesAsMap()).containsOnlyKeys("foo");
    client.newCompleteCommand(job).send().join();
    assignment.join();
  }

  @Test
  void shouldRejectAssignmentAndUpdateDeniedByListeners() {
    deployTask(t -> t.zeebeTaskListener(l -> l.assigning().type("check-assignment"))
        .zeebeTaskListener(l -> l.updating().type("check-update")));
    var instance = start(client, "approval");
    long key = userTask(client, instance.getProcessInstanceKey(), "review").getUserTaskKey();

    var assignment = client.newAssignUserTaskCommand(key).assignee("bob").send();
    client.newCompleteCommand(activateOne(client, "check-assignment")).withResult(r -> r.forUserTask().deny(true)).send().join();
    assertThat(problem(assignment::join).code()).isEqualTo(409);
    assertThat(client.newUserTaskGetRequest(key).send().join().getAssignee()).isNull();

    var update = client.newUpdateUserTaskCommand(key).priority(10).send();
    client.newCompleteCommand(activateOne(client, "check-update")).withResult(r -> r.forUserTask().deny(true)).send().join();
    assertThat(problem(update::join).code()).isEqualTo(409);
    assertThat(client.newUserTaskGetRequest(key).send().join().getPriority()).isEqualTo(50);
  }

  @Test
  void shouldRejectUnassignmentDeniedByAListener() {
    deployTask(t -> t.zeebeAssignee("alice").zeebeTaskListener(l -> l.assigning().type("check-assignment")));
    var instance = start(client, "approval");
    // the initial assignment runs the assigning listener too
    client.newCompleteCommand(activateOne(client, "check-assignment")).send().join();
    long key = userTask(client, instance.getProcessInstanceKey(), "review").getUserTaskKey();
    assertThat(client.newUserTaskGetRequest(key).send().join().getAssignee()).isEqualTo("alice");

    var unassignment = client.newUnassignUserTaskCommand(key).send();
    client.newCompleteCommand(activateOne(client, "check-assignment")).withResult(r -> r.forUserTask().deny(true)).send().join();

    assertThat(problem(unassignment::join).code()).isEqualTo(409);
    assertThat(client.newUserTaskGetRequest(key).send().join().getAssignee()).isEqualTo("alice");
  }

  @Test
  void shouldApplyCorrectionsOfAnAssigningListener() {
    deployTask(t -> t.zeebeTaskListener(l -> l.assigning().type("check-assignment")));
    var instance = start(client, "approval");
    long key = userTask(client, instance.getProcessInstanceKey(), "review").getUserTaskKey();

    var assignment = client.newAssignUserTaskCommand(key).assignee("bob").send();
    var job = activateOne(client, "check-assignment");
    client.newCompleteCommand(job).withResult(r -> r.forUserTask().correctPriority(99)
        .correctCandidateGroups(List.of("senior"))).send().join();
    assignment.join();

    var task = client.newUserTaskGetRequest(key).send().join();
    assertThat(job.getUserTask().getChangedAttributes()).contains("assignee");
    assertThat(task.getAssignee()).isEqualTo("bob");
    assertThat(task.getPriority()).isEqualTo(99);
    assertThat(task.getCandidateGroups()).containsExactly("senior");
  }

  @Test
  void shouldRunCreatingListenerBeforeTheTaskIsCreatedAndApplyItsCorrections() {
    deployTask(t -> t.zeebeTaskListener(l -> l.creating().type("on-create")));
    var instance = start(client, "approval");

    var job = activateOne(client, "on-create");
    assertThat(job.getListenerEventType().name()).isEqualTo("CREATING");
    client.newCompleteCommand(job).withResult(r -> r.forUserTask().correctAssignee("carol")).send().join();

    var task = userTask(client, instance.getProcessInstanceKey(), "review");
    assertThat(task.getState()).isEqualTo(UserTaskState.CREATED);
    assertThat(task.getAssignee()).isEqualTo("carol");
  }

  @Test
  void shouldRunCancelingListenerWhenTheTaskIsCanceled() {
    deployTask(t -> t.zeebeTaskListener(l -> l.canceling().type("on-cancel")));
    var instance = start(client, "approval");
    long key = userTask(client, instance.getProcessInstanceKey(), "review").getUserTaskKey();

    client.newCancelInstanceCommand(instance.getProcessInstanceKey()).send().join();
    client.newCompleteCommand(activateOne(client, "on-cancel")).send().join();

    assertThat(instance).isTerminated();
    assertThat(client.newUserTaskGetRequest(key).send().join().getState()).isEqualTo(UserTaskState.CANCELED);
  }

  @Test
  void shouldRaiseIncidentWhenAListenerJobHasNoRetriesLeft() {
    deployWithListener(l -> l.completing().type("check-completion"));
    var instance = start(client, "approval");
    long key = userTask(client, instance.getProcessInstanceKey(), "review").getUserTaskKey();

    client.newCompleteUserTaskCommand(key).send();
    var job = activateOne(client, "check-completion");
    client.newFailCommand(job).retries(0).errorMessage("rules engine down").send().join();

    assertThat(instance).hasActiveIncidents();
  }

  @Test
  void shouldRaiseAnIncidentForAnInvalidDueDateAndCreateTheTaskAfterResolution() {
    deployTask(t -> t.zeebeDueDateExpression("due"));
    var instance = start(client, "approval", Map.of("due", "next week"));
    assertThat(instance).hasActiveIncidents();
    var incident = client.newIncidentSearchRequest().filter(f -> f.processInstanceKey(instance.getProcessInstanceKey()))
        .send().join().items().get(0);

    client.newSetVariablesCommand(instance.getProcessInstanceKey()).variables(Map.of("due", "2027-03-01T09:00:00Z"))
        .send().join();
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    var task = userTask(client, instance.getProcessInstanceKey(), "review");
    assertThat(task.getDueDate()).isEqualTo(OffsetDateTime.parse("2027-03-01T09:00:00Z"));
    assertThat(instance).hasNoActiveIncidents();
  }

  @Test
  void shouldCancelTheTaskWhenABoundaryTimerInterruptsIt() {
    client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("approval").startEvent()
        .userTask("review", t -> t.zeebeUserTask())
        .boundaryEvent("expired").timerWithDuration("P2D").endEvent("expired-end")
        .moveToActivity("review").endEvent("end").done(), "approval.bpmn").send().join();
    var instance = start(client, "approval");
    long key = userTask(client, instance.getProcessInstanceKey(), "review").getUserTaskKey();

    processTestContext.increaseTime(java.time.Duration.ofDays(3));

    assertThat(instance).isCompleted().hasCompletedElements("expired-end");
    assertThat(client.newUserTaskGetRequest(key).send().join().getState()).isEqualTo(UserTaskState.CANCELED);
    assertThat(problem(() -> client.newCompleteUserTaskCommand(key).send().join()).code()).isIn(404, 409);
  }
}
