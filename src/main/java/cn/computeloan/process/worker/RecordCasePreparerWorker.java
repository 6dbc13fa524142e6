package cn.computeloan.process.worker;

import cn.computeloan.process.ApplicationStatus;
import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.CaseFile;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import org.springframework.stereotype.Component;

/**
 * Completing listener of Task_PrepareCreditProposal: records who prepared the case (the task's
 * assignee), whom the four-eyes rule then bars from approving it, with the analyst's recommendation
 * and summary (read from the completion, which the listener job sees), and puts the case up for
 * approval. A proposal nobody has claimed cannot be completed: the preparer must be known.
 */
@Component
public class RecordCasePreparerWorker {

  static final String TYPE = "record-case-preparer";
  static final String STEP = "PREPARATION";
  private final CaseFile caseFile;

  public RecordCasePreparerWorker(CaseFile caseFile) {
    this.caseFile = caseFile;
  }

  @JobWorker(type = TYPE, autoComplete = false, fetchVariables = {"applicationId", "approvalRound",
      "recommendation", "proposalSummary"})
  public void record(JobClient client, ActivatedJob job, @Variable String applicationId,
      @Variable(optional = true) Number approvalRound, @Variable(optional = true) String recommendation,
      @Variable(optional = true) String proposalSummary) {
    String preparer = job.getUserTask() == null ? null : job.getUserTask().getAssignee();
    if (preparer == null || preparer.isBlank()) {
      client.newCompleteCommand(job).withResult(r -> r.forUserTask()
          .deny(true, "请先认领任务 / claim the task before completing it: the preparer must be known")).send().join();
      return;
    }
    // the task's output mapping counts the round after this listener: this proposal opens the next one
    int round = approvalRound == null ? 1 : approvalRound.intValue() + 1;
    caseFile.recordStep(applicationId, STEP, Variables.map("recommendation", recommendation, "proposalSummary",
        proposalSummary, "round", round, "userTaskKey", job.getUserTask().getUserTaskKey()), null, preparer,
        CaseAssessment.ref(job));
    caseFile.changeStatus(applicationId, ApplicationStatus.PENDING_APPROVAL, preparer, CaseAssessment.ref(job));
    client.newCompleteCommand(job).send().join();
  }
}
