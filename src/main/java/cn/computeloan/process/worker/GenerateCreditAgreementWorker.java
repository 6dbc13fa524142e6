package cn.computeloan.process.worker;

import cn.computeloan.credit.repayment.PlanTerms;
import cn.computeloan.credit.repayment.RepaymentSchedule;
import cn.computeloan.process.ApplicationStatus;
import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.CaseFile;
import cn.computeloan.process.LoanDates;
import cn.computeloan.process.RecordedPlans;
import cn.computeloan.process.RecordedTerms;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Task_GenerateCreditAgreement: the agreement's figures come from the case file, never from process
 * variables ({@link RecordedTerms}): the amount is the lowest an approver of the deciding vote agreed
 * to (never above the recorded limit), the term from the credit-limit step, the rate from pricing,
 * the guarantees from guarantee selection, the repayment plan from the deciding round's credit
 * proposal and the plan proposal, scheduled for the agreed amount from the agreement's date (the
 * disbursement fixes the dates). The agreement number is derived from the process instance, so a
 * retried job produces the same agreement.
 */
@Component
public class GenerateCreditAgreementWorker {

  static final String TYPE = "generate-credit-agreement";
  private final CaseFile caseFile;
  private final CaseAssessment assessment;
  private final Clock clock;

  public GenerateCreditAgreementWorker(CaseFile caseFile, CaseAssessment assessment, ObjectProvider<Clock> clock) {
    this.caseFile = caseFile;
    this.assessment = assessment;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  @JobWorker(type = TYPE, fetchVariables = "applicationId")
  public Map<String, Object> generate(ActivatedJob job, @Variable String applicationId) {
    RecordedTerms.Agreement terms = RecordedTerms.agreement(caseFile, applicationId);
    String agreementNumber = "CL-" + applicationId + "-" + job.getProcessInstanceKey();
    PlanTerms proposed = RecordedPlans.terms(terms.repaymentPlan().get("terms"));
    PlanTerms signed = new PlanTerms(proposed.method(), terms.amount(), terms.rateBp(), LoanDates.today(clock),
        terms.termMonths(), proposed.intervalMonths(), proposed.graceMonths(), proposed.balloonShare(),
        proposed.bulletDate(), proposed.subsidy());
    RepaymentSchedule schedule = assessment.planner().scheduler().schedule(signed);
    Map<String, Object> plan = Variables.map("method", signed.method().name(), "intervalMonths",
        signed.intervalMonths(), "graceMonths", signed.graceMonths(), "balloonShare", signed.balloonShare(),
        "bulletDate", signed.bulletDate() == null ? null : signed.bulletDate().toString(),
        "lowestDscr", terms.repaymentPlan().get("lowestDscr"), "meetsMinimum", terms.repaymentPlan().get("meetsMinimum"),
        "periods", schedule.periods().size(), "firstDueDate", schedule.periods().get(0).dueDate().toString(),
        "maturity", schedule.maturity().toString(), "firstPayment", schedule.periods().get(0).payment(),
        "totalInterest", schedule.totalInterest(), "totalSubsidy", schedule.totalSubsidy());
    Map<String, Object> agreement = Variables.map("agreementNumber", agreementNumber, "approvedAmount", terms.amount(),
        "proposedLimit", terms.proposedLimit(), "termMonths", terms.termMonths(), "rateBp", terms.rateBp(),
        "guarantees", terms.guarantees(), "round", terms.round(), "decidedAt", terms.decidingElement(),
        "votes", terms.votes(), "repaymentPlan", plan, "repaymentTerms", RecordedPlans.json(signed),
        "repaymentSchedule", RecordedPlans.json(schedule).get("periods"), "policyVersions", terms.policyVersions());
    caseFile.recordStep(applicationId, "AGREEMENT", agreement, null, TYPE, CaseAssessment.ref(job));
    caseFile.changeStatus(applicationId, ApplicationStatus.APPROVED, TYPE, CaseAssessment.ref(job));
    // shown in the signing form; the disbursement reads the recorded agreement, not these
    return Variables.map("approvedAmount", terms.amount(), "agreementNumber", agreementNumber,
        "approvedTermMonths", terms.termMonths(), "finalRateBp", terms.rateBp(), "repaymentMethod",
        signed.method().name(), "agreementRepaymentPlan", plan);
  }
}
