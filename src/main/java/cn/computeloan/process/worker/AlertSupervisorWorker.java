package cn.computeloan.process.worker;

import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.CaseFile;
import io.camunda.client.annotation.CustomHeaders;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The "Supervisor alerted" end events after a non-interrupting overdue timer: files an escalation
 * naming the overdue task (header {@code task}) in the case file, where supervisors' work lists
 * pick it up. The task itself stays open.
 */
@Component
public class AlertSupervisorWorker {

  static final String TYPE = "alert-supervisor";
  private final CaseFile caseFile;

  public AlertSupervisorWorker(CaseFile caseFile) {
    this.caseFile = caseFile;
  }

  @JobWorker(type = TYPE, fetchVariables = "applicationId")
  public void alert(ActivatedJob job, @Variable String applicationId, @CustomHeaders Map<String, String> headers) {
    caseFile.recordStep(applicationId, "ESCALATION", Map.of("kind", "SUPERVISOR_ALERTED", "overdueTask",
        headers.getOrDefault("task", "")),
        null, TYPE, CaseAssessment.ref(job));
  }
}
