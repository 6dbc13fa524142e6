package cn.computeloan.process.worker;

import cn.computeloan.credit.repayment.RepaymentStatus;
import cn.computeloan.credit.warning.EarlyWarningResult;
import cn.computeloan.credit.warning.LoanStanding;
import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.CaseFile;
import cn.computeloan.process.LoanDates;
import cn.computeloan.process.LoanServicing;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Task_CheckRepayments: on the day an instalment's grace has passed, the payments the core banking
 * system reported against the schedule fixed at disbursement. An instalment still unpaid is overdue
 * and raises an early warning (the {@code EarlyWarning} table's {@code REPAYMENT_OVERDUE} row) for the
 * risk manager's review, which lists the arrears. Instalments paid in full that the subsidy shares
 * are recorded as the bank's claims on the issuer. The check's day is the timer's, not the clock's,
 * so a retried or late job judges the same day.
 */
@Component
public class CheckRepaymentsWorker {

  static final String TYPE = "check-repayments";
  private final CaseAssessment assessment;
  private final CaseFile caseFile;
  private final LoanServicing servicing;

  public CheckRepaymentsWorker(CaseAssessment assessment, CaseFile caseFile, LoanServicing servicing) {
    this.assessment = assessment;
    this.caseFile = caseFile;
    this.servicing = servicing;
  }

  @JobWorker(type = TYPE, fetchVariables = {"applicationId", "nextRepaymentCheck"})
  public Map<String, Object> check(ActivatedJob job, @Variable String applicationId,
      @Variable String nextRepaymentCheck) {
    LocalDate asOf = LoanDates.dayOf(nextRepaymentCheck);
    RepaymentStatus status = servicing.repayments(applicationId, asOf).orElseThrow(() -> new IllegalStateException(
        applicationId + ": a repayment check without a recorded repayment schedule"));
    EarlyWarningResult warning = assessment.policy().earlyWarning(
        new LoanStanding(status.daysOverdue(), status.arrears(), null));
    List<Map<String, Object>> arrears = LoanServicing.arrears(status);
    List<Map<String, Object>> signals = warning.signals().stream()
        .map(s -> Variables.map("signal", s.signal(), "severity", s.severity().name(), "reasonZh", s.reasonZh(),
            "reasonEn", s.reasonEn())).toList();
    caseFile.recordStep(applicationId, "REPAYMENT_CHECK", Variables.map("asOf", asOf.toString(), "received",
        status.received(), "due", status.due(), "arrearsAmount", status.arrears(), "daysOverdue", status.daysOverdue(),
        "repaymentArrears", arrears, "warningLevel", warning.level().name(), "warningSignals", signals,
        "nextCheck", status.nextCheck() == null ? null : status.nextCheck().toString()),
        CaseAssessment.versions(warning.policyVersions()), TYPE, CaseAssessment.ref(job));
    List<Map<String, Object>> claims = servicing.newSubsidyClaims(applicationId, status);
    if (!claims.isEmpty()) {
      caseFile.recordStep(applicationId, LoanServicing.SUBSIDY_CLAIMS, Variables.map("asOf", asOf.toString(),
          "claims", claims), null, TYPE, CaseAssessment.ref(job));
    }
    return Variables.map("warningLevel", warning.level().name(), "warningSignals", signals, "repaymentArrears",
        arrears, "arrearsAmount", status.arrears(), "repaymentsCheckedOn", asOf.toString(), "nextRepaymentCheck",
        status.nextCheck() == null ? null : LoanDates.checkAt(status.nextCheck()).toString());
  }
}
