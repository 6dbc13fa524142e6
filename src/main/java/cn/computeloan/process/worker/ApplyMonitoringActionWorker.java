package cn.computeloan.process.worker;

import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.CaseFile;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Task_ApplyMonitoringAction: files the risk manager's action (none, tighten covenants, demand
 * extra collateral, call the loan) in the case file, from where loan servicing carries it out.
 */
@Component
public class ApplyMonitoringActionWorker {

  static final String TYPE = "apply-monitoring-action";
  private static final Set<String> ACTIONS = Set.of("NONE", "TIGHTEN_COVENANTS", "DEMAND_COLLATERAL", "CALL_LOAN");
  private final CaseFile caseFile;

  public ApplyMonitoringActionWorker(CaseFile caseFile) {
    this.caseFile = caseFile;
  }

  @JobWorker(type = TYPE, fetchVariables = {"applicationId", "monitoringAction", "monitoringComment",
      "warningLevel"})
  public void apply(ActivatedJob job, @Variable String applicationId, @Variable String monitoringAction,
      @Variable(optional = true) String monitoringComment, @Variable String warningLevel) {
    if (!ACTIONS.contains(monitoringAction)) {
      throw new IllegalArgumentException("unknown monitoring action " + monitoringAction);
    }
    caseFile.recordStep(applicationId, "MONITORING_ACTION", Variables.map("action", monitoringAction,
        "comment", monitoringComment, "warningLevel", warningLevel), null, TYPE, CaseAssessment.ref(job));
  }
}
