package cn.computeloan.process;

import static cn.computeloan.process.ProcessFixture.application;
import static cn.computeloan.process.ProcessFixture.denial;
import static cn.computeloan.process.ProcessFixture.vote;
import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.computeloan.credit.TestData;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.engine.conformance.EngineConformanceTest;
import cn.computeloan.process.CaseFile.RecordedStep;
import cn.computeloan.process.casefile.InMemoryCaseFile;
import cn.computeloan.process.form.TaskCompletionRules;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.response.UserTask;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The security review's first finding, on the real process: an approver cannot change what the bank
 * signs, and the agreement's figures are the recorded policy steps and votes.
 */
@EngineConformanceTest
class ApprovalIntegrityProcessTest {

  private CamundaClient client;
  private ProcessFixture fixture;
  private final InMemoryCaseFile caseFile = ProcessFixture.caseFile();

  @BeforeEach
  void deploy() {
    fixture = new ProcessFixture(client);
    fixture.deployAll();
  }

  /** A 4m AIGC loan, referral accepted and proposal prepared: one branch approver decides. */
  private ProcessInstanceEvent atBranchApproval(LoanApplication app) {
    ProcessInstanceEvent instance = fixture.start(app);
    fixture.complete(fixture.task(instance, "Task_ReviewReferredCase"), "analyst.chen",
        Map.of("decision", "APPROVE", "comment", "亏损系研发投入所致，订单充足，同意继续。"));
    fixture.complete(fixture.task(instance, "Task_PrepareCreditProposal"), "analyst.li",
        Map.of("recommendation", "APPROVE", "proposalSummary", "算力利用率高，订单充足，现金流稳定，建议批准本次授信。",
            "repaymentMethod", "EQUAL_PRINCIPAL"));
    return instance;
  }

  private RecordedStep only(String applicationId, String step) {
    List<RecordedStep> recorded = caseFile.recorded(applicationId, step);
    assertThat(recorded).as(step).hasSize(1);
    return recorded.get(0);
  }

  @Test
  void shouldRefuseAVoteThatAlsoSetsTheLoansTermsAndSignOnlyTheRecordedFigures() {
    // given: the branch approval task of a 4m loan
    LoanApplication app = application(TestData.AIGC, n -> n.put("requestedAmount", 4_000_000));
    ProcessInstanceEvent instance = atBranchApproval(app);
    UserTask approval = fixture.task(instance, "Task_ApproveAtBranch");

    // when: the approver's completion also carries the loan's terms and another application's id
    Map<String, Object> rewritten = vote("APPROVE", 4_000_000, "同意，按方案执行。");
    rewritten.putAll(Map.of("finalRateBp", 1, "approvedTermMonths", 999, "proposedLimit", 999_999_999,
        "applicationId", "SOMEONE-ELSE"));
    String reason = denial(catchThrowable(() -> fixture.complete(approval, "approver.wang", rewritten)));

    // then: refused with every undeclared field named, nothing recorded, the task still open
    assertThat(reason).contains("finalRateBp", "approvedTermMonths", "proposedLimit", "applicationId", "/");
    assertThat(fixture.isOpen(approval)).isTrue();
    assertThat(caseFile.recorded(app.applicationId(), "APPROVAL-1")).isEmpty();

    // when: the same approver votes as the form allows
    fixture.complete(approval, "approver.wang", vote("APPROVE", 3_500_000, "同意，额度下调至350万。"));

    // then: every figure of the agreement is the recorded policy steps' and the vote's
    assertThat(instance).hasActiveElements("Task_SignCreditAgreement");
    Map<String, Object> agreement = only(app.applicationId(), "AGREEMENT").result();
    Map<String, Object> limit = only(app.applicationId(), "LIMIT").result();
    Map<String, Object> pricing = only(app.applicationId(), "PRICING").result();
    Map<String, Object> guarantee = only(app.applicationId(), "GUARANTEE").result();
    Map<String, Object> vote = only(app.applicationId(), "APPROVAL-1").result();
    assertThat(agreement.get("termMonths")).isEqualTo(limit.get("approvedTermMonths"));
    assertThat(agreement.get("rateBp")).isEqualTo(pricing.get("finalRateBp"));
    assertThat(new BigDecimal(agreement.get("approvedAmount").toString()))
        .isEqualByComparingTo(vote.get("approvedAmount").toString()).isEqualByComparingTo("3500000");
    assertThat(new BigDecimal(agreement.get("proposedLimit").toString()))
        .isEqualByComparingTo(limit.get("approvedAmount").toString());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> offers = (List<Map<String, Object>>) guarantee.get("offers");
    assertThat(agreement.get("guarantees"))
        .isEqualTo(offers.stream().filter(o -> Boolean.TRUE.equals(o.get("selected"))).toList());
    assertThat(instance).hasVariable("finalRateBp", pricing.get("finalRateBp"))
        .hasVariable("applicationId", app.applicationId());
  }

  @Test
  void shouldRefuseAnApprovedAmountAboveTheRecordedLimit() {
    LoanApplication app = application(TestData.AIGC, n -> n.put("requestedAmount", 4_000_000));
    ProcessInstanceEvent instance = atBranchApproval(app);
    UserTask approval = fixture.task(instance, "Task_ApproveAtBranch");
    BigDecimal limit = RecordedTerms.proposedLimit(caseFile, app.applicationId());

    String reason = denial(catchThrowable(() -> fixture.complete(approval, "approver.wang",
        vote("APPROVE", limit.add(BigDecimal.ONE), "同意，按方案执行。"))));

    assertThat(reason).contains("approvedAmount", limit.stripTrailingZeros().toPlainString());
    assertThat(fixture.isOpen(approval)).isTrue();
    assertThat(caseFile.recorded(app.applicationId(), "APPROVAL-1")).isEmpty();
  }

  @Test
  void shouldRefuseAnAmountAboveTheRecordedLimitEvenWhenTheLimitVariableWasRaised() {
    // given: someone with engine access raised the process variable the form's maximum reads
    LoanApplication app = application(TestData.AIGC, n -> n.put("requestedAmount", 4_000_000));
    ProcessInstanceEvent instance = atBranchApproval(app);
    UserTask approval = fixture.task(instance, "Task_ApproveAtBranch");
    client.newSetVariablesCommand(instance.getProcessInstanceKey()).variables(Map.of("proposedLimit", 999_999_999))
        .send().join();
    BigDecimal limit = RecordedTerms.proposedLimit(caseFile, app.applicationId());

    // when: the approver approves more than the credit-limit step recorded
    String reason = denial(catchThrowable(() -> fixture.complete(approval, "approver.wang",
        vote("APPROVE", limit.add(BigDecimal.TEN), "同意，按方案执行。"))));

    // then: the recorded limit decides, not the variable
    assertThat(reason).contains("recorded by the credit-limit step");
    assertThat(caseFile.recorded(app.applicationId(), "APPROVAL-1")).isEmpty();
  }

  @Test
  void shouldRefuseACompletionMadeForSomeoneOtherThanTheAssignee() {
    // given: the task is claimed by approver.wang
    LoanApplication app = application(TestData.AIGC, n -> n.put("requestedAmount", 4_000_000));
    ProcessInstanceEvent instance = atBranchApproval(app);
    UserTask approval = fixture.task(instance, "Task_ApproveAtBranch");
    client.newAssignUserTaskCommand(approval.getUserTaskKey()).assignee("approver.wang").send().join();

    // when: the task API completes it for director.zhou (the task was reassigned meanwhile)
    String reason = denial(catchThrowable(() -> client.newCompleteUserTaskCommand(approval.getUserTaskKey())
        .variables(vote("APPROVE", null, "同意，按方案执行。")).action(TaskCompletionRules.actionFor("director.zhou"))
        .send().join()));

    // then
    assertThat(reason).contains("reassigned", "approver.wang");
    assertThat(caseFile.recorded(app.applicationId(), "APPROVAL-1")).isEmpty();
  }

  @Test
  void shouldRefuseAProposalThatBreaksTheFormsRulesOrSetsTheRound() {
    LoanApplication app = application(TestData.AIGC, n -> n.put("requestedAmount", 4_000_000));
    ProcessInstanceEvent instance = fixture.start(app);
    fixture.complete(fixture.task(instance, "Task_ReviewReferredCase"), "analyst.chen",
        Map.of("decision", "APPROVE", "comment", "亏损系研发投入所致，订单充足，同意继续。"));
    UserTask proposal = fixture.task(instance, "Task_PrepareCreditProposal");

    String reason = denial(catchThrowable(() -> fixture.complete(proposal, "analyst.li",
        Map.of("recommendation", "APPROVE", "proposalSummary", "太短", "approvalRound", 7))));

    assertThat(reason).contains("proposalSummary", "approvalRound");
    assertThat(caseFile.recorded(app.applicationId(), "PREPARATION")).isEmpty();
    assertThat(fixture.isOpen(proposal)).isTrue();
  }
}
