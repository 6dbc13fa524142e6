package cn.computeloan.process.worker;

import cn.computeloan.credit.authority.AuthorityResult;
import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.CaseFile;
import cn.computeloan.process.RecordedTerms;
import cn.computeloan.process.form.TaskCompletionRules;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Completing listener of every approval task: the four-eyes rule, and the vote's entry in the case
 * file. Refuses the completion when it sets anything the approval form does not declare writable or
 * breaks the form's rules ({@link TaskCompletionRules}), when the approver (the task's assignee)
 * prepared the case or already decided on it in this approval round, when the decision is missing,
 * or when the approved amount exceeds the limit the policy recorded; otherwise records the vote
 * (decision, comment, approved amount, seat, the group that voted, the authority level and its
 * policy version) under the approver's name, so that the next seat needs someone else and the case
 * file shows who decided what.
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
  private final TaskCompletionRules rules;

  public CheckFourEyesWorker(CaseFile caseFile, CaseAssessment assessment, TaskCompletionRules rules) {
    this.caseFile = caseFile;
    this.assessment = assessment;
    this.rules = rules;
  }

  /** The step under which the approvers of one round are recorded. */
  static String approvalStep(Number approvalRound) {
    return RecordedTerms.approvalStep(round(approvalRound));
  }

  private static int round(Number approvalRound) {
    return approvalRound == null ? 1 : approvalRound.intValue();
  }

  @JobWorker(type = TYPE, autoComplete = false, fetchAllVariables = true)
  public void check(JobClient client, ActivatedJob job) {
    TaskCompletionRules.Check completion = rules.check(job);
    Map<String, Object> v = job.getVariablesAsMap();
    String applicationId = (String) v.get("applicationId");
    String approver = completion.person();
    String decision = v.get("decision") instanceof String d ? d : null;
    Number approvalRound = (Number) v.get("approvalRound");
    String refusal = completion.refusal();
    long userTaskKey = job.getUserTask().getUserTaskKey();
    if (refusal == null && recordedFor(applicationId, approvalStep(approvalRound), approver, userTaskKey, decision)) {
      // This listener ran before and recorded the vote, but its completion never reached the engine
      // (the application stopped in between, or the job timed out): the job comes again. The vote is
      // this approver's decision on this very task, not a second one; finish accepting it.
      client.newCompleteCommand(job).send().join();
      return;
    }
    if (refusal == null) {
      refusal = fourEyes(applicationId, approver, approvalStep(approvalRound), decision, v.get("approvedAmount"));
    }
    if (refusal != null) {
      String reason = refusal;
      client.newCompleteCommand(job).withResult(r -> r.forUserTask().deny(true, reason)).send().join();
      return;
    }
    AuthorityResult authority = assessment.authority(assessment.application(applicationId));
    @SuppressWarnings("unchecked")
    Map<String, Object> approvalAuthority = (Map<String, Object>) v.get("approvalAuthority");
    List<String> groups = job.getUserTask().getCandidateGroups();
    Map<String, Object> vote = Variables.map(
        "decision", decision,
        "comment", v.get("comment"),
        "approvedAmount", "APPROVE".equals(decision) ? v.get("approvedAmount") : null,
        "round", round(approvalRound),
        "seat", v.get("seat"),
        // the seats of this vote: the multi-instance's output collection has one slot per seat
        "seats", v.get("approvalVotes") instanceof List<?> slots ? slots.size() : null,
        "group", groups == null || groups.isEmpty() ? null : String.join(",", groups),
        "authorityLevel", approvalAuthority == null ? authority.level() : approvalAuthority.get("level"),
        "requiredApprovals", approvalAuthority == null ? authority.requiredApprovals()
            : approvalAuthority.get("requiredApprovals"),
        "elementId", job.getElementId(),
        "userTaskKey", userTaskKey);
    caseFile.recordStep(applicationId, approvalStep(approvalRound), vote,
        CaseAssessment.versions(authority.policyVersions()), approver, CaseAssessment.ref(job));
    client.newCompleteCommand(job).send().join();
  }

  /** Whether this very decision of {@code approver} on this user task is already in the case file. */
  private boolean recordedFor(String applicationId, String step, String approver, long userTaskKey, String decision) {
    return caseFile.recorded(applicationId, step).stream().anyMatch(vote -> vote.actor().equals(approver)
        && vote.result().get("userTaskKey") instanceof Number key && key.longValue() == userTaskKey
        && Objects.equals(vote.result().get("decision"), decision));
  }

  private String fourEyes(String applicationId, String approver, String step, String decision, Object amount) {
    if (caseFile.actors(applicationId, RecordCasePreparerWorker.STEP).contains(approver)) {
      return "经办人不得审批 / four eyes: " + approver + " prepared this case and may not approve it";
    }
    if (caseFile.actors(applicationId, step).contains(approver)) {
      return "同一审批人不得重复审批 / four eyes: " + approver + " has already decided on this case";
    }
    if (decision == null || !DECISIONS.contains(decision)) {
      return "请选择审批结论 / decision must be APPROVE, REJECT or RETURN";
    }
    if ("APPROVE".equals(decision) && amount instanceof Number n) {
      BigDecimal limit = RecordedTerms.proposedLimit(caseFile, applicationId);
      if (new BigDecimal(n.toString()).compareTo(limit) > 0) {
        String shown = limit.stripTrailingZeros().toPlainString();
        return "批准金额不得超过建议额度 " + shown + " / 'approvedAmount' may not exceed the proposed limit " + shown
            + " recorded by the credit-limit step";
      }
    }
    return null;
  }
}
