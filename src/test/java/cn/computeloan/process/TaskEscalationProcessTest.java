package cn.computeloan.process;

import static cn.computeloan.process.ProcessFixture.application;
import static cn.computeloan.process.ProcessFixture.vote;

import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.TestData;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.engine.conformance.EngineConformanceTest;
import cn.computeloan.process.casefile.InMemoryCaseFile;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.process.test.api.assertions.ProcessInstanceSelectors;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Overdue user tasks move up a level (clock moved, no waiting): the same work for a higher group, or
 * the vote of a higher authority; every move is in the case file and the escalated task says why.
 */
@EngineConformanceTest
class TaskEscalationProcessTest {

  private CamundaClient client;
  private CamundaProcessTestContext processTestContext;
  private ProcessFixture fixture;
  private final InMemoryCaseFile caseFile = ProcessFixture.caseFile();

  @BeforeEach
  void deploy() {
    fixture = new ProcessFixture(client);
    fixture.deployAll();
  }



  private void prepare(ProcessInstanceEvent instance) {
    fixture.complete(fixture.task(instance, "Task_PrepareCreditProposal"), "analyst.li",
        Map.of("recommendation", "APPROVE", "proposalSummary", "算力利用率高，订单充足，现金流稳定，建议批准本次授信。",
            "repaymentMethod", "EQUAL_PRINCIPAL"));
  }

  private void acceptReferral(ProcessInstanceEvent instance) {
    fixture.complete(fixture.task(instance, "Task_ReviewReferredCase"), "analyst.chen",
        Map.of("decision", "APPROVE", "comment", "亏损系研发投入所致，订单充足，同意继续。"));
  }

  /** The escalations of a kind the case file holds for the application. */
  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> escalations(LoanApplication app, String kind) {
    return caseFile.steps(app.applicationId()).stream().filter(s -> s.step().equals("ESCALATION"))
        .map(s -> (Map<String, Object>) s.result()).filter(r -> kind.equals(r.get("kind"))).toList();
  }

  private String escalationNote(UserTask task) {
    return client.newUserTaskVariableSearchRequest(task.getUserTaskKey()).send().join().items().stream()
        .filter(v -> v.getName().equals("escalationNote")).map(v -> v.getValue()).findFirst().orElse("null");
  }

  /**
   * Moves the clock past the task's move-up time and checks the general mechanism: the overdue task
   * is withdrawn, the same work is open again for the higher group with a note saying why, the
   * supervisor was alerted first, and the move is in the case file.
   */
  private UserTask assertMovesUp(LoanApplication app, long instanceKey, String elementId, String from, String to,
      Duration after) {
    UserTask overdue = fixture.tasks(instanceKey, elementId, 1).get(0);
    assertThat(overdue.getCandidateGroups()).containsExactly(from);

    processTestContext.increaseTime(after.plusHours(1));

    UserTask movedUp = org.awaitility.Awaitility.await().atMost(ProcessFixture.WAIT).until(
        () -> fixture.tasks(instanceKey, elementId, 1).get(0), t -> t.getUserTaskKey() != overdue.getUserTaskKey());
    assertThat(fixture.isOpen(overdue)).isFalse();
    assertThat(movedUp.getCandidateGroups()).containsExactly(to);
    assertThat(movedUp.getFormKey()).isEqualTo(overdue.getFormKey());
    assertThat(escalationNote(movedUp)).contains("已逾期上移", "Moved up");
    assertThat(escalations(app, "SUPERVISOR_ALERTED")).extracting(e -> e.get("overdueTask")).contains(elementId);
    assertThat(escalations(app, "MOVED_UP")).contains(
        Map.of("kind", "MOVED_UP", "overdueTask", elementId, "fromGroup", from, "toGroup", to));
    return movedUp;
  }

  @Test
  void shouldMoveAnOverdueCreditProposalUpToTheRiskManagersWhoThenPrepareIt() {
    LoanApplication app = application(TestData.DATA_CENTRE, n -> {});
    ProcessInstanceEvent instance = fixture.start(app);

    UserTask movedUp = assertMovesUp(app, instance.getProcessInstanceKey(), "Task_PrepareCreditProposal",
        "credit-analyst", "risk-manager", Duration.ofDays(4));

    // the risk manager prepares the proposal, and the case goes on to the head office
    fixture.complete(movedUp, "risk.zhang", Map.of("recommendation", "APPROVE",
        "proposalSummary", "逾期接手：算力利用率高，订单充足，现金流稳定，建议批准。", "repaymentMethod", "EQUAL_PRINCIPAL"));
    assertThat(fixture.tasks(instance.getProcessInstanceKey(), "Task_ApproveAtHeadOffice", 5)).hasSize(5);
    assertThat(caseFile.actors(app.applicationId(), "PREPARATION")).containsExactly("risk.zhang");
    assertThat(instance).hasTerminatedElements("Task_PrepareCreditProposal")
        .hasCompletedElements("Event_CreditProposalMovedUp", "Event_CreditProposalEscalated",
            "Event_PrepareCreditProposalSupervisorAlerted");
  }

  @Test
  void shouldMoveOverdueDocumentRequestReferralNegotiationAndSigningUpToTheirSupervisors() {
    // document request: intake officers -> account managers (before the 14-day supplement deadline)
    LoanApplication incomplete = application(TestData.DATA_CENTRE, n -> n.remove("computeProfile"));
    ProcessInstanceEvent first = fixture.start(incomplete);
    assertMovesUp(incomplete, first.getProcessInstanceKey(), "Task_RequestDocuments", "intake-officer",
        "account-manager", Duration.ofDays(3));

    // referred case: credit analysts -> risk managers; then guarantee negotiation: account managers -> branch
    LoanApplication referred = application(TestData.CHIP, n -> n.putArray("guaranteeOffers"));
    ProcessInstanceEvent second = fixture.start(referred);
    UserTask review = assertMovesUp(referred, second.getProcessInstanceKey(), "Task_ReviewReferredCase",
        "credit-analyst", "risk-manager", Duration.ofDays(4));
    fixture.complete(review, "risk.zhang", Map.of("decision", "APPROVE", "comment", "风险可控，同意继续。"));
    assertMovesUp(referred, second.getProcessInstanceKey(), "Task_NegotiateGuarantee", "account-manager",
        "branch-approver", Duration.ofDays(7));

    // signing: account managers -> branch approvers
    LoanApplication approved = application(TestData.AIGC, n -> n.put("requestedAmount", 4_000_000));
    ProcessInstanceEvent third = fixture.start(approved);
    acceptReferral(third);
    prepare(third);
    fixture.complete(fixture.task(third, "Task_ApproveAtBranch"), "approver.wang", vote("APPROVE", 4_000_000, "同意，按方案执行。"));
    UserTask signing = assertMovesUp(approved, third.getProcessInstanceKey(), "Task_SignCreditAgreement",
        "account-manager", "branch-approver", Duration.ofDays(10));
    fixture.complete(signing, "branch.head", Map.of("agreementSigned", true, "signedOn", "2026-12-08"));
    assertThat(third).isCompleted().hasCompletedElements("Event_AgreementSigningEscalated", "EndEvent_LoanDisbursed");
  }

  @Test
  void shouldMoveAnOverdueHeadOfficeVoteUpToOneRiskManagerKeepingTheVotesCastSoFar() {
    LoanApplication app = application(TestData.DATA_CENTRE, n -> {});
    ProcessInstanceEvent instance = fixture.start(app);
    prepare(instance);
    List<UserTask> seats = fixture.tasks(instance.getProcessInstanceKey(), "Task_ApproveAtHeadOffice", 5);
    fixture.complete(seats.get(0), "head.office.0", vote("APPROVE", 50_000_000, "同意，按方案执行。"));

    // when: three days pass without the other four votes
    processTestContext.increaseTime(Duration.ofDays(3).plusHours(1));

    // then: one seat for the risk managers, saying why; the vote cast stays in the case file
    UserTask riskSeat = org.awaitility.Awaitility.await().atMost(ProcessFixture.WAIT).until(
        () -> fixture.tasks(instance.getProcessInstanceKey(), "Task_ApproveAtHeadOffice", 1),
        tasks -> tasks.size() == 1 && tasks.get(0).getCandidateGroups().contains("risk-manager")).get(0);
    assertThat(escalationNote(riskSeat)).contains("总行审批超时", "risk managers");
    assertThat(escalations(app, "MOVED_UP")).contains(Map.of("kind", "MOVED_UP",
        "overdueTask", "Task_ApproveAtHeadOffice", "fromGroup", "head-office-approver", "toGroup", "risk-manager"));
    fixture.complete(riskSeat, "risk.zhang", vote("APPROVE", 40_000_000, "逾期接手，同意"));
    assertThat(instance).hasActiveElements("Task_SignCreditAgreement");
    assertThat(caseFile.actors(app.applicationId(), "APPROVAL-1")).containsExactly("head.office.0", "risk.zhang");
  }

  @Test
  void shouldMoveAnOverdueCommitteeVoteUpToTheHeadOffice() {
    LoanApplication app = application(TestData.DATA_CENTRE, n -> n.put("requestedAmount", 30_000_000));
    ProcessInstanceEvent instance = fixture.start(app);
    prepare(instance);
    fixture.tasks(instance.getProcessInstanceKey(), "Task_ApproveInCommittee", 3);

    processTestContext.increaseTime(Duration.ofDays(3).plusHours(1));

    List<UserTask> headOffice = fixture.tasks(instance.getProcessInstanceKey(), "Task_ApproveAtHeadOffice", 3);
    assertThat(headOffice).allSatisfy(t -> assertThat(t.getCandidateGroups()).containsExactly("head-office-approver"));
    assertThat(escalationNote(headOffice.get(0))).contains("分行贷审会超时");
    assertThat(instance).hasTerminatedElements("Task_ApproveInCommittee")
        .hasCompletedElements("Event_CommitteeApprovalMovedUp", "Event_CommitteeApprovalEscalated");
    assertThat(escalations(app, "MOVED_UP")).contains(Map.of("kind", "MOVED_UP",
        "overdueTask", "Task_ApproveInCommittee", "fromGroup", "credit-committee", "toGroup", "head-office-approver"));
  }

  @Test
  void shouldMoveAnOverdueEarlyWarningReviewToTheHeadOfficeAndThenToTheCreditCommittee() {
    LoanApplication loan = application(TestData.AIGC, n -> {});
    caseFile.store(loan);
    client.newPublishMessageCommand().messageName("loan-disbursed").correlationKey(loan.applicationId())
        .variables(Map.of("applicationId", loan.applicationId(), "approvedAmount", 19_200_000,
            "agreementNumber", "CL-" + loan.applicationId(), "monitoringInterval", "P90D",
            "maturityDate", Instant.now().plus(Duration.ofDays(730)).toString()))
        .send().join();
    processTestContext.increaseTime(Duration.ofDays(91)); // no indicators reported: WATCH
    long monitoring = org.awaitility.Awaitility.await().atMost(ProcessFixture.WAIT).until(
        () -> client.newProcessInstanceSearchRequest().filter(f -> f.processDefinitionId(ProcessFixture.MONITORING))
            .send().join().items(), items -> !items.isEmpty()).get(0).getProcessInstanceKey();
    fixture.tasks(monitoring, "Task_ReviewEarlyWarning", 1);

    // risk managers -> head office after 7 days
    processTestContext.increaseTime(Duration.ofDays(7).plusHours(1));
    UserTask atHeadOffice = fixture.tasks(monitoring, "Task_ReviewEarlyWarningAtHeadOffice", 1).get(0);
    assertThat(atHeadOffice.getCandidateGroups()).containsExactly("head-office-approver");
    assertThat(escalationNote(atHeadOffice)).contains("风险经理复核超时");

    // head office -> credit committee after 5 more days, same work
    UserTask committee = assertMovesUp(loan, monitoring, "Task_ReviewEarlyWarningAtHeadOffice",
        "head-office-approver", "credit-committee", Duration.ofDays(5));
    fixture.complete(committee, "committee.chair", Map.of("monitoringAction", "TIGHTEN_COVENANTS",
        "comment", "贷审会决定收紧约定"));
    assertThat(escalations(loan, "MOVED_UP")).extracting(e -> e.get("overdueTask"))
        .containsExactly("Task_ReviewEarlyWarning", "Task_ReviewEarlyWarningAtHeadOffice");
    assertThat(ProcessInstanceSelectors.byProcessId(ProcessFixture.MONITORING))
        .hasCompletedElements("Event_EarlyWarningReviewEscalated", "Event_HeadOfficeReviewEscalated",
            "Task_ApplyMonitoringAction");
  }
}
