package cn.computeloan.process.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.computeloan.credit.TestData;
import cn.computeloan.process.ApplicationStatus;
import cn.computeloan.process.CaseFile.ProcessRef;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryCaseFileTest {

  private final InMemoryCaseFile caseFile = new InMemoryCaseFile(TestData.CLOCK);

  @Test
  void shouldIgnoreASecondWriteOfTheSameJobAndStep() {
    ProcessRef job = new ProcessRef(1, "Task_ScoreComputeCapability", 2, 3);

    caseFile.recordStep("A-1", "SCORE", Map.of("score", 80), "v1", "score-compute-capability", job);
    caseFile.recordStep("A-1", "SCORE", Map.of("score", 80), "v1", "score-compute-capability", job);
    caseFile.changeStatus("A-1", ApplicationStatus.IN_REVIEW, "worker", job);
    caseFile.changeStatus("A-1", ApplicationStatus.IN_REVIEW, "worker", job);

    assertThat(caseFile.steps("A-1")).hasSize(1);
    assertThat(caseFile.statusHistory("A-1")).hasSize(1);
  }

  @Test
  void shouldKeepDifferentStepsAndStatusesOfOneJob() {
    ProcessRef job = new ProcessRef(1, "Task_GenerateCreditAgreement", 2, 4);

    caseFile.recordStep("A-1", "AGREEMENT", Map.of(), null, "w", job);
    caseFile.changeStatus("A-1", ApplicationStatus.APPROVED, "w", job);
    caseFile.recordStep("A-1", "APPROVAL-1", Map.of(), null, "approver.wang", new ProcessRef(1, "Task_ApproveAtBranch", 5, 6));

    assertThat(caseFile.steps("A-1")).extracting(InMemoryCaseFile.Step::step).containsExactly("AGREEMENT", "APPROVAL-1");
    assertThat(caseFile.actors("A-1", "APPROVAL-1")).containsExactly("approver.wang");
    assertThat(caseFile.status("A-1")).contains(ApplicationStatus.APPROVED);
  }

  @Test
  void shouldReplaceASupplementedApplicationAndRefuseOneWithoutId() {
    caseFile.store(TestData.sample(TestData.CHIP, n -> n.put("applicationId", "A-2").remove("computeProfile")));
    caseFile.store(TestData.sample(TestData.CHIP, n -> n.put("applicationId", "A-2")));

    assertThat(caseFile.application("A-2")).get().satisfies(a -> assertThat(a.computeProfile()).isNotNull());
    assertThat(caseFile.application("unknown")).isEmpty();
    assertThatThrownBy(() -> caseFile.store(TestData.sample(TestData.CHIP, n -> n.putNull("applicationId"))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
