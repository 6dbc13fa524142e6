package cn.computeloan.process;

import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.TestData;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.warning.MonitoringSnapshot;
import cn.computeloan.engine.conformance.EngineConformanceTest;
import cn.computeloan.process.casefile.InMemoryCaseFile;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camunda.client.CamundaClient;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.process.test.api.assertions.ProcessInstanceSelectors;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** post-loan-monitoring: started by loan-disbursed, quarterly early warning, maturity. */
@EngineConformanceTest
class PostLoanMonitoringTest {

  private CamundaClient client;
  private CamundaProcessTestContext processTestContext;
  private ProcessFixture fixture;
  private final InMemoryCaseFile caseFile = ProcessFixture.caseFile();
  private LoanApplication loan;

  @BeforeEach
  void deployAndDisburse() {
    fixture = new ProcessFixture(client);
    fixture.deployAll();
    String id = "AIGC-" + UUID.randomUUID();
    loan = TestData.sample(TestData.AIGC, n -> n.put("applicationId", id));
    caseFile.store(loan);
  }

  private void disburse(Duration term) {
    client.newPublishMessageCommand().messageName("loan-disbursed").correlationKey(loan.applicationId())
        .variables(Map.of("applicationId", loan.applicationId(), "approvedAmount", 19_200_000,
            "agreementNumber", "CL-" + loan.applicationId(), "monitoringInterval", "P90D",
            "maturityDate", Instant.now().plus(term).toString()))
        .send().join();
  }

  private static MonitoringSnapshot snapshot(LoanApplication app) {
    return new MonitoringSnapshot(LocalDate.now(), app.computeProfile(), app.statements().get(1));
  }

  @Test
  void shouldOpenRiskReviewOnWarningAndEndWhenTheLoanIsCalled() {
    // given: orders fell from 130m to 40m
    disburse(Duration.ofDays(365));
    LoanApplication refreshed = TestData.sample(TestData.AIGC,
        n -> ((ObjectNode) n.get("computeProfile")).put("orderBacklog", 40_000_000));
    ProcessFixture.indicators().report(loan.applicationId(), snapshot(refreshed));

    // when: a quarter passes
    processTestContext.increaseTime(Duration.ofDays(91));

    // then
    var review = fixture.tasks(monitoringInstanceKey(), "Task_ReviewEarlyWarning", 1).get(0);
    fixture.complete(review, "risk.qian", Map.of("monitoringAction", "CALL_LOAN", "comment", "订单大幅下滑，提前收贷"));
    assertThat(ProcessInstanceSelectors.byProcessId(ProcessFixture.MONITORING)).isCompleted()
        .hasVariable("warningLevel", "WARNING")
        .hasCompletedElements("Task_AssessEarlyWarning", "Task_ApplyMonitoringAction", "EndEvent_LoanCalled");
    assertThat(caseFile.steps(loan.applicationId())).extracting(InMemoryCaseFile.Step::step)
        .contains("EARLY_WARNING", "EARLY_WARNING_REVIEW", "MONITORING_ACTION");
    assertThat(caseFile.steps(loan.applicationId())).filteredOn(s -> s.step().equals("EARLY_WARNING_REVIEW"))
        .singleElement().satisfies(s -> {
          assertThat(s.actor()).isEqualTo("risk.qian");
          assertThat(s.result().toString()).contains("CALL_LOAN", "订单大幅下滑");
        });
  }

  @Test
  void shouldKeepMonitoringWithoutReviewWhileNothingChangesAndEndAtMaturity() {
    // given: the borrower reports unchanged figures; the loan matures in 100 days
    disburse(Duration.ofDays(100));
    ProcessFixture.indicators().report(loan.applicationId(), snapshot(loan));

    // when: the first quarter passes
    processTestContext.increaseTime(Duration.ofDays(91));

    // then: assessed NORMAL, back to waiting
    assertThat(ProcessInstanceSelectors.byProcessId(ProcessFixture.MONITORING))
        .hasCompletedElements("Task_AssessEarlyWarning").hasVariable("warningLevel", "NORMAL")
        .hasNotActivatedElements("Task_ReviewEarlyWarning").isActive();

    // when: maturity passes
    processTestContext.increaseTime(Duration.ofDays(10));

    // then
    assertThat(ProcessInstanceSelectors.byProcessId(ProcessFixture.MONITORING)).isCompleted()
        .hasCompletedElements("Event_MaturityReached", "Task_CloseMonitoring", "EndEvent_LoanMatured");
  }

  @Test
  void shouldTreatMissingIndicatorsAsWatchSignal() {
    disburse(Duration.ofDays(365));

    processTestContext.increaseTime(Duration.ofDays(91));

    fixture.tasks(monitoringInstanceKey(), "Task_ReviewEarlyWarning", 1);
    assertThat(ProcessInstanceSelectors.byProcessId(ProcessFixture.MONITORING)).hasVariable("warningLevel", "WATCH");
  }

  private long monitoringInstanceKey() {
    return org.awaitility.Awaitility.await().atMost(ProcessFixture.WAIT).until(
        () -> client.newProcessInstanceSearchRequest()
            .filter(f -> f.processDefinitionId(ProcessFixture.MONITORING)).send().join().items(),
        items -> !items.isEmpty()).get(0).getProcessInstanceKey();
  }
}
