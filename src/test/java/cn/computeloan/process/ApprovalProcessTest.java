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
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** compute-loan-approval on the embedded engine with the real job workers and credit policy. */
@EngineConformanceTest
class ApprovalProcessTest {

  private CamundaClient client;
  private CamundaProcessTestContext processTestContext;
  private ProcessFixture fixture;
  private final InMemoryCaseFile caseFile = ProcessFixture.caseFile();

  @BeforeEach
  void deploy() {
    fixture = new ProcessFixture(client);
    fixture.deployAll();
  }



  private void prepare(ProcessInstanceEvent instance, String analyst) {
    fixture.complete(fixture.task(instance, "Task_PrepareCreditProposal"), analyst,
        Map.of("recommendation", "APPROVE", "proposalSummary", "算力利用率高，订单充足，现金流稳定，建议批准本次授信。",
            "repaymentMethod", "EQUAL_PRINCIPAL"));
  }

  @Test
  void shouldTakeTierAApplicationStraightThroughToDisbursementAfterHeadOfficeApproval() {
    // given: a complete project loan that passes the review and scores tier A
    LoanApplication app = application(TestData.DATA_CENTRE, n -> {});

    // when
    ProcessInstanceEvent instance = fixture.start(app);
    prepare(instance, "analyst.li");
    List<UserTask> seats = fixture.tasks(instance.getProcessInstanceKey(), "Task_ApproveAtHeadOffice", 5);
    for (int i = 0; i < seats.size(); i++) {
      fixture.complete(seats.get(i), "head.office." + i, vote("APPROVE", null, "同意，按方案执行。"));
    }
    fixture.complete(fixture.task(instance, "Task_SignCreditAgreement"), "manager.zhao",
        Map.of("agreementSigned", true, "signedOn", "2026-11-27"));

    // then
    assertThat(instance).isCompleted()
        .hasCompletedElements("Task_CheckCompleteness", "Task_ReviewStatements", "Task_ScoreComputeCapability",
            "Task_DecideTierAdmission", "Task_CalculateCreditLimit", "Task_SelectGuarantee", "Task_PriceLoan",
            "Task_DetermineApprovalAuthority", "Task_GenerateCreditAgreement", "Task_DisburseLoan",
            "EndEvent_LoanDisbursed")
        .hasNotActivatedElements("Task_RequestDocuments", "Task_ReviewReferredCase", "Task_NegotiateGuarantee")
        .hasVariable("reviewOutcome", "PASS").hasVariable("tier", "A");
    assertThat(caseFile.status(app.applicationId())).contains(ApplicationStatus.DISBURSED);
    assertThat(caseFile.actors(app.applicationId(), "APPROVAL-1")).hasSize(5).doesNotHaveDuplicates();
    assertThat(ProcessInstanceSelectors.byProcessId(ProcessFixture.MONITORING)).isActive();
  }

  private void acceptReferral(ProcessInstanceEvent instance) {
    fixture.complete(fixture.task(instance, "Task_ReviewReferredCase"), "analyst.chen",
        Map.of("decision", "APPROVE", "comment", "亏损系研发投入所致，订单充足，同意继续。"));
  }

  @Test
  void shouldSendReferredCaseToAnalystAndApproveAtBranchWithTwoDistinctApprovers() {
    // given: the chip start-up is referred by the review and needs two branch approvers
    LoanApplication app = application(TestData.CHIP, n -> {});
    ProcessInstanceEvent instance = fixture.start(app);

    // when
    acceptReferral(instance);
    prepare(instance, "analyst.li");
    fixture.complete(fixture.task(instance, "Task_ApproveAtBranch"), "approver.wang",
        vote("APPROVE", 9_000_000, "同意，额度下调至900万"));
    fixture.complete(fixture.task(instance, "Task_ApproveAtBranch"), "director.zhou",
        vote("APPROVE", 10_000_000, "同意，按方案执行。"));

    // then
    assertThat(instance).hasCompletedElements("Task_ReviewReferredCase", "Task_ApproveAtBranch",
            "Task_GenerateCreditAgreement")
        .hasActiveElements("Task_SignCreditAgreement")
        .hasVariable("reviewOutcome", "REFER").hasVariable("referralDecision", "APPROVE")
        .hasVariable("approvedAmount", 9_000_000);
    assertThat(caseFile.actors(app.applicationId(), "APPROVAL-1")).containsExactly("approver.wang", "director.zhou");
    assertThat(caseFile.status(app.applicationId())).contains(ApplicationStatus.APPROVED);
    // and each vote is in the case file with what the approver decided, on which seat and level
    List<InMemoryCaseFile.Step> votes = steps(app, "APPROVAL-1");
    assertThat(votes).extracting(v -> result(v).get("decision")).containsExactly("APPROVE", "APPROVE");
    assertThat(votes).extracting(v -> result(v).get("comment")).containsExactly("同意，额度下调至900万", "同意，按方案执行。");
    assertThat(votes).extracting(v -> ((Number) result(v).get("approvedAmount")).longValue())
        .containsExactly(9_000_000L, 10_000_000L);
    assertThat(votes).extracting(v -> ((Number) result(v).get("seat")).intValue()).containsExactly(1, 2);
    assertThat(votes).allSatisfy(v -> {
      assertThat(result(v)).containsEntry("group", "branch-approver").containsEntry("authorityLevel", "BRANCH_RISK_DIRECTOR")
          .containsEntry("round", 1).containsEntry("elementId", "Task_ApproveAtBranch");
      assertThat(v.policyVersion()).startsWith("ApprovalAuthority:v1");
    });
    assertThat(result(steps(app, "PREPARATION").get(0))).containsEntry("recommendation", "APPROVE")
        .containsEntry("round", 1);
    // and so is the analyst's decision on the referral
    assertThat(steps(app, "REFERRAL_REVIEW")).singleElement().satisfies(r -> {
      assertThat(r.actor()).isEqualTo("analyst.chen");
      assertThat(result(r)).containsEntry("decision", "APPROVE")
          .containsEntry("comment", "亏损系研发投入所致，订单充足，同意继续。");
    });
  }

  private List<InMemoryCaseFile.Step> steps(LoanApplication app, String step) {
    return caseFile.steps(app.applicationId()).stream().filter(s -> s.step().equals(step)).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> result(InMemoryCaseFile.Step step) {
    return (Map<String, Object>) step.result();
  }

  @Test
  void shouldRejectReferredCaseWhenTheAnalystRejectsIt() {
    LoanApplication app = application(TestData.CHIP, n -> {});
    ProcessInstanceEvent instance = fixture.start(app);

    fixture.complete(fixture.task(instance, "Task_ReviewReferredCase"), "analyst.chen",
        Map.of("decision", "REJECT", "comment", "现金跑道不足六个月。"));

    assertThat(instance).isCompleted().hasCompletedElements("Event_ApplicationRejected", "Task_CloseRejectedApplication",
        "Task_NotifyApplicantOfRejection", "EndEvent_ApplicationRejected");
    assertThat(caseFile.status(app.applicationId())).contains(ApplicationStatus.REJECTED);
  }

  @Test
  void shouldRejectApplicationWhoseStatementsFailTheReview() {
    // given: negative equity in the latest year is a knock-out
    LoanApplication app = application(TestData.CHIP, n -> TestData.statement(n, 2, "balanceSheet")
        .put("longTermDebt", 60_000_000).put("totalLiabilities", 69_000_000).put("totalEquity", -8_000_000));

    // when
    ProcessInstanceEvent instance = fixture.start(app);

    // then
    assertThat(instance).isCompleted().hasVariable("reviewOutcome", "FAIL")
        .hasCompletedElements("Event_ApplicationRejected", "EndEvent_ApplicationRejected")
        .hasNotActivatedElements("Task_ScoreComputeCapability");
    assertThat(caseFile.steps(app.applicationId())).extracting(InMemoryCaseFile.Step::step)
        .contains("REVIEW", "CLOSURE", "NOTICE");
  }

  @Test
  void shouldRejectTierCApplicantThroughTheTierAdmissionTable() {
    // given: weak compute capability scores tier C
    LoanApplication app = application(TestData.DATA_CENTRE, n -> ((ObjectNode) n.get("computeProfile"))
        .put("operatedComputePflops", 5).put("averageUtilisation", 0.2).put("patents", 0).put("softwareCopyrights", 0)
        .put("coreTeamTenureYears", 0.5).put("rdStaff", 2).put("pue", 1.9));

    // when
    ProcessInstanceEvent instance = fixture.start(app);

    // then
    assertThat(instance).isCompleted().hasVariable("tier", "C")
        .hasCompletedElements("Task_DecideTierAdmission", "Event_ApplicationRejected", "EndEvent_ApplicationRejected")
        .hasNotActivatedElements("Task_CalculateCreditLimit");
    assertThat(caseFile.status(app.applicationId())).contains(ApplicationStatus.REJECTED);
  }

  @Test
  void shouldWithdrawIncompleteApplicationWhenTheSupplementDeadlinePasses() {
    // given: the compute profile is missing
    LoanApplication app = application(TestData.DATA_CENTRE, n -> n.remove("computeProfile"));
    ProcessInstanceEvent instance = fixture.start(app);
    fixture.complete(fixture.task(instance, "Task_RequestDocuments"), "intake.sun",
        Map.of("documentRequestNote", "请于14日内补充算力经营数据。"));
    assertThat(instance).hasActiveElements("Gateway_AwaitDocuments")
        .hasVariable("complete", false);

    // when
    processTestContext.increaseTime(java.time.Duration.ofDays(15));

    // then
    assertThat(instance).isCompleted().hasCompletedElements("Event_SupplementDeadlinePassed",
        "Task_CloseWithdrawnApplication", "Task_NotifyApplicantOfWithdrawal", "EndEvent_ApplicationWithdrawn");
    assertThat(caseFile.status(app.applicationId())).contains(ApplicationStatus.WITHDRAWN);
  }

  @Test
  void shouldRecheckApplicationWhenTheDocumentsAreSupplemented() {
    // given
    LoanApplication complete = application(TestData.DATA_CENTRE, n -> {});
    LoanApplication incomplete = TestData.sample(TestData.DATA_CENTRE, n -> {
      n.put("applicationId", complete.applicationId());
      n.remove("computeProfile");
    });
    ProcessInstanceEvent instance = fixture.start(incomplete);
    fixture.complete(fixture.task(instance, "Task_RequestDocuments"), "intake.sun",
        Map.of("documentRequestNote", "请补充算力经营数据。"));

    // when
    caseFile.store(complete);
    client.newPublishMessageCommand().messageName("documents-supplemented").correlationKey(complete.applicationId())
        .send().join();

    // then
    fixture.task(instance, "Task_PrepareCreditProposal");
    assertThat(instance).hasCompletedElements("Event_DocumentsSupplemented", "Task_ReviewStatements")
        .hasVariable("complete", true);
  }

  @Test
  void shouldLoopThroughGuaranteeNegotiationUntilTheCoverSuffices() {
    // given: no guarantee offered, pure credit not allowed
    LoanApplication app = application(TestData.CHIP, n -> n.putArray("guaranteeOffers"));
    ProcessInstanceEvent instance = fixture.start(app);
    acceptReferral(instance);

    // when: the account manager first adds too little, then enough
    fixture.complete(fixture.task(instance, "Task_NegotiateGuarantee"), "manager.zhao", Map.of(
        "negotiationOutcome", "COVER_ADDED", "additionalGuaranteeType", "MORTGAGE",
        "additionalGuaranteeProvider", "创始人房产", "additionalGuaranteeValue", 1_000_000, "comment", "首轮追加创始人房产抵押"));
    fixture.complete(fixture.task(instance, "Task_NegotiateGuarantee"), "manager.zhao", Map.of(
        "negotiationOutcome", "COVER_ADDED", "additionalGuaranteeType", "THIRD_PARTY_GUARANTEE",
        "additionalGuaranteeProvider", "省融资担保集团", "additionalGuaranteeValue", 20_000_000, "comment", "担保公司承保"));

    // then
    fixture.task(instance, "Task_PrepareCreditProposal");
    assertThat(instance).hasVariable("guaranteeRequirementMet", true)
        .hasCompletedElements("Task_NegotiateGuarantee", "Task_PriceLoan");
    assertThat(caseFile.steps(app.applicationId()).stream().filter(s -> s.step().equals("GUARANTEE"))).hasSize(3);
  }

  @Test
  void shouldRejectWhenNoFurtherGuaranteeCanBeFound() {
    LoanApplication app = application(TestData.CHIP, n -> n.putArray("guaranteeOffers"));
    ProcessInstanceEvent instance = fixture.start(app);
    acceptReferral(instance);

    fixture.complete(fixture.task(instance, "Task_NegotiateGuarantee"), "manager.zhao",
        Map.of("negotiationOutcome", "NO_FURTHER_COVER", "comment", "客户无可追加担保"));

    assertThat(instance).isCompleted().hasCompletedElements("Event_ApplicationRejected", "EndEvent_ApplicationRejected");
  }

  @Test
  void shouldRejectWhenOneCommitteeMemberRejects() {
    // given: a 30m project loan goes to the branch credit committee of three
    LoanApplication app = application(TestData.DATA_CENTRE, n -> n.put("requestedAmount", 30_000_000));
    ProcessInstanceEvent instance = fixture.start(app);
    prepare(instance, "analyst.li");
    List<UserTask> seats = fixture.tasks(instance.getProcessInstanceKey(), "Task_ApproveInCommittee", 3);

    // when
    fixture.complete(seats.get(0), "member.a", vote("APPROVE", 30_000_000, "同意，按方案执行。"));
    fixture.complete(seats.get(1), "member.b", vote("REJECT", null, "项目回收期过长"));

    // then: the third seat is withdrawn, the application rejected
    assertThat(instance).isCompleted().hasTerminatedElements("Task_ApproveInCommittee")
        .hasCompletedElements("Event_ApplicationRejected", "EndEvent_ApplicationRejected");
    assertThat(caseFile.status(app.applicationId())).contains(ApplicationStatus.REJECTED);
  }

  @Test
  void shouldReturnCaseToTheAnalystWithTheApproversComment() {
    // given: one branch approver for a 4m loan
    LoanApplication app = application(TestData.AIGC, n -> n.put("requestedAmount", 4_000_000));
    ProcessInstanceEvent instance = fixture.start(app);
    acceptReferral(instance);
    prepare(instance, "analyst.li");

    // when
    fixture.complete(fixture.task(instance, "Task_ApproveAtBranch"), "approver.wang",
        vote("RETURN", null, "请补充大客户集中度分析"));

    // then
    UserTask again = fixture.task(instance, "Task_PrepareCreditProposal");
    assertThat(again).isNotNull();
    assertThat(instance).hasVariableSatisfies("approvalVotes", List.class,
        votes -> assertThat(votes.toString()).contains("RETURN", "请补充大客户集中度分析"));
    prepare(instance, "analyst.li");
    // the second round's approver sees why the first was returned (the seats' own approvalVotes shadow it)
    UserTask secondRound = fixture.task(instance, "Task_ApproveAtBranch");
    assertThat(client.newUserTaskVariableSearchRequest(secondRound.getUserTaskKey())
        .filter(f -> f.name("previousVotes")).send().join().items())
        .singleElement().satisfies(v -> assertThat(v.getValue()).contains("RETURN", "请补充大客户集中度分析"));
    fixture.complete(secondRound, "approver.wang", vote("APPROVE", 4_000_000, "同意，按方案执行。"));
    assertThat(instance).hasActiveElements("Task_SignCreditAgreement").hasVariable("approvalRound", 2);
    // and the RETURN with its comment, then the second round's APPROVE, are in the case file
    assertThat(steps(app, "APPROVAL-1")).singleElement().satisfies(v -> {
      assertThat(v.actor()).isEqualTo("approver.wang");
      assertThat(result(v)).containsEntry("decision", "RETURN").containsEntry("comment", "请补充大客户集中度分析")
          .containsEntry("approvedAmount", null);
    });
    assertThat(steps(app, "APPROVAL-2")).singleElement()
        .satisfies(v -> assertThat(result(v)).containsEntry("decision", "APPROVE").containsEntry("round", 2));
    assertThat(steps(app, "PREPARATION")).extracting(v -> result(v).get("round")).containsExactly(1, 2);
  }

  @Test
  void shouldRefuseApprovalByTheUserWhoPreparedTheCase() {
    LoanApplication app = application(TestData.AIGC, n -> n.put("requestedAmount", 4_000_000));
    ProcessInstanceEvent instance = fixture.start(app);
    acceptReferral(instance);
    prepare(instance, "analyst.li");
    UserTask approval = fixture.task(instance, "Task_ApproveAtBranch");

    // when: the preparer tries to approve
    try {
      fixture.complete(approval, "analyst.li", vote("APPROVE", 4_000_000, "自己批准此案。"));
    } catch (RuntimeException refusedSynchronously) {
      // a real cluster may answer the completion with the denial; ours denies asynchronously
    }

    // then: the completion is denied, the task stays open for someone else
    org.awaitility.Awaitility.await().atMost(ProcessFixture.WAIT).until(() -> client.newJobSearchRequest()
        .filter(f -> f.processInstanceKey(instance.getProcessInstanceKey()).type("check-four-eyes")
            .state(io.camunda.client.api.search.enums.JobState.COMPLETED))
        .send().join().items().size() == 1);
    assertThat(fixture.isOpen(approval)).isTrue();
    assertThat(caseFile.actors(app.applicationId(), "APPROVAL-1")).isEmpty();
    fixture.complete(approval, "approver.wang", vote("APPROVE", 4_000_000, "同意，按方案执行。"));
    assertThat(instance).hasActiveElements("Task_SignCreditAgreement");
  }

  @Test
  void shouldAlertSupervisorWhenAnApprovalIsOverdueAndMoveItUpToTheHeadOffice() {
    LoanApplication app = application(TestData.AIGC, n -> n.put("requestedAmount", 4_000_000));
    ProcessInstanceEvent instance = fixture.start(app);
    acceptReferral(instance);
    prepare(instance, "analyst.li");
    fixture.task(instance, "Task_ApproveAtBranch");

    // when: a day passes
    processTestContext.increaseTime(java.time.Duration.ofHours(25));

    // then: the supervisor is alerted, the task stays
    assertThat(instance).hasCompletedElements("Event_ApproveAtBranchSupervisorAlerted")
        .hasActiveElements("Task_ApproveAtBranch");
    assertThat(caseFile.steps(app.applicationId())).extracting(InMemoryCaseFile.Step::step).contains("ESCALATION");

    // when: three days pass
    processTestContext.increaseTime(java.time.Duration.ofDays(2));

    // then: the approval moves up to the head office
    fixture.task(instance, "Task_ApproveAtHeadOffice");
    assertThat(instance).hasTerminatedElements("Task_ApproveAtBranch");
  }

  @Test
  void shouldRaiseIncidentWhenAWorkerKeepsFailingAndGoOnOnceResolved() {
    // given: the case file does not know the application (e.g. the database lost it)
    LoanApplication app = application(TestData.DATA_CENTRE, n -> {});
    ProcessInstanceEvent instance = client.newCreateInstanceCommand().bpmnProcessId(ProcessFixture.APPROVAL)
        .latestVersion().variables(Map.of("applicationId", app.applicationId())).send().join();

    // then: three attempts, then an incident
    assertThat(instance).hasActiveIncidents();
    var incident = client.newIncidentSearchRequest().filter(f -> f.processInstanceKey(instance.getProcessInstanceKey()))
        .send().join().items().get(0);
    assertThat(incident.getErrorMessage()).contains("no application " + app.applicationId());

    // when: the application is back and an operator retries
    caseFile.store(app);
    client.newUpdateRetriesCommand(incident.getJobKey()).retries(1).send().join();
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    // then
    fixture.task(instance, "Task_PrepareCreditProposal");
    assertThat(instance).hasNoActiveIncidents().hasCompletedElements("Task_CheckCompleteness");
  }
}
