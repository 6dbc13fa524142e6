package cn.computeloan.process.worker;

import cn.computeloan.process.ApplicationStatus;
import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.CaseFile;
import cn.computeloan.process.RecordedPlans;
import cn.computeloan.process.form.TaskCompletionRules;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Completing listener of Task_PrepareCreditProposal: records who prepared the case (the task's
 * assignee), whom the four-eyes rule then bars from approving it, with the analyst's recommendation
 * and summary (read from the completion, which the listener job sees) and the repayment plan chosen,
 * which must be one the recorded plan proposal offers, and puts the case up for approval. A proposal
 * nobody has claimed cannot be completed: the preparer must be known.
 */
@Component
public class RecordCasePreparerWorker {

  static final String TYPE = "record-case-preparer";
  static final String STEP = "PREPARATION";
  private final CaseFile caseFile;

  private final TaskCompletionRules rules;

  public RecordCasePreparerWorker(CaseFile caseFile, TaskCompletionRules rules) {
    this.caseFile = caseFile;
    this.rules = rules;
  }

  @JobWorker(type = TYPE, autoComplete = false, fetchAllVariables = true)
  public void record(JobClient client, ActivatedJob job) {
    TaskCompletionRules.Check completion = rules.check(job);
    if (completion.refused()) {
      client.newCompleteCommand(job).withResult(r -> r.forUserTask().deny(true, completion.refusal())).send().join();
      return;
    }
    Map<String, Object> v = job.getVariablesAsMap();
    String applicationId = (String) v.get("applicationId");
    String preparer = completion.person();
    // the plan must be one the recorded proposal offers (not whatever a variable says): the bank signs it
    Object method = v.get("repaymentMethod");
    Map<String, Map<String, Object>> offered = RecordedPlans.availableOptions(caseFile, applicationId);
    Map<String, Object> plan = method == null ? null : offered.get(method.toString());
    if (plan == null) {
      String refusal = "还款方案不在可选范围内 / the repayment plan '" + method + "' is not one the policy permits for "
          + "this case: choose one of " + offered.keySet();
      client.newCompleteCommand(job).withResult(r -> r.forUserTask().deny(true, refusal)).send().join();
      return;
    }
    // the task's output mapping counts the round after this listener: this proposal opens the next one
    int round = v.get("approvalRound") instanceof Number n ? n.intValue() + 1 : 1;
    Map<String, Object> proposal = RecordedPlans.proposal(caseFile, applicationId).orElseThrow().result();
    caseFile.recordStep(applicationId, STEP, Variables.map("recommendation", v.get("recommendation"),
        "proposalSummary", v.get("proposalSummary"), "round", round, "userTaskKey", job.getUserTask().getUserTaskKey(),
        "repaymentMethod", method, "proposedRepaymentMethod", proposal.get("proposedMethod"),
        "minimumDscr", proposal.get("minimumDscr"), "lowestDscr", plan.get("lowestDscr"),
        "meetsMinimumDscr", plan.get("meetsMinimum"), "repaymentPlan", plan),
        null, preparer, CaseAssessment.ref(job));
    caseFile.changeStatus(applicationId, ApplicationStatus.PENDING_APPROVAL, preparer, CaseAssessment.ref(job));
    client.newCompleteCommand(job).send().join();
  }
}
