package cn.computeloan.process.worker;

import cn.computeloan.process.ApplicationStatus;
import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.CaseFile;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Task_CloseRejectedApplication and Task_CloseWithdrawnApplication: the final status. */
@Component
public class CloseApplicationWorker {

  static final String TYPE = "close-application";
  private final CaseFile caseFile;

  public CloseApplicationWorker(CaseFile caseFile) {
    this.caseFile = caseFile;
  }

  @JobWorker(type = TYPE, fetchVariables = {"applicationId", "closure"})
  public void close(ActivatedJob job, @Variable String applicationId, @Variable String closure) {
    ApplicationStatus status = ApplicationStatus.valueOf(closure);
    if (status != ApplicationStatus.REJECTED && status != ApplicationStatus.WITHDRAWN) {
      throw new IllegalArgumentException("closure must be REJECTED or WITHDRAWN, was " + closure);
    }
    caseFile.recordStep(applicationId, "CLOSURE", Map.of("status", status.name(), "endedAt", job.getElementId()),
        null, TYPE, CaseAssessment.ref(job));
    caseFile.changeStatus(applicationId, status, TYPE, CaseAssessment.ref(job));
  }
}
