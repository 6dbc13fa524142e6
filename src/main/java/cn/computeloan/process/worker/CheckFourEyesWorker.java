package cn.computeloan.process.worker;

import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.CaseFile;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Completing listener of every approval task: the four-eyes rule. Refuses the completion when the
 * approver (the task's assignee) prepared the case, or already decided on it in this approval round;
 * otherwise records the approver, so that the next seat needs someone else. A committee's REJECT
 * ends the vote through the multi-instance completion condition, not here.
 */
@Component
public class CheckFourEyesWorker {

  static final String TYPE = "check-four-eyes";
  private final CaseFile caseFile;

  public CheckFourEyesWorker(CaseFile caseFile) {
    this.caseFile = caseFile;
  }

  /** The step under which the approvers of one round are recorded. */
  static String approvalStep(Number approvalRound) {
    return "APPROVAL-" + (approvalRound == null ? 1 : approvalRound.intValue());
  }

  @JobWorker(type = TYPE, autoComplete = false, fetchVariables = {"applicationId", "approvalRound"})
  public void check(JobClient client, ActivatedJob job, @Variable String applicationId,
      @Variable(optional = true) Number approvalRound) {
    String approver = job.getUserTask() == null ? null : job.getUserTask().getAssignee();
    String step = approvalStep(approvalRound);
    String refusal = null;
    if (approver == null || approver.isBlank()) {
      refusal = "请先认领任务 / claim the task before deciding: the approver must be known";
    } else if (caseFile.actors(applicationId, RecordCasePreparerWorker.STEP).contains(approver)) {
      refusal = "经办人不得审批 / four eyes: " + approver + " prepared this case and may not approve it";
    } else if (caseFile.actors(applicationId, step).contains(approver)) {
      refusal = "同一审批人不得重复审批 / four eyes: " + approver + " has already decided on this case";
    }
    if (refusal != null) {
      String reason = refusal;
      client.newCompleteCommand(job).withResult(r -> r.forUserTask().deny(true, reason)).send().join();
      return;
    }
    caseFile.recordStep(applicationId, step, Map.of("elementId", job.getElementId(), "userTaskKey",
        job.getUserTask().getUserTaskKey()), null, approver, CaseAssessment.ref(job));
    client.newCompleteCommand(job).send().join();
  }
}
