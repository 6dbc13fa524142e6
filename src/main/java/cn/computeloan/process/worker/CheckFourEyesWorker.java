package cn.computeloan.process.worker;

import cn.computeloan.credit.authority.AuthorityResult;
import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.CaseFile;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Completing listener of every approval task: the four-eyes rule, and the vote's entry in the case
 * file. Refuses the completion when the approver (the task's assignee) prepared the case, or already
 * decided on it in this approval round, or the completion carries no valid decision; otherwise
 * records the vote (decision, comment, approved amount, seat, the group that voted, the authority
 * level and its policy version) under the approver's name, so that the next seat needs someone
 * else and the case file shows who decided what.
 *
 * <p>A completing listener's job sees the variables of the completion over the process variables
 * (Zeebe's job variables for task listeners; the embedded engine does the same), so the vote is
 * read here, before it reaches the process. A committee's REJECT ends the vote through the
 * multi-instance completion condition, not here.
 */
@Component
public class CheckFourEyesWorker {

  static final String TYPE = "check-four-eyes";
  private static final Set<String> DECISIONS = Set.of("APPROVE", "REJECT", "RETURN");
  private final CaseFile caseFile;
  private final CaseAssessment assessment;

  public CheckFourEyesWorker(CaseFile caseFile, CaseAssessment assessment) {
    this.caseFile = caseFile;
    this.assessment = assessment;
  }

  /** The step under which the approvers of one round are recorded. */
  static String approvalStep(Number approvalRound) {
    return "APPROVAL-" + round(approvalRound);
  }

  private static int round(Number approvalRound) {
    return approvalRound == null ? 1 : approvalRound.intValue();
  }

  @JobWorker(type = TYPE, autoComplete = false, fetchVariables = {"applicationId", "approvalRound", "decision",
      "comment", "approvedAmount", "seat", "approvalAuthority"})
  public void check(JobClient client, ActivatedJob job, @Variable String applicationId,
      @Variable(optional = true) Number approvalRound, @Variable(optional = true) String decision,
      @Variable(optional = true) String comment, @Variable(optional = true) Number approvedAmount,
      @Variable(optional = true) Number seat, @Variable(optional = true) Map<String, Object> approvalAuthority) {
    String approver = job.getUserTask() == null ? null : job.getUserTask().getAssignee();
    String step = approvalStep(approvalRound);
    String refusal = null;
    if (approver == null || approver.isBlank()) {
      refusal = "请先认领任务 / claim the task before deciding: the approver must be known";
    } else if (caseFile.actors(applicationId, RecordCasePreparerWorker.STEP).contains(approver)) {
      refusal = "经办人不得审批 / four eyes: " + approver + " prepared this case and may not approve it";
    } else if (caseFile.actors(applicationId, step).contains(approver)) {
      refusal = "同一审批人不得重复审批 / four eyes: " + approver + " has already decided on this case";
    } else if (decision == null || !DECISIONS.contains(decision)) {
      refusal = "请选择审批结论 / decision must be APPROVE, REJECT or RETURN";
    }
    if (refusal != null) {
      String reason = refusal;
      client.newCompleteCommand(job).withResult(r -> r.forUserTask().deny(true, reason)).send().join();
      return;
    }
    AuthorityResult authority = assessment.authority(assessment.application(applicationId));
    List<String> groups = job.getUserTask().getCandidateGroups();
    Map<String, Object> vote = Variables.map(
        "decision", decision,
        "comment", comment,
        "approvedAmount", "APPROVE".equals(decision) ? approvedAmount : null,
        "round", round(approvalRound),
        "seat", seat,
        "group", groups == null || groups.isEmpty() ? null : String.join(",", groups),
        "authorityLevel", approvalAuthority == null ? authority.level() : approvalAuthority.get("level"),
        "requiredApprovals", approvalAuthority == null ? authority.requiredApprovals()
            : approvalAuthority.get("requiredApprovals"),
        "elementId", job.getElementId(),
        "userTaskKey", job.getUserTask().getUserTaskKey());
    caseFile.recordStep(applicationId, step, vote, CaseAssessment.versions(authority.policyVersions()), approver,
        CaseAssessment.ref(job));
    client.newCompleteCommand(job).send().join();
  }
}
