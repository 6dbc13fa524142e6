package cn.computeloan.process.worker;

import cn.computeloan.process.ApplicationStatus;
import cn.computeloan.process.CaseAssessment;
import cn.computeloan.process.CaseFile;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Task_GenerateCreditAgreement: the approved amount is the lowest an approver agreed to (never
 * above the proposed limit); the agreement number is derived from the process instance, so a
 * retried job produces the same agreement.
 */
@Component
public class GenerateCreditAgreementWorker {

  static final String TYPE = "generate-credit-agreement";
  private final CaseFile caseFile;

  public GenerateCreditAgreementWorker(CaseFile caseFile) {
    this.caseFile = caseFile;
  }

  @JobWorker(type = TYPE, fetchVariables = {"applicationId", "proposedLimit", "approvalVotes",
      "approvedTermMonths", "finalRateBp"})
  public Map<String, Object> generate(ActivatedJob job, @Variable String applicationId,
      @Variable BigDecimal proposedLimit, @Variable List<Map<String, Object>> approvalVotes,
      @Variable Integer approvedTermMonths, @Variable Integer finalRateBp) {
    BigDecimal approved = approvalVotes.stream().filter(Objects::nonNull).map(v -> v.get("approvedAmount"))
        .filter(Objects::nonNull).map(a -> new BigDecimal(a.toString()))
        .reduce(proposedLimit, BigDecimal::min);
    String agreementNumber = "CL-" + applicationId + "-" + job.getProcessInstanceKey();
    Map<String, Object> agreement = Variables.map("agreementNumber", agreementNumber, "approvedAmount", approved,
        "termMonths", approvedTermMonths, "rateBp", finalRateBp, "votes", approvalVotes);
    caseFile.recordStep(applicationId, "AGREEMENT", agreement, null, TYPE, CaseAssessment.ref(job));
    caseFile.changeStatus(applicationId, ApplicationStatus.APPROVED, TYPE, CaseAssessment.ref(job));
    return Variables.map("approvedAmount", approved, "agreementNumber", agreementNumber);
  }
}
