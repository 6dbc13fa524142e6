package cn.computeloan.process.worker;

import cn.computeloan.process.ApplicationStatus;
import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.CaseFile;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Task_DisburseLoan: books the disbursement in the case file and fixes the maturity date
 * (disbursement + approved term) that ends post-loan monitoring.
 */
@Component
public class DisburseLoanWorker {

  static final String TYPE = "disburse-loan";
  private final CaseFile caseFile;
  private final String monitoringInterval;

  public DisburseLoanWorker(CaseFile caseFile,
      @Value("${compute-loan.process.monitoring-interval:P3M}") String monitoringInterval) {
    this.caseFile = caseFile;
    this.monitoringInterval = monitoringInterval;
  }

  @JobWorker(type = TYPE, fetchVariables = "applicationId")
  public Map<String, Object> disburse(ActivatedJob job, @Variable String applicationId) {
    // what was signed, as recorded: the amount, term and agreement number of the AGREEMENT step
    List<CaseFile.RecordedStep> agreements = caseFile.recorded(applicationId, "AGREEMENT");
    if (agreements.isEmpty()) {
      throw new IllegalStateException(applicationId + ": no agreement recorded, nothing to disburse");
    }
    Map<String, Object> agreement = agreements.get(agreements.size() - 1).result();
    int termMonths = ((Number) agreement.get("termMonths")).intValue();
    Instant disbursedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant maturity = disbursedAt.atOffset(ZoneOffset.UTC).plusMonths(termMonths).toInstant();
    caseFile.recordStep(applicationId, "DISBURSEMENT", Variables.map("agreementNumber",
        agreement.get("agreementNumber"), "amount", agreement.get("approvedAmount"), "termMonths", termMonths,
        "disbursedAt", disbursedAt.toString(), "maturityDate", maturity.toString()), null, TYPE,
        CaseAssessment.ref(job));
    caseFile.changeStatus(applicationId, ApplicationStatus.DISBURSED, TYPE, CaseAssessment.ref(job));
    return Variables.map("disbursedAt", disbursedAt.toString(), "maturityDate", maturity.toString(),
        "monitoringInterval", monitoringInterval);
  }
}
