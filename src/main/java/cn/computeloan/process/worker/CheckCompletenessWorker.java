package cn.computeloan.process.worker;

import cn.computeloan.credit.Violation;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.review.ApplicationValidator;
import cn.computeloan.process.ApplicationStatus;
import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.CaseFile;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Task_CheckCompleteness: an application is complete when nothing the policy needs is missing
 * (every {@code REQUIRED} violation of the application validator is a missing document or field).
 */
@Component
public class CheckCompletenessWorker {

  static final String TYPE = "check-application-completeness";
  private final CaseAssessment assessment;
  private final CaseFile caseFile;
  private final String supplementPeriod;

  public CheckCompletenessWorker(CaseAssessment assessment, CaseFile caseFile,
      @Value("${compute-loan.process.supplement-period:P14D}") String supplementPeriod) {
    this.assessment = assessment;
    this.caseFile = caseFile;
    this.supplementPeriod = supplementPeriod;
  }

  @JobWorker(type = TYPE, fetchVariables = "applicationId")
  public Map<String, Object> check(ActivatedJob job, @Variable String applicationId) {
    LoanApplication app = assessment.application(applicationId);
    List<String> missing = ApplicationValidator.validate(app, LocalDate.now(ZoneOffset.UTC))
        .stream().filter(v -> v.code().equals("REQUIRED")).map(Violation::field).toList();
    boolean complete = missing.isEmpty();
    caseFile.recordStep(applicationId, "COMPLETENESS", Map.of("complete", complete, "missingItems", missing),
        null, TYPE, CaseAssessment.ref(job));
    if (complete) {
      caseFile.changeStatus(applicationId, ApplicationStatus.IN_REVIEW, TYPE, CaseAssessment.ref(job));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("complete", complete);
    out.put("missingItems", missing);
    out.put("applicantName", app.applicant() == null ? null : app.applicant().name());
    out.put("product", app.product() == null ? null : app.product().name());
    out.put("requestedAmount", app.requestedAmount());
    out.put("supplementPeriod", supplementPeriod);
    return out;
  }
}
