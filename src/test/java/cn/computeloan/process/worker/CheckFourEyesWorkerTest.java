package cn.computeloan.process.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import cn.computeloan.credit.TestData;
import cn.computeloan.credit.evaluation.CreditPolicy;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.casefile.InMemoryCaseFile;
import cn.computeloan.process.form.TaskCompletionRules;
import io.camunda.client.api.command.CompleteJobCommandStep1;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.UserTaskProperties;
import io.camunda.client.api.worker.JobClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The four-eyes listener when its job comes again: after a crash (or a time-out) between recording
 * a vote and completing the listener job, the engine hands the same job out again, and the vote it
 * already recorded must not count as the approver's second decision.
 */
class CheckFourEyesWorkerTest {

  private static final String APPROVER = "ho1";

  private final InMemoryCaseFile caseFile = new InMemoryCaseFile();
  private final TaskCompletionRules rules = mock(TaskCompletionRules.class);
  private final CheckFourEyesWorker worker = new CheckFourEyesWorker(caseFile,
      new CaseAssessment(caseFile, new CreditPolicy(TestData.DECISIONS, TestData.CLOCK),
          // the four-eyes listener never plans repayments: weekends only
          new cn.computeloan.credit.repayment.RepaymentPlanner(TestData.DECISIONS,
              cn.computeloan.credit.repayment.BusinessCalendar.parse(java.util.List.of()))), rules);
  private final LoanApplication application = TestData.sample(TestData.DATA_CENTRE,
      n -> n.put("applicationId", "DC-FOUR-EYES"));

  /** The completing listener's job of a head-office seat, completed by {@code APPROVER} with {@code decision}. */
  private ActivatedJob listenerJob(long jobKey, long userTaskKey, int seat, String decision) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("applicationId", application.applicationId());
    variables.put("decision", decision);
    variables.put("comment", "同意，按方案执行。");
    variables.put("approvalRound", 1);
    variables.put("seat", seat);
    variables.put("approvalAuthority", Map.of("level", "HEAD_OFFICE_CREDIT_COMMITTEE", "requiredApprovals", 5));
    UserTaskProperties task = mock(UserTaskProperties.class);
    when(task.getUserTaskKey()).thenReturn(userTaskKey);
    when(task.getAssignee()).thenReturn(APPROVER);
    when(task.getCandidateGroups()).thenReturn(List.of("head-office-approver"));
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getKey()).thenReturn(jobKey);
    when(job.getProcessInstanceKey()).thenReturn(100L);
    when(job.getElementInstanceKey()).thenReturn(userTaskKey - 1);
    when(job.getElementId()).thenReturn("Task_ApproveAtHeadOffice");
    when(job.getUserTask()).thenReturn(task);
    when(job.getVariablesAsMap()).thenReturn(variables);
    when(rules.check(job)).thenReturn(new TaskCompletionRules.Check(APPROVER,
        Map.of("decision", decision, "comment", "同意，按方案执行。"), List.of(), null));
    return job;
  }

  /** Runs the listener on {@code job}; returns the completion command it started. */
  private CompleteJobCommandStep1 run(ActivatedJob job) {
    JobClient client = mock(JobClient.class, RETURNS_DEEP_STUBS);
    worker.check(client, job);
    return client.newCompleteCommand(job);
  }

  @Test
  void shouldAcceptTheRecordedVoteAgainWhenItsListenerJobComesBackAfterACrash() {
    // given: the listener recorded the approver's vote on seat 1, then the application died before
    // the job's completion reached the engine
    caseFile.store(application);
    ActivatedJob job = listenerJob(7001, 5001, 1, "APPROVE");
    CompleteJobCommandStep1 first = run(job);
    verify(first).send();

    // when: the engine hands the same job out again and the listener runs again
    CompleteJobCommandStep1 again = run(job);

    // then: the completion is accepted, not denied as the approver's second decision, and the vote
    // is in the case file once
    verify(again, never()).withResult(any());
    verify(again).send();
    assertThat(caseFile.recorded(application.applicationId(), "APPROVAL-1")).singleElement()
        .satisfies(vote -> {
          assertThat(vote.actor()).isEqualTo(APPROVER);
          assertThat(((Number) vote.result().get("userTaskKey")).longValue()).isEqualTo(5001);
        });
  }

  @Test
  void shouldStillDenyTheSameApproverASecondSeatInTheRound() {
    // given: the approver voted on seat 1
    caseFile.store(application);
    run(listenerJob(7001, 5001, 1, "APPROVE"));

    // when: the same approver completes seat 2 (another task, another listener job)
    CompleteJobCommandStep1 second = run(listenerJob(7002, 5003, 2, "APPROVE"));

    // then: denied (four eyes), and only the first vote is recorded
    verify(second).withResult(any());
    assertThat(caseFile.recorded(application.applicationId(), "APPROVAL-1")).singleElement()
        .satisfies(vote -> assertThat(((Number) vote.result().get("userTaskKey")).longValue()).isEqualTo(5001));
  }

  @Test
  void shouldDenyACompletionOfTheVotedTaskThatCarriesAnotherDecision() {
    // given: the approver's APPROVE on seat 1 is recorded
    caseFile.store(application);
    run(listenerJob(7001, 5001, 1, "APPROVE"));

    // when: a completion of the same task arrives with another decision
    CompleteJobCommandStep1 changed = run(listenerJob(7009, 5001, 1, "REJECT"));

    // then: not taken as the recorded vote: denied, the recorded vote unchanged
    verify(changed).withResult(any());
    assertThat(caseFile.recorded(application.applicationId(), "APPROVAL-1")).singleElement()
        .satisfies(vote -> assertThat(vote.result()).containsEntry("decision", "APPROVE"));
  }
}
