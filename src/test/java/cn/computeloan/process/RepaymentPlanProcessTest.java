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
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.process.test.api.assertions.ProcessInstanceSelectors;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Repayment plans on the real approval process: proposed after pricing, chosen by the analyst
 * (only a plan the recorded proposal offers), shown to the approvers, recorded in the agreement and
 * fixed at disbursement for post-loan monitoring.
 */
@EngineConformanceTest
class RepaymentPlanProcessTest {

  private CamundaClient client;
  private ProcessFixture fixture;
  private final InMemoryCaseFile caseFile = ProcessFixture.caseFile();

  @BeforeEach
  void deploy() {
    fixture = new ProcessFixture(client);
    fixture.deployAll();
  }

  private static Map<String, Object> prepared(String method) {
    var values = new java.util.HashMap<String, Object>(Map.of("recommendation", "APPROVE",
        "proposalSummary", "算力利用率高，订单充足，现金流稳定，建议批准本次授信。"));
    if (method != null) {
      values.put("repaymentMethod", method);
    }
    return values;
  }

  private RecordedStep last(String applicationId, String step) {
    List<RecordedStep> recorded = caseFile.recorded(applicationId, step);
    assertThat(recorded).as(step).isNotEmpty();
    return recorded.get(recorded.size() - 1);
  }

  @Test
  void shouldProposeThePlanLetTheAnalystChooseAnotherAndSignAndDisburseTheChosenOne() {
    // given: a data-centre project loan whose facility starts operating in ten months
    String operates = LocalDate.now(LoanDates.ZONE).plusMonths(10).toString();
    LoanApplication app = application(TestData.DATA_CENTRE, n -> n.put("projectOperationDate", operates));
    ProcessInstanceEvent instance = fixture.start(app);

    // when: the plans are proposed after pricing
    UserTask preparation = fixture.task(instance, "Task_PrepareCreditProposal");

    // then: the least flexible fitting plan, equal principal, is proposed and prefilled in the form
    assertThat(instance).hasCompletedElements("Task_PriceLoan", "Task_ProposeRepaymentPlan",
        "Task_DetermineApprovalAuthority");
    assertThat(fixture.processVariable(instance.getProcessInstanceKey(), "proposedRepaymentMethod"))
        .isEqualTo("\"EQUAL_PRINCIPAL\"");
    assertThat(fixture.taskVariable(preparation, "repaymentMethod")).isEqualTo("\"EQUAL_PRINCIPAL\"");
    assertThat(last(app.applicationId(), RecordedPlans.PROPOSAL).result()).containsEntry("proposedMethod",
        "EQUAL_PRINCIPAL").containsEntry("fits", true);

    // when: the analyst chooses interest only until the facility operates, and the head office approves
    fixture.complete(preparation, "analyst.li", prepared("INTEREST_ONLY_GRACE"));
    List<UserTask> seats = fixture.tasks(instance.getProcessInstanceKey(), "Task_ApproveAtHeadOffice", 5);

    // then: the approvers see the chosen plan and its coverage
    assertThat(fixture.taskVariable(seats.get(0), "chosenRepaymentPlan")).contains("\"method\":\"INTEREST_ONLY_GRACE\"",
        "\"lowestDscr\"", "\"yearly\"");
    assertThat(last(app.applicationId(), "PREPARATION").result()).containsEntry("repaymentMethod", "INTEREST_ONLY_GRACE")
        .containsEntry("proposedRepaymentMethod", "EQUAL_PRINCIPAL").containsEntry("meetsMinimumDscr", true);

    for (int i = 0; i < seats.size(); i++) {
      fixture.complete(seats.get(i), "head.office." + i, vote("APPROVE", 50_000_000, "同意，按方案执行。"));
    }
    fixture.complete(fixture.task(instance, "Task_SignCreditAgreement"), "manager.zhao",
        Map.of("agreementSigned", true, "signedOn", "2026-11-27"));

    // then: the agreement records the plan, scheduled for the 50m the approvers agreed to
    Map<String, Object> agreement = last(app.applicationId(), "AGREEMENT").result();
    @SuppressWarnings("unchecked")
    Map<String, Object> plan = (Map<String, Object>) agreement.get("repaymentPlan");
    assertThat(plan).containsEntry("method", "INTEREST_ONLY_GRACE").containsEntry("intervalMonths", 3);
    assertThat(((Number) plan.get("graceMonths")).intValue()).isEqualTo(10);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> periods = (List<Map<String, Object>>) agreement.get("repaymentSchedule");
    assertThat(periods.stream().map(p -> new BigDecimal(p.get("principal").toString()))
        .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("50000000");
    assertThat(new BigDecimal(periods.get(0).get("principal").toString())).isZero(); // interest only first
    // and the disbursement fixes the schedule that post-loan monitoring follows
    Awaitility.await().atMost(ProcessFixture.WAIT).until(() -> !caseFile.recorded(app.applicationId(),
        RecordedPlans.SCHEDULE).isEmpty());
    assertThat(RecordedPlans.schedule(caseFile, app.applicationId()).orElseThrow().totalPrincipal())
        .isEqualByComparingTo("50000000");
    assertThat(instance).isCompleted();
    assertThat(ProcessInstanceSelectors.byProcessId(ProcessFixture.MONITORING)).isActive()
        .hasActiveElements("Gateway_AwaitNextEvent");
    long monitoring = client.newProcessInstanceSearchRequest().filter(f -> f.processDefinitionId(ProcessFixture.MONITORING))
        .send().join().items().get(0).getProcessInstanceKey();
    // the first check: the morning after the first instalment's three days of grace
    LocalDate firstDue = RecordedPlans.schedule(caseFile, app.applicationId()).orElseThrow().periods().get(0).dueDate();
    assertThat(fixture.processVariable(monitoring, "nextRepaymentCheck"))
        .isEqualTo("\"" + LoanDates.checkAt(firstDue.plusDays(4)) + "\"");
  }

  @Test
  void shouldSendTheCaseToTheAnalystWithTheReasonWhenNoPlanFitsAndAcceptOnlyAPermittedPlan() {
    // given: the chip start-up burns cash: no plan covers its debt service
    LoanApplication app = application(TestData.CHIP, n -> {});
    ProcessInstanceEvent instance = fixture.start(app);
    fixture.complete(fixture.task(instance, "Task_ReviewReferredCase"), "analyst.chen",
        Map.of("decision", "APPROVE", "comment", "亏损系研发投入所致，订单充足，同意继续。"));
    UserTask preparation = fixture.task(instance, "Task_PrepareCreditProposal");

    // then: nothing is proposed, the reason is on the form, no plan is prefilled
    assertThat(fixture.processVariable(instance.getProcessInstanceKey(), "repaymentPlanFits")).isEqualTo("false");
    assertThat(fixture.processVariable(instance.getProcessInstanceKey(), "repaymentPlanReasonEn"))
        .contains("the analyst must choose");
    assertThat(fixture.taskVariable(preparation, "repaymentMethod")).isEqualTo("null");

    // when / then: a proposal without a plan is refused by the form's rule
    assertThat(denial(catchThrowable(() -> fixture.complete(preparation, "analyst.li", prepared(null)))))
        .contains("还款方案");
    // and one with a plan the policy does not permit for a tier B operating loan (a balloon) too
    assertThat(denial(catchThrowable(() -> fixture.complete(preparation, "analyst.li", prepared("BALLOON")))))
        .contains("BALLOON", "EQUAL_PRINCIPAL", "EQUAL_INSTALMENT");
    assertThat(caseFile.recorded(app.applicationId(), "PREPARATION")).isEmpty();
    assertThat(fixture.isOpen(preparation)).isTrue();

    // when: the analyst chooses equal instalments
    fixture.complete(preparation, "analyst.li", prepared("EQUAL_INSTALMENT"));

    // then: recorded with its coverage, which does not reach the minimum: the approvers see that
    assertThat(last(app.applicationId(), "PREPARATION").result()).containsEntry("repaymentMethod", "EQUAL_INSTALMENT")
        .containsEntry("meetsMinimumDscr", false).containsEntry("proposedRepaymentMethod", null);
    assertThat(fixture.taskVariable(fixture.task(instance, "Task_ApproveAtBranch"), "chosenRepaymentPlan"))
        .contains("\"method\":\"EQUAL_INSTALMENT\"", "\"meetsMinimum\":false");
  }
}
