package cn.computeloan.process;

import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.TestData;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.pricing.InterestSubsidy;
import cn.computeloan.credit.repayment.PlanTerms;
import cn.computeloan.credit.repayment.ReceivedPayment;
import cn.computeloan.credit.repayment.RepaymentMethod;
import cn.computeloan.credit.repayment.RepaymentPeriod;
import cn.computeloan.credit.repayment.RepaymentPlanner;
import cn.computeloan.credit.repayment.RepaymentSchedule;
import cn.computeloan.engine.conformance.EmbeddedEngineExtension;
import cn.computeloan.engine.conformance.EngineConformanceTest;
import cn.computeloan.process.CaseFile.RecordedStep;
import cn.computeloan.process.casefile.InMemoryCaseFile;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camunda.client.CamundaClient;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.process.test.api.assertions.ProcessInstanceSelectors;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * post-loan-monitoring follows the repayment schedule: an instalment unpaid after its grace raises an
 * early warning whose review shows the arrears; a paid one passes quietly (and its subsidy is
 * claimed); the quarterly assessment keeps its dates between the checks and re-values the GPU
 * collateral.
 */
@EngineConformanceTest
class RepaymentMonitoringProcessTest {

  private CamundaClient client;
  private CamundaProcessTestContext processTestContext;
  private ProcessFixture fixture;
  private final InMemoryCaseFile caseFile = ProcessFixture.caseFile();
  private Instant now;
  private LoanApplication loan;
  private RepaymentSchedule schedule;
  /** How far the test has moved the engine's clock. */
  private Duration elapsed = Duration.ZERO;

  @BeforeEach
  void deploy() {
    fixture = new ProcessFixture(client);
    fixture.deployAll();
    now = Instant.now();
  }

  /** Files a disbursed loan as the approval process leaves it, and starts its monitoring. */
  private void disburse(LoanApplication app, PlanTerms terms, Map<String, Object> guarantee) {
    loan = app;
    caseFile.store(app);
    schedule = EmbeddedEngineExtension.start().getBean(RepaymentPlanner.class).scheduler().schedule(terms);
    String id = app.applicationId();
    caseFile.recordStep(id, RecordedPlans.SCHEDULE, Map.of("disbursedOn", terms.startDate().toString(), "graceDays", 3,
        "schedule", RecordedPlans.json(schedule)), null, "disburse-loan", null);
    caseFile.recordStep(id, "DISBURSEMENT", Map.of("disbursedAt", now.toString(), "amount", terms.principal()), null,
        "disburse-loan", null);
    if (guarantee != null) {
      caseFile.recordStep(id, "GUARANTEE", guarantee, null, "select-guarantee", null);
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put("applicationId", id);
    variables.put("approvedAmount", terms.principal());
    variables.put("agreementNumber", "CL-" + id);
    variables.put("monitoringInterval", "P3M");
    variables.put("nextAssessmentAt", MonitoringDates.after(now, "P3M").toString());
    variables.put("nextRepaymentCheck", LoanDates.checkAt(schedule.periods().get(0).dueDate().plusDays(4)).toString());
    variables.put("maturityDate", LoanDates.checkAt(schedule.maturity()).toString());
    variables.put("monitoringEndsAt", LoanDates.checkAt(schedule.maturity().plusDays(5)).toString());
    client.newPublishMessageCommand().messageName("loan-disbursed").correlationKey(id).variables(variables)
        .send().join();
    Awaitility.await().atMost(ProcessFixture.WAIT).until(() -> monitoringInstance() != null);
  }

  private static PlanTerms monthly(InterestSubsidy subsidy) {
    return new PlanTerms(RepaymentMethod.EQUAL_PRINCIPAL, new BigDecimal("1200000"), 420,
        LocalDate.now(LoanDates.ZONE), 12, 1, 0, null, null, subsidy);
  }

  private Long monitoringInstance() {
    var items = client.newProcessInstanceSearchRequest().filter(f -> f.processDefinitionId(ProcessFixture.MONITORING))
        .send().join().items();
    return items.isEmpty() ? null : items.get(0).getProcessInstanceKey();
  }

  /** Moves the engine's clock to an hour after {@code instant} (the workers' clock stays). */
  private void advanceTo(Instant instant) {
    Duration by = Duration.between(now, instant).plusHours(1).minus(elapsed);
    elapsed = elapsed.plus(by);
    processTestContext.increaseTime(by);
  }

  private List<RecordedStep> steps(String step) {
    return caseFile.recorded(loan.applicationId(), step);
  }

  private Instant check(int period) {
    return LoanDates.checkAt(schedule.periods().get(period - 1).dueDate().plusDays(4));
  }

  @Test
  void shouldRaiseAnEarlyWarningWhenAnInstalmentIsOverdueAndShowTheRiskManagerTheArrears() {
    // given: a disbursed loan whose first instalment nobody pays
    disburse(ProcessFixture.application(TestData.AIGC, n -> {}), monthly(null), null);
    RepaymentPeriod first = schedule.periods().get(0);

    // when: the first instalment's three days of grace pass
    advanceTo(check(1));

    // then: the risk manager reviews an early warning listing the overdue instalment
    var review = fixture.tasks(monitoringInstance(), "Task_ReviewEarlyWarning", 1).get(0);
    assertThat(fixture.taskVariable(review, "warningLevel")).isEqualTo("\"WARNING\"");
    assertThat(fixture.taskVariable(review, "warningSignals")).contains("REPAYMENT_OVERDUE");
    assertThat(fixture.taskVariable(review, "repaymentArrears")).contains("\"period\":1",
        "\"dueDate\":\"" + first.dueDate() + "\"", "\"daysPastDue\":4");
    assertThat(steps("REPAYMENT_CHECK")).singleElement().satisfies(s -> {
      assertThat(s.result()).containsEntry("daysOverdue", 1).containsEntry("warningLevel", "WARNING");
      assertThat(new BigDecimal(s.result().get("arrearsAmount").toString())).isEqualByComparingTo(first.payment());
    });

    // when: the risk manager demands action; monitoring goes on to the next instalment
    fixture.complete(review, "risk.qian", Map.of("monitoringAction", "TIGHTEN_COVENANTS",
        "comment", "首期逾期，已催收并收紧约束条款"));
    assertThat(ProcessInstanceSelectors.byProcessId(ProcessFixture.MONITORING)).isActive()
        .hasCompletedElements("Task_CheckRepayments", "Task_ReviewEarlyWarning", "Task_ApplyMonitoringAction");
    assertThat(fixture.processVariable(monitoringInstance(), "nextRepaymentCheck"))
        .isEqualTo("\"" + check(2) + "\"");
  }

  @Test
  void shouldPassAPaidInstalmentQuietlyAndClaimItsSubsidy() {
    // given: a loan with half its interest subsidised, and the first instalment paid on its due date
    InterestSubsidy half = new InterestSubsidy("SCI_TECH_COMPUTE", true, "地方科技主管部门", new BigDecimal("0.5"),
        null, new BigDecimal("3000000"), 36, 210, "r", "zh", "en");
    disburse(ProcessFixture.application(TestData.DATA_CENTRE, n -> {}), monthly(half), null);
    RepaymentPeriod first = schedule.periods().get(0);
    ProcessFixture.ledger().record(loan.applicationId(), new ReceivedPayment("CB-" + UUID.randomUUID(),
        first.dueDate(), first.payment()));

    // when
    advanceTo(check(1));

    // then: checked, nothing overdue, no review; the bank claims the first period's subsidy
    Awaitility.await().atMost(ProcessFixture.WAIT).until(() -> !steps("REPAYMENT_CHECK").isEmpty());
    assertThat(steps("REPAYMENT_CHECK").get(0).result()).containsEntry("warningLevel", "NORMAL")
        .containsEntry("daysOverdue", 0);
    assertThat(steps(LoanServicing.SUBSIDY_CLAIMS)).singleElement().satisfies(s -> {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> claims = (List<Map<String, Object>>) s.result().get("claims");
      assertThat(claims).singleElement().satisfies(c -> {
        assertThat(c).containsEntry("period", 1).containsEntry("programme", "SCI_TECH_COMPUTE");
        assertThat(new BigDecimal(c.get("subsidy").toString())).isEqualByComparingTo(first.subsidy()).isPositive();
      });
    });
    Awaitility.await().atMost(ProcessFixture.WAIT).until(() -> ("\"" + check(2) + "\"")
        .equals(fixture.processVariable(monitoringInstance(), "nextRepaymentCheck")));
    assertThat(ProcessInstanceSelectors.byProcessId(ProcessFixture.MONITORING)).isActive()
        .hasNotActivatedElements("Task_ReviewEarlyWarning");
  }

  @Test
  void shouldKeepTheQuarterlyAssessmentOnItsDateBetweenMonthlyRepaymentChecks() {
    // given: every instalment paid on time, indicators unchanged
    disburse(ProcessFixture.application(TestData.AIGC, n -> {}), monthly(null), null);
    for (RepaymentPeriod p : schedule.periods()) {
      ProcessFixture.ledger().record(loan.applicationId(), new ReceivedPayment("CB-" + loan.applicationId() + "-"
          + p.number(), p.dueDate(), p.payment()));
    }
    ProcessFixture.indicators().report(loan.applicationId(), new cn.computeloan.credit.warning.MonitoringSnapshot(
        LocalDate.now(), loan.computeProfile(), loan.statements().get(1)));

    // when: two monthly checks pass, then the quarter's date
    advanceTo(check(1));
    Awaitility.await().atMost(ProcessFixture.WAIT).until(() -> steps("REPAYMENT_CHECK").size() == 1);
    advanceTo(check(2));
    Awaitility.await().atMost(ProcessFixture.WAIT).until(() -> steps("REPAYMENT_CHECK").size() == 2);
    advanceTo(MonitoringDates.after(now, "P3M"));

    // then: the assessment runs on its date although the checks re-entered the wait in between
    Awaitility.await().atMost(ProcessFixture.WAIT).until(() -> steps("EARLY_WARNING").size() == 1);
    assertThat(steps("EARLY_WARNING").get(0).result()).containsEntry("level", "NORMAL");
    assertThat(fixture.processVariable(monitoringInstance(), "nextAssessmentAt"))
        .isEqualTo("\"" + MonitoringDates.after(now, "P6M") + "\"");
  }

  @Test
  void shouldDemandMoreCollateralWhenTheQuarterlyRevaluationOfTheGpusFallsShort() {
    // given: a loan secured only by 30-month-old Hopper servers (18 months of their 48 left)
    LoanApplication app = ProcessFixture.application(TestData.DATA_CENTRE, n -> {
      var offers = n.putArray("guaranteeOffers");
      ((ObjectNode) offers.addObject().put("type", "EQUIPMENT_MORTGAGE").put("provider", "GPU服务器")
          .put("appraisedValue", 20_000_000)).putObject("equipment").put("gpuGeneration", "HOPPER")
          .put("ageMonths", 30);
    });
    Map<String, Object> guarantee = Map.of("requiredCoverRatio", new BigDecimal("0.8"), "offers",
        List.of(Map.of("offerIndex", 0, "type", "EQUIPMENT_MORTGAGE", "coverValue", 2_500_000, "selected", true)));
    disburse(app, new PlanTerms(RepaymentMethod.EQUAL_PRINCIPAL, new BigDecimal("3000000"), 420,
        LocalDate.now(LoanDates.ZONE), 24, 3, 0, null, null, null), guarantee);
    for (RepaymentPeriod p : schedule.periods()) {
      ProcessFixture.ledger().record(app.applicationId(), new ReceivedPayment("CB-" + app.applicationId() + "-"
          + p.number(), p.dueDate(), p.payment()));
    }
    ProcessFixture.indicators().report(app.applicationId(), new cn.computeloan.credit.warning.MonitoringSnapshot(
        LocalDate.now(), app.computeProfile(), app.statements().get(2)));

    // when: the first quarter's assessment re-values the servers three months on
    advanceTo(MonitoringDates.after(now, "P3M"));

    // then: 15 months on, the line is at its 10% floor: 20m x (0.10 / 0.375) x (1 - 0.70) = 1,600,200,
    // against 80% of the 2.625m to 3m outstanding: a shortfall, demand more collateral
    var review = fixture.tasks(monitoringInstance(), "Task_ReviewEarlyWarning", 1).get(0);
    assertThat(fixture.taskVariable(review, "warningSignals")).contains("COLLATERAL_SHORTFALL");
    assertThat(new BigDecimal(fixture.taskVariable(review, "collateralCoverRatio"))).isLessThan(BigDecimal.ONE);
    assertThat(new BigDecimal(fixture.taskVariable(review, "collateralCover"))).isEqualByComparingTo("1600200");
    assertThat(steps("EARLY_WARNING")).singleElement()
        .satisfies(s -> assertThat(s.result().get("collateral").toString()).contains("HOPPER"));
  }
}
