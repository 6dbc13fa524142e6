package cn.computeloan.process.worker;

import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.CaseFile;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Task_CloseMonitoring: the loan reached maturity; monitoring ends. */
@Component
public class CloseLoanMonitoringWorker {

  static final String TYPE = "close-loan-monitoring";
  private final CaseFile caseFile;

  public CloseLoanMonitoringWorker(CaseFile caseFile) {
    this.caseFile = caseFile;
  }

  @JobWorker(type = TYPE, fetchVariables = {"applicationId", "maturityDate"})
  public void close(ActivatedJob job, @Variable String applicationId, @Variable String maturityDate) {
    caseFile.recordStep(applicationId, "MONITORING_CLOSED", Map.of("maturityDate", maturityDate), null, TYPE,
        CaseAssessment.ref(job));
  }
}
