package cn.computeloan.process.worker;

import cn.computeloan.credit.repayment.PlanTerms;
import cn.computeloan.credit.repayment.RepaymentSchedule;
import cn.computeloan.credit.repayment.RepaymentStatus;
import cn.computeloan.process.ApplicationStatus;
import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.CaseFile;
import cn.computeloan.process.LoanDates;
import cn.computeloan.process.MonitoringDates;
import cn.computeloan.process.RecordedPlans;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Task_DisburseLoan: books the disbursement in the case file and fixes the repayment schedule from
 * the day the money goes out (the signed plan's terms, {@code REPAYMENT_SCHEDULE}), which post-loan
 * monitoring follows: the first repayment check, the quarterly assessments and the end of monitoring
 * (after the last instalment's grace).
 */
@Component
public class DisburseLoanWorker {

  static final String TYPE = "disburse-loan";
  private final CaseFile caseFile;
  private final CaseAssessment assessment;
  private final String monitoringInterval;
  private final Clock clock;

  public DisburseLoanWorker(CaseFile caseFile, CaseAssessment assessment,
      @Value("${compute-loan.process.monitoring-interval:P3M}") String monitoringInterval, ObjectProvider<Clock> clock) {
    this.caseFile = caseFile;
    this.assessment = assessment;
    this.monitoringInterval = monitoringInterval;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  @JobWorker(type = TYPE, fetchVariables = "applicationId")
  public Map<String, Object> disburse(ActivatedJob job, @Variable String applicationId) {
    // what was signed, as recorded: the amount, term, plan and agreement number of the AGREEMENT step
    List<CaseFile.RecordedStep> agreements = caseFile.recorded(applicationId, "AGREEMENT");
    if (agreements.isEmpty()) {
      throw new IllegalStateException(applicationId + ": no agreement recorded, nothing to disburse");
    }
    Map<String, Object> agreement = agreements.get(agreements.size() - 1).result();
    int termMonths = ((Number) agreement.get("termMonths")).intValue();
    Instant disbursedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant maturity = disbursedAt.atOffset(ZoneOffset.UTC).plusMonths(termMonths).toInstant();
    Map<String, Object> booked = Variables.map("agreementNumber", agreement.get("agreementNumber"), "amount",
        agreement.get("approvedAmount"), "termMonths", termMonths, "disbursedAt", disbursedAt.toString(),
        "maturityDate", maturity.toString());
    String nextRepaymentCheck = null;
    String monitoringEndsAt = null;
    if (agreement.get("repaymentTerms") != null) {
      PlanTerms signed = RecordedPlans.terms(agreement.get("repaymentTerms"));
      PlanTerms disbursed = signed.withPrincipalAndStart(new BigDecimal(agreement.get("approvedAmount").toString()),
          LoanDates.dayOf(disbursedAt));
      RepaymentSchedule schedule = assessment.planner().scheduler().schedule(disbursed);
      int grace = assessment.policy().parameters().repaymentGraceDays();
      caseFile.recordStep(applicationId, RecordedPlans.SCHEDULE, Variables.map("disbursedOn",
          disbursed.startDate().toString(), "graceDays", grace, "schedule", RecordedPlans.json(schedule)), null, TYPE,
          CaseAssessment.ref(job));
      // nothing is paid yet: the first instalment's check comes first; monitoring ends after the last one's
      RepaymentStatus none = RepaymentStatus.of(schedule, List.of(), disbursed.startDate(), grace);
      nextRepaymentCheck = LoanDates.checkAt(none.nextCheck()).toString();
      maturity = LoanDates.checkAt(schedule.maturity());
      monitoringEndsAt = LoanDates.checkAt(schedule.maturity().plusDays(grace + 2L)).toString();
      booked.put("maturityDate", maturity.toString());
      booked.put("repaymentMethod", disbursed.method().name());
      booked.put("firstDueDate", schedule.periods().get(0).dueDate().toString());
    }
    caseFile.recordStep(applicationId, "DISBURSEMENT", booked, null, TYPE, CaseAssessment.ref(job));
    caseFile.changeStatus(applicationId, ApplicationStatus.DISBURSED, TYPE, CaseAssessment.ref(job));
    return Variables.map("disbursedAt", disbursedAt.toString(), "maturityDate", maturity.toString(),
        "monitoringInterval", monitoringInterval, "nextAssessmentAt",
        MonitoringDates.after(disbursedAt, monitoringInterval).toString(), "nextRepaymentCheck", nextRepaymentCheck,
        "monitoringEndsAt", monitoringEndsAt);
  }
}
