package cn.computeloan.process.worker;

import cn.computeloan.credit.repayment.PlanOption;
import cn.computeloan.credit.repayment.PlanProposal;
import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.CaseFile;
import cn.computeloan.process.LoanDates;
import cn.computeloan.process.RecordedPlans;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Task_ProposeRepaymentPlan: every repayment plan the policy permits for the product and tier,
 * scheduled from today and tested against the cash flow; the least flexible one whose every year
 * reaches the minimum coverage is proposed. When none does, nothing is proposed and the analyst
 * chooses, with the reason on the proposal form.
 */
@Component
public class ProposeRepaymentPlanWorker {

  static final String TYPE = "propose-repayment-plan";
  private final CaseAssessment assessment;
  private final CaseFile caseFile;
  private final Clock clock;

  public ProposeRepaymentPlanWorker(CaseAssessment assessment, CaseFile caseFile, ObjectProvider<Clock> clock) {
    this.assessment = assessment;
    this.caseFile = caseFile;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  @JobWorker(type = TYPE, fetchVariables = {"applicationId", "additionalGuaranteeOffers"})
  public Map<String, Object> propose(ActivatedJob job, @Variable String applicationId,
      @Variable(optional = true) List<Map<String, Object>> additionalGuaranteeOffers) {
    PlanProposal p = assessment.repaymentPlan(assessment.application(applicationId, additionalGuaranteeOffers),
        LoanDates.today(clock));
    caseFile.recordStep(applicationId, RecordedPlans.PROPOSAL, p, CaseAssessment.versions(p.policyVersions()), TYPE,
        CaseAssessment.ref(job));
    List<Map<String, Object>> options = p.options().stream().map(RecordedPlans::summary).toList();
    List<Map<String, Object>> choices = p.options().stream().filter(PlanOption::available)
        .map(RecordedPlans::choice).toList();
    return Variables.map("proposedRepaymentMethod", p.proposedMethod() == null ? null : p.proposedMethod().name(),
        "repaymentPlanFits", p.fits(), "minimumDscr", p.minimumDscr(), "repaymentPlanReasonZh", p.reasonZh(),
        "repaymentPlanReasonEn", p.reasonEn(), "repaymentPlanOptions", options, "repaymentMethodChoices", choices);
  }
}
