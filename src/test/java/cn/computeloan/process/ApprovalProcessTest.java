package cn.computeloan.process;

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
import java.util.UUID;
import java.util.function.Consumer;
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

  /** A sample application under a fresh id, changed through its JSON. */
  private static LoanApplication application(String sample, Consumer<ObjectNode> change) {
    String id = sample.substring(0, 4).toUpperCase() + "-" + UUID.randomUUID();
    return TestData.sample(sample, node -> {
      node.put("applicationId", id);
      change.accept(node);
    });
  }

  private static Map<String, Object> vote(String decision, Object amount, String comment) {
    var vote = new java.util.HashMap<String, Object>();
    vote.put("decision", decision);
    vote.put("approvedAmount", amount);
    vote.put("comment", comment);
    return vote;
  }

  private void prepare(ProcessInstanceEvent instance, String analyst) {
    fixture.complete(fixture.task(instance, "Task_PrepareCreditProposal"), analyst,
        Map.of("recommendation", "APPROVE", "proposalSummary", "算力利用率高，订单充足，建议批准。"));
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
      fixture.complete(seats.get(i), "head.office." + i, vote("APPROVE", 999_999_999, "同意"));
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
}
